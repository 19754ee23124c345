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
import dev.oms.spi.OmsException.DuplicateExternalOrderException;
import dev.oms.spi.OrderId;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/** oms operations inside the host's own transaction: one commit or one rollback for the host's and oms's writes. */
class HostTransactionTest {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final PostgresStores stores = PostgresStores.on(LocalPostgres.dataSource());
    private final OrderService orders = OrderService.builder(stores.orders()).decider(OrderDecider.builder()
            .clock(new ManualClock(AT)).ids(IdGenerator.sequential("ht-" + run)).build()).build();

    private PlaceOrder order(String external) {
        return PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(external), CustomerRef.of("c"),
                Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(AT)
                .line("1", "TEE", 1, Amounts.of("10.00", "EUR")).build();
    }

    private static void hostWrite(Connection c, String note) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("CREATE TABLE IF NOT EXISTS host_audit (note text)")) {
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO host_audit (note) VALUES (?)")) {
            ps.setString(1, note);
            ps.executeUpdate();
        }
    }

    private static boolean audited(String note) throws Exception {
        try (Connection c = LocalPostgres.rawConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM host_audit WHERE note = ?")) {
            ps.setString(1, note);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    @Test
    void the_host_commits_its_writes_and_omss_together_or_rolls_both_back() throws Exception {
        try (Connection c = LocalPostgres.rawConnection()) {
            c.setAutoCommit(false);
            hostWrite(c, "setup-" + run);
            c.commit();
            OrderId kept = stores.inTransaction(c, () -> orders.place(order("ht-kept-" + run)).order().id());
            hostWrite(c, "kept-" + run);
            assertThat(stores.orders().load(kept)).as("invisible to others before the commit").isEmpty();
            c.commit();
            assertThat(stores.orders().load(kept)).isPresent();
            assertThat(audited("kept-" + run)).isTrue();

            OrderId dropped = stores.inTransaction(c, () -> orders.place(order("ht-dropped-" + run)).order().id());
            hostWrite(c, "dropped-" + run);
            c.rollback();
            assertThat(stores.orders().load(dropped)).isEmpty();
            assertThat(audited("dropped-" + run)).isFalse();
        }
    }

    @Test
    void a_refused_command_inside_the_hosts_transaction_does_not_abort_it() throws Exception {
        try (Connection c = LocalPostgres.rawConnection()) {
            c.setAutoCommit(false);
            hostWrite(c, "before-" + run);
            OrderId confirmed = stores.inTransaction(c, () -> {
                OrderId id = orders.place(order("ht-new-" + run)).order().id();
                orders.handle(id, OrderCommand.PlaceHold.of(HoldType.ADDRESS, "check"));
                assertThatThrownBy(() -> orders.handle(id, OrderCommand.PlaceHold.of(HoldType.ADDRESS, "twice")))
                        .isInstanceOf(dev.oms.spi.RuleViolationException.class);
                orders.handle(id, OrderCommand.ReleaseHold.of(HoldType.ADDRESS, "fine"));
                return orders.handle(id, new OrderCommand.Confirm()).order().id();
            });
            hostWrite(c, "after-" + run);
            c.commit();
            assertThat(stores.orders().load(confirmed).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(audited("before-" + run)).isTrue();
            assertThat(audited("after-" + run)).isTrue();
        }
    }

    @Test
    void a_duplicate_channel_order_inside_the_hosts_transaction_is_refused_and_the_rest_commits() throws Exception {
        orders.place(order("ht-taken-" + run));
        OrderDecider other = OrderDecider.builder().clock(new ManualClock(AT)).ids(IdGenerator.sequential("dup-" + run))
                .build();
        try (Connection c = LocalPostgres.rawConnection()) {
            c.setAutoCommit(false);
            OrderId fresh = stores.inTransaction(c, () -> {
                var twin = other.place(order("ht-taken-" + run)).orThrow();
                assertThatThrownBy(() -> stores.orders().save(new dev.oms.spi.store.OrderStore.OrderChange(twin.order(), 0,
                        twin.events(), java.util.Optional.empty(), dev.oms.core.OrderTotals.of(twin.order()).grandTotal())))
                        .isInstanceOf(DuplicateExternalOrderException.class);
                return orders.place(order("ht-fresh-" + run)).order().id();
            });
            c.commit();
            assertThat(stores.orders().load(fresh)).isPresent();
        }
    }
}
