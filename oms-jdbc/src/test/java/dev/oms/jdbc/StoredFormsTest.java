package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.json.StoredJson;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.order.Order;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * A row PostgreSQL holds in the form an older oms wrote (no schema version, a city with a control
 * character the text limits now refuse) still loads, with the text repaired; the next save
 * writes the current form.
 */
class StoredFormsTest {
    @Test
    void an_order_stored_in_the_version_1_form_loads_and_is_saved_back_in_the_current_form() throws Exception {
        PostgresStores stores = PostgresStores.on(LocalPostgres.dataSource());
        OrderService orders = OrderService.builder(stores.orders()).build();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Order placed = orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("old-" + run),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(new Address("DE", "10115", "Berlin",
                        java.util.List.of("Invalidenstr. 1"), java.util.Optional.empty()))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).line("1", "TEE", 1, Amounts.of("9.99", "EUR"))
                .build(), CommandKey.of("old-" + run)).order();
        String v1 = StoredJson.write(placed, Order.class).replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",",
                "").replace("\"city\":\"Berlin\"", "\"city\":\"Ber\\u0007lin\"");
        try (Connection c = LocalPostgres.rawConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE oms_orders SET snapshot = ?::jsonb WHERE id = ?")) {
            ps.setString(1, v1);
            ps.setString(2, placed.id().value());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        Order loaded = orders.load(placed.id());
        assertThat(loaded.header().shippingAddress().city()).isEqualTo("Ber lin");
        assertThat(loaded.version()).isEqualTo(placed.version());
        Order held = orders.handle(placed.id(), dev.oms.core.OrderCommand.PlaceHold.of(
                dev.oms.spi.order.Order.HoldType.CUSTOMER_REQUEST, "wait"), CommandKey.of("hold-" + run)).order();
        try (Connection c = LocalPostgres.rawConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT snapshot->>'schemaVersion' FROM oms_orders WHERE id = ?")) {
            ps.setString(1, placed.id().value());
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(String.valueOf(StoredJson.SCHEMA_VERSION));
            }
        }
        assertThat(orders.load(held.id())).isEqualTo(held);
    }

    /** A refund account stored before refund shares were frozen (version 2) reads with none frozen. */
    @Test
    void a_refund_account_stored_before_frozen_shares_reads_with_none_and_is_saved_back_with_them() throws Exception {
        PostgresStores stores = PostgresStores.on(LocalPostgres.dataSource());
        String run = UUID.randomUUID().toString().substring(0, 8);
        dev.oms.spi.OrderId order = dev.oms.spi.OrderId.of("acct-" + run);
        dev.oms.spi.returns.RefundAccount account = new dev.oms.spi.returns.RefundAccount(order, 1,
                java.util.Map.of(dev.oms.spi.LineId.of("1"), new dev.oms.spi.returns.RefundAccount.RefundedUnits(1, 1,
                        0)), java.util.Map.of(dev.oms.spi.LineId.of("1"), new dev.oms.spi.returns.RefundAccount
                        .FrozenShares(3, Amounts.of("3.00", "EUR"), Amounts.of("4.90", "EUR"), Amounts.of("0.00",
                        "EUR"), java.util.Optional.empty())), java.util.Optional.empty(), java.util.Map.of());
        String current = StoredJson.write(account, dev.oms.spi.returns.RefundAccount.class);
        assertThat(current).startsWith("{\"schemaVersion\":" + StoredJson.SCHEMA_VERSION + ",");
        String v2 = current.replace("\"schemaVersion\":" + StoredJson.SCHEMA_VERSION, "\"schemaVersion\":2")
                .replaceAll(",\"shares\":\\[.*\\],\"beforeCashRounding\":null,\"goodwill\":\\[\\]}$", "}");
        assertThat(v2).doesNotContain("shares");
        try (Connection c = LocalPostgres.rawConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO oms_refund_accounts (order_id, version, body) VALUES (?, 1, ?::jsonb)")) {
            ps.setString(1, order.value());
            ps.setString(2, v2);
            ps.executeUpdate();
        }
        dev.oms.spi.returns.RefundAccount read = stores.returns().refundAccount(order);
        assertThat(read.shares()).isEmpty();
        assertThat(read.lines()).isEqualTo(account.lines());
        assertThat(read.withShares(account.shares())).isEqualTo(account);
    }
}
