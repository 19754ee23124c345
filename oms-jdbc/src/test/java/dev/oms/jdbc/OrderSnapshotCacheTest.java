package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.fakes.ManualClock;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * The order store's cache of decoded snapshots: a load always returns the committed row, whichever
 * instance wrote it and also when it was changed by hand; an unchanged row is not decoded again; what a host's transaction wrote or read
 * never enters the cache, so a rollback leaves nothing behind.
 */
class OrderSnapshotCacheTest {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Two instances on one database, as two JVMs: each has a cache of its own. */
    private final PostgresStores here = PostgresStores.on(LocalPostgres.dataSource());
    private final PostgresStores there = PostgresStores.on(LocalPostgres.anotherInstance(2));
    private final OrderService ordersHere = service(here, "here");
    private final OrderService ordersThere = service(there, "there");

    private OrderService service(PostgresStores stores, String name) {
        return OrderService.builder(stores.orders()).decider(OrderDecider.builder().clock(new ManualClock(AT))
                .ids(IdGenerator.sequential(name + "-" + run)).build()).build();
    }

    private OrderId placed() {
        return ordersHere.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("sc-" + run),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(AT)
                .line("1", "TEE", 1, Amounts.of("10.00", "EUR")).build()).order().id();
    }

    private static void sql(String statement, String id) throws Exception {
        try (Connection c = LocalPostgres.rawConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void a_load_returns_what_another_instance_committed_since() {
        OrderId id = placed();
        assertThat(here.orders().load(id).orElseThrow().version()).isEqualTo(1);
        ordersThere.handle(id, OrderCommand.PlaceHold.of(HoldType.ADDRESS, "check"));
        Order seen = here.orders().load(id).orElseThrow();
        assertThat(seen.version()).isEqualTo(2);
        assertThat(seen.isOnHold()).isTrue();
        ordersThere.handle(id, OrderCommand.ReleaseHold.of(HoldType.ADDRESS, "fine"));
        ordersHere.handle(id, new OrderCommand.Confirm());
        assertThat(there.orders().load(id).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(here.orders().load(id).orElseThrow()).isEqualTo(there.orders().load(id).orElseThrow());
    }

    @Test
    void an_unchanged_row_is_not_decoded_again_and_a_changed_one_is_even_when_changed_by_hand() throws Exception {
        OrderId id = placed();
        Order saved = here.orders().load(id).orElseThrow();
        assertThat(here.orders().load(id).orElseThrow()).as("the cached order, not decoded again").isSameAs(saved);
        Order decodedThere = there.orders().load(id).orElseThrow();
        assertThat(decodedThere).isEqualTo(saved).isNotSameAs(saved);
        // the row's JSON replaced by hand, its version and update time kept (a repair, a migration):
        // the row's xmin changed, so both instances read and decode it again
        sql("UPDATE oms_orders SET snapshot = '{\"schemaVersion\": 2}'::jsonb WHERE id = ?", id.value());
        assertThatThrownBy(() -> here.orders().load(id)).as("a row changed by hand is decoded")
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> there.orders().load(id)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void what_a_rolled_back_host_transaction_wrote_or_read_is_not_cached() throws Exception {
        OrderId id = placed();
        here.orders().load(id);
        try (Connection c = LocalPostgres.rawConnection()) {
            c.setAutoCommit(false);
            here.inTransaction(c, () -> {
                ordersHere.handle(id, OrderCommand.PlaceHold.of(HoldType.ADDRESS, "rolled back"));
                return here.orders().load(id); // version 2, never committed
            });
            c.rollback();
        }
        // version 2 as committed by the other instance, at the same update time as the rolled-back one
        ordersThere.handle(id, new OrderCommand.Confirm());
        Order loaded = here.orders().load(id).orElseThrow();
        assertThat(loaded.version()).isEqualTo(2);
        assertThat(loaded.isOnHold()).isFalse();
        assertThat(loaded.status()).isEqualTo(OrderStatus.CONFIRMED);
    }
}
