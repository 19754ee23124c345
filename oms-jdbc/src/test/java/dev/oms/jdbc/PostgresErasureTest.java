package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.PlaceOrder;
import dev.oms.fakes.FakeCarrier;
import dev.oms.fakes.FakeFraudScreen;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.fakes.ManualClock;
import dev.oms.flow.FlowResult;
import dev.oms.flow.FlowStores;
import dev.oms.flow.OrderFlow;
import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.OrderEdit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * The erasure of an order's personal data on PostgreSQL, checked where it matters: every row of
 * every oms table, published and unpublished outbox rows included, is searched for what the
 * customer and the agents wrote, before the erasure (found) and after it (gone).
 */
class PostgresErasureTest {
    private static final LocationId BERLIN = LocationId.of("wh-berlin");
    private static final Address HOME = new Address("DE", "14467", "Potsdam", List.of("Am Neuen Garten 7"),
            Optional.empty());
    private static final Address NEW_HOME = new Address("DE", "14467", "Potsdam", List.of("Bahnhofstr. 9"),
            Optional.empty());
    private static final List<String> PERSONAL = List.of("gdpr-customer-7", "Am Neuen Garten", "Potsdam", "14467",
            "Bahnhofstr", "+49 30 1234", "Ms Weber");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final AtomicLong keys = new AtomicLong();

    private CommandKey key() {
        return CommandKey.of("k-" + keys.incrementAndGet());
    }

    @Test
    void no_row_of_any_oms_table_keeps_the_personal_data_of_an_erased_order() throws Exception {
        try (LocalPostgres.Temporary db = LocalPostgres.temporary(2)) {
            PostgresStores stores = PostgresStores.on(db.dataSource());
            OrderFlow flow = OrderFlow.builder(FlowStores.of(stores.orders(), stores.inventory(), stores.fulfillment(),
                            stores.returns(), stores.processes()))
                    .payments(new FakePaymentGateway()).fraud(new FakeFraudScreen()).carrier(new FakeCarrier("parcelco"))
                    .locations(Location.builder(BERLIN, LocationType.WAREHOUSE, Coordinates.of(52.52, 13.40),
                            Amounts.of("4.00", "EUR")).serves("DE").build())
                    .clock(clock).ids(IdGenerator.sequential("pg-erase")).build();
            flow.inventory().definePosition(Sku.of("TEE"), BERLIN, PositionSettings.NONE);
            flow.inventory().receive(Sku.of("TEE"), BERLIN, Quantity.of(10), Reference.of(Reference.Type.RECEIPT,
                    "po-1"), key());

            FlowResult accepted = flow.accept(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("web-1"),
                            CustomerRef.of("gdpr-customer-7"), Monetary.getCurrency("EUR")).billTo(HOME).shipTo(HOME)
                    .placedAt(clock.instant()).shipping("standard", Amounts.of("4.90", "EUR"), Amounts.of("0.93", "EUR"))
                    .line("1", "TEE", 2, Amounts.of("20.00", "EUR")).build(), key());
            OrderId id = accepted.order().id();
            flow.placeHold(id, HoldType.CUSTOMER_REQUEST, "call", "customer asked to call +49 30 1234", key());
            flow.releaseHold(id, HoldType.CUSTOMER_REQUEST, "call", "Ms Weber called back", key());
            flow.commitEdit(flow.previewEdit(id, List.of(new OrderEdit.ChangeShippingAddress(NEW_HOME))), key());
            for (FulfillmentOrder fo : flow.fulfillment().ofOrder(id)) {
                flow.startPicking(fo.id(), key());
                flow.pack(fo.id(), key());
                List<LineQuantity> lines = flow.fulfillment().load(fo.id()).lines().stream()
                        .filter(l -> l.open().isPositive()).map(l -> new LineQuantity(l.lineId(), l.open())).toList();
                Shipment parcel = flow.ship(fo.id(), lines, key()).shipments().get(0);
                clock.advance(Duration.ofHours(1));
                flow.track(new TrackingUpdate("d-" + parcel.trackingNumber(), parcel.trackingNumber(),
                        ShipmentStatus.DELIVERED, clock.instant().minusSeconds(60), "left with Ms Weber"));
            }
            var rma = flow.requestReturn(ReturnDraft.returnOf(id, LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                    key());
            flow.returns().cancel(rma.id(), "Ms Weber kept it after all", key());
            assertThat(flow.orders().load(id).status()).isEqualTo(OrderStatus.COMPLETED);
            // some rows published (their bodies stay in the outbox until purged), the rest not
            new OutboxRelay(db.dataSource(), e -> { }, 5, 3).relayBatch();

            Map<String, Integer> before = rowsHolding(db, PERSONAL);
            for (String personal : PERSONAL) {
                assertThat(before.get(personal)).as("rows holding " + personal + " before").isPositive();
            }

            flow.erasePersonalData(id, CommandKey.of("gdpr-1"));

            assertThat(rowsHolding(db, PERSONAL)).as("rows holding each text after the erasure")
                    .allSatisfy((text, rows) -> assertThat(rows).as(text).isZero());
            assertThat(flow.orders().load(id).header().customer().value()).isEqualTo("erased");
            assertThat(flow.orders().decider().replay(flow.orders().history(id))).isEqualTo(flow.orders().load(id));
        }
    }

    @Test
    void a_rewrite_that_is_not_the_erasure_of_the_logged_event_is_refused_by_the_stores() throws Exception {
        try (LocalPostgres.Temporary db = LocalPostgres.temporary(1)) {
            for (dev.oms.spi.store.OrderStore store : List.of(PostgresStores.on(db.dataSource()).orders(),
                    new dev.oms.core.memory.InMemoryOrderStore())) {
                dev.oms.core.OrderService orders = dev.oms.core.OrderService.builder(store).build();
                OrderId id = orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("forged-" + store
                                .getClass().getSimpleName()), CustomerRef.of("c-1"), Monetary.getCurrency("EUR"))
                        .shipTo(Address.of("DE", "10115")).placedAt(clock.instant())
                        .line("1", "TEE", 1, Amounts.of("20.00", "EUR")).build()).order().id();
                orders.handle(id, new dev.oms.core.OrderCommand.RecordAuthorisation(Amounts.of("20.00", "EUR"),
                        dev.oms.spi.PaymentReference.of("psp-1")));
                orders.handle(id, new dev.oms.core.OrderCommand.Cancel(dev.oms.spi.order.CancelReason.OTHER, ""));
                var cancelled = orders.load(id);
                var history = orders.history(id);
                var authorised = (dev.oms.spi.event.OrderEvent.PaymentAuthorised) history.get(1);
                // holds no personal data, but changes the amount: not an erasure of what is logged
                var forged = new OrderEvent.PaymentAuthorised(authorised.metadata(), Amounts.of("0.01", "EUR"),
                        authorised.reference());
                var erasure = orders.decider().decide(cancelled, new dev.oms.core.OrderCommand.ErasePersonalData())
                        .orThrow();
                assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(dev.oms.spi.InvalidInputException.class,
                        () -> store.save(new dev.oms.spi.store.OrderStore.OrderChange(erasure.order(), cancelled.version(),
                                erasure.events(), Optional.empty(), List.of(forged),
                                dev.oms.core.OrderTotals.of(erasure.order()).grandTotal())))).as(store.getClass().getSimpleName())
                        .hasMessageContaining("not the erasure");
                assertThat(orders.history(id)).isEqualTo(history);
                assertThat(orders.load(id)).isEqualTo(cancelled);
            }
        }
    }

    /** For each text, the rows of all oms tables whose whole row, as text, contains it. */
    private static Map<String, Integer> rowsHolding(LocalPostgres.Temporary db, List<String> texts) throws Exception {
        Map<String, Integer> rows = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = current_schema() AND table_name LIKE 'oms\\_%' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("oms_orders", "oms_order_events", "oms_outbox", "oms_processes",
                    "oms_fulfillment_orders", "oms_fulfillment_events", "oms_returns", "oms_return_events",
                    "oms_command_keys", "oms_shipments");
            for (String text : texts) {
                int found = 0;
                for (String table : tables) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table
                            + " t WHERE strpos(t::text, ?) > 0")) {
                        ps.setString(1, text);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            found += rs.getInt(1);
                        }
                    }
                }
                rows.put(text, found);
            }
        }
        return rows;
    }
}
