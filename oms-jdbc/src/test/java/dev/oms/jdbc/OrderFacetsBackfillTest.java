package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.Quantity;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.PaymentStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * Orders saved before schema 10 get their query columns from the migration's backfill, from their
 * snapshots: the same values a save writes, but for the payment status of an order with a capture
 * and no refund, which needs the grand total and stays empty until the order's next save.
 */
class OrderFacetsBackfillTest {
    private static final String COLUMNS = "status, payment_status, fulfillment_status, customer, tags::text, "
            + "skus::text, hold_types::text, placed_nanos, updated_nanos";

    @Test
    void the_backfill_writes_what_a_save_writes() throws Exception {
        try (LocalPostgres.Temporary db = LocalPostgres.temporary(2)) {
            OrderService orders = OrderService.builder(PostgresStores.on(db.dataSource()).orders()).build();
            List<OrderId> ids = new ArrayList<>();
            OrderId held = place(orders, ids, "2026-11-01T09:00:00.123456789Z", "TEE", "MUG");
            orders.handle(held, new OrderCommand.PlaceHold(HoldType.FRAUD_REVIEW, "screen", "score"));
            OrderId authorised = place(orders, ids, "2026-11-01T09:00:00.5Z", "CAP");
            orders.handle(authorised, new OrderCommand.RecordAuthorisation(total(orders, authorised),
                    PaymentReference.of("a")));
            OrderId captured = place(orders, ids, "1969-12-31T23:59:59.25Z", "TEE");
            orders.handle(captured, new OrderCommand.RecordAuthorisation(total(orders, captured),
                    PaymentReference.of("a")));
            orders.handle(captured, new OrderCommand.RecordCapture(total(orders, captured), PaymentReference.of("c")));
            OrderId refunded = place(orders, ids, "2026-11-01T09:00:00Z", "TEE", "TEE2");
            orders.handle(refunded, new OrderCommand.RecordAuthorisation(total(orders, refunded),
                    PaymentReference.of("a")));
            orders.handle(refunded, new OrderCommand.RecordCapture(total(orders, refunded), PaymentReference.of("c")));
            orders.handle(refunded, new OrderCommand.RecordRefund(total(orders, refunded).divide(2),
                    PaymentReference.of("r")));
            OrderId shipped = place(orders, ids, "2026-11-02T10:00:00.001Z", "SOCK");
            LineQuantity two = new LineQuantity(LineId.of("1"), Quantity.of(2));
            orders.handle(shipped, new OrderCommand.Confirm());
            orders.handle(shipped, new OrderCommand.Allocate(LocationId.of("wh"), List.of(two)));
            orders.handle(shipped, new OrderCommand.Ship(ShipmentId.of("s"), List.of(new LineQuantity(LineId.of("1"),
                    Quantity.of(1)))));
            // instants the backfill must read exactly, or saturate as Java does
            place(orders, ids, "2026-11-02T10:00:00.9999999Z", "CAP");
            place(orders, ids, "2300-01-01T00:00:00.5Z", "CAP");
            place(orders, ids, "+10000-01-01T00:00:00Z", "CAP");
            place(orders, ids, "1000-06-01T00:00:00Z", "CAP");
            OrderId delivered = place(orders, ids, "2026-11-02T10:00:00.002Z", "SOCK");
            orders.handle(delivered, new OrderCommand.Confirm());
            orders.handle(delivered, new OrderCommand.Allocate(LocationId.of("wh"), List.of(two)));
            orders.handle(delivered, new OrderCommand.Ship(ShipmentId.of("s2"), List.of(two)));
            orders.handle(delivered, new OrderCommand.Deliver(ShipmentId.of("s2"), List.of(two), Optional.empty()));

            Map<String, List<Object>> saved = columns(db);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE oms_orders SET (" + COLUMNS.replace("::text", "") + ") = "
                        + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
                try (ResultSet rs = s.executeQuery("SELECT oms_order_facets_backfill()")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(ids.size());
                }
            }
            Map<String, List<Object>> filled = columns(db);
            for (OrderId id : ids) {
                List<Object> expected = new ArrayList<>(saved.get(id.value()));
                Order order = orders.load(id);
                if (OrderTotals.paymentStatus(order) == PaymentStatus.PAID) {
                    expected.set(1, null); // needs the grand total
                }
                assertThat(filled.get(id.value())).as(id + " " + order.status()).isEqualTo(expected);
            }
            assertThat(saved.values()).extracting(v -> v.get(2)).as("fulfilment statuses met")
                    .contains("UNFULFILLED", "PARTIALLY_FULFILLED", "DELIVERED");
        }
    }

    private static OrderId place(OrderService orders, List<OrderId> ids, String placedAt, String... skus) {
        PlaceOrder.Builder b = PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("bf-" + ids.size()),
                CustomerRef.of("c" + ids.size()), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse(placedAt)).tag("t" + ids.size()).tag("vip");
        for (int i = 0; i < skus.length; i++) {
            b.line(String.valueOf(i + 1), skus[i], 2, Amounts.of("10.00", "EUR"));
        }
        OrderId id = orders.place(b.build()).order().id();
        ids.add(id);
        return id;
    }

    private static javax.money.MonetaryAmount total(OrderService orders, OrderId id) {
        return OrderTotals.of(orders.load(id)).grandTotal();
    }

    private static Map<String, List<Object>> columns(LocalPostgres.Temporary db) throws Exception {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, " + COLUMNS + " FROM oms_orders ORDER BY id")) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 2; i <= 10; i++) {
                    row.add(rs.getObject(i));
                }
                out.put(rs.getString(1), row);
            }
        }
        return out;
    }
}
