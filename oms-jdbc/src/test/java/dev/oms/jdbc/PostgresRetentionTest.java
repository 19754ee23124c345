package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.flow.FlowStores;
import dev.oms.flow.Retention;
import dev.oms.flow.Retention.Purged;
import dev.oms.flow.Retention.RetentionPolicy;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * The purges on PostgreSQL: nothing younger than its horizon goes; past it, command keys,
 * published events, closed reservations and set-aside rows go in bounded batches, while active
 * reservations and unpublished events stay, and the stock still reconciles.
 */
class PostgresRetentionTest {
    private static final Sku SKU = Sku.of("KEEP");
    private static final LocationId AT = LocationId.of("wh-1");

    @Test
    void each_purge_deletes_only_what_is_past_its_horizon_and_what_is_kept_still_reconciles() throws Exception {
        try (LocalPostgres.Temporary db = LocalPostgres.temporary(2)) {
            PostgresStores stores = PostgresStores.on(db.dataSource());
            OrderService orders = OrderService.builder(stores.orders()).build();
            InventoryService inventory = InventoryService.builder(stores.inventory()).build();
            CommandKey placeKey = CommandKey.of("place-1");
            OrderId first = orders.place(order("r-1"), placeKey).order().id();
            new OutboxRelay(db.dataSource(), e -> { }, 10, 3).relayAll();
            OrderId unpublished = orders.place(order("r-2"), CommandKey.of("place-2")).order().id();
            inventory.definePosition(SKU, AT, PositionSettings.NONE);
            CommandKey receiveKey = CommandKey.of("receive-1");
            inventory.receive(SKU, AT, Quantity.of(10), Reference.of(Reference.Type.RECEIPT, "po-1"), receiveKey);
            Reservation released = reserve(inventory, first, 3);
            inventory.release(released.id(), CommandKey.of("release-1"));
            Reservation active = reserve(inventory, unpublished, 2);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO oms_outbox (stream, event_id, body, set_aside_at) "
                        + "VALUES ('order', 'poison', '{}', now())");
            }
            FlowStores flowStores = FlowStores.of(stores.orders(), stores.inventory(), stores.fulfillment(),
                    stores.returns(), stores.processes());
            OutboxRelay relay = new OutboxRelay(db.dataSource(), e -> { }, 10, 3);

            Duration hour = Duration.ofHours(1);
            assertThat(Retention.of(flowStores, Clock.systemUTC(), new RetentionPolicy(hour, hour, hour, hour, hour, 2))
                    .purgeAll()).isEqualTo(Purged.NOTHING);
            assertThat(relay.purgeSetAside(hour, 10)).isZero();

            Purged purged = Retention.of(flowStores, Clock.systemUTC(), new RetentionPolicy(Duration.ZERO,
                    Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 2)).purgeAll();
            assertThat(purged.commandKeys()).as("2 placements, receive, 2 reservations, release").isEqualTo(6);
            assertThat(purged.publishedEvents()).as("the first order's event").isEqualTo(1);
            assertThat(purged.closedReservations()).isEqualTo(1);
            assertThat(purged.foldedMovements()).as("receive, 2 holds, a release").isEqualTo(4);
            assertThat(stores.inventory().movements(dev.oms.spi.inventory.PositionKey.of(SKU, AT))).isEmpty();
            assertThat(stores.inventory().ledgerTail(dev.oms.spi.inventory.PositionKey.of(SKU, AT))).hasValueSatisfying(
                    t -> assertThat(t.checkpoint().onHand()).isEqualTo(10));
            assertThat(relay.purgeSetAside(Duration.ZERO, 10)).isEqualTo(1);

            assertThat(stores.orders().findCommand(placeKey)).isEmpty();
            assertThat(stores.inventory().findOperation(receiveKey)).isEmpty();
            assertThat(stores.inventory().reservation(released.id())).isEmpty();
            assertThat(stores.inventory().reservation(active.id())).hasValueSatisfying(r ->
                    assertThat(r.status().isActive()).isTrue());
            assertThat(stores.orders().unpublished(10)).singleElement().satisfies(e ->
                    assertThat(e.event().orderId()).isEqualTo(unpublished));
            assertThat(count(db, "SELECT count(*) FROM oms_outbox WHERE published OR set_aside_at IS NOT NULL"))
                    .isZero();
            assertThat(inventory.position(SKU, AT).reserved()).isEqualTo(Quantity.of(2));
            assertThat(inventory.reconcile(List.of(SKU)).balanced()).isTrue();
            assertThat(orders.load(first).version()).isEqualTo(1);

            assertThatThrownBy(() -> stores.orders().purgeCommandKeys(Duration.ofSeconds(-1), 10))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("olderThan");
            assertThatThrownBy(() -> stores.inventory().purgeClosedReservations(Duration.ZERO, 0))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("limit");
        }
    }

    private static Reservation reserve(InventoryService inventory, OrderId order, long units) {
        return inventory.reserve(new ReserveRequest(order, List.of(new ReserveLine(LineId.of("1"), SKU, AT,
                Quantity.of(units))), ReservePolicy.ALL_OR_NOTHING, Optional.empty(), 0),
                CommandKey.of("reserve-" + order)).reservation().orElseThrow();
    }

    private static PlaceOrder order(String external) {
        return PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(external), CustomerRef.of("c-1"),
                Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).line("1", "KEEP", 1, Amounts.of("9.99", "EUR"))
                .build();
    }

    private static long count(LocalPostgres.Temporary db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
