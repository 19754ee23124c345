package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.jdbc.PostgresStores.StorageException;
import dev.oms.jdbc.testing.DataSourceBase;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * A transaction broken off midway (the connection lost after some statements, or the server
 * session killed) leaves no partial reservation and no event without its state change.
 */
class CrashTest {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final PostgresStores healthy = PostgresStores.on(LocalPostgres.dataSource());

    /** Connections that lose their link to the server after {@code statementsBeforeCrash} statements in all. */
    private static final class CrashingDataSource extends DataSourceBase {
        private final int statementsBeforeCrash;
        final AtomicInteger crashes = new AtomicInteger();
        private final AtomicInteger executed = new AtomicInteger();

        CrashingDataSource(int statementsBeforeCrash) {
            this.statementsBeforeCrash = statementsBeforeCrash;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = LocalPostgres.rawConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        Object result = invoke(c, method, args);
                        if (result instanceof java.sql.PreparedStatement ps) {
                            return Proxy.newProxyInstance(Connection.class.getClassLoader(),
                                    new Class<?>[] {java.sql.PreparedStatement.class}, (p2, m2, a2) -> {
                                        if (m2.getName().startsWith("execute")
                                                && executed.incrementAndGet() > statementsBeforeCrash) {
                                            crashes.incrementAndGet();
                                            c.close(); // the network is gone; the server rolls back
                                            throw new SQLException("connection lost (simulated)", "08006");
                                        }
                                        return invoke(ps, m2, a2);
                                    });
                        }
                        return result;
                    });
        }

        private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private long outboxSize() throws SQLException {
        try (Connection c = LocalPostgres.rawConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM oms_outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void a_reservation_broken_off_after_any_statement_leaves_nothing_behind() throws SQLException {
        Sku shirt = Sku.of("CRASH-SHIRT-" + run);
        Sku mug = Sku.of("CRASH-MUG-" + run);
        LocationId wh = LocationId.of("wh");
        InventoryService setup = InventoryService.builder(healthy.inventory()).clock(new ManualClock(AT))
                .ids(IdGenerator.sequential(run + "-setup")).build();
        for (Sku sku : new Sku[] {shirt, mug}) {
            setup.definePosition(sku, wh, new PositionSettings(Quantity.ZERO, Quantity.of(9), Quantity.of(20)));
            setup.receive(sku, wh, Quantity.of(10), Reference.of(Reference.Type.RECEIPT, "po-" + sku), CommandKey.of(
                    "po-" + sku));
        }
        OrderId order = OrderId.of("crash-" + run);
        ReserveRequest request = ReserveRequest.of(order, new ReserveLine(LineId.of("1"), shirt, wh, Quantity.of(2)),
                new ReserveLine(LineId.of("2"), mug, wh, Quantity.of(3)));
        int crashes = 0;
        for (int k = 0; ; k++) {
            CrashingDataSource crashing = new CrashingDataSource(k);
            InventoryService inventory = InventoryService.builder(PostgresStores.on(crashing).inventory())
                    .clock(new ManualClock(AT)).ids(IdGenerator.sequential(run + "-" + k)).build();
            long outbox = outboxSize();
            try {
                ReservationOutcome outcome = inventory.reserve(request, CommandKey.of("crash-key-" + run));
                assertThat(outcome).isInstanceOf(ReservationOutcome.Reserved.class);
                break;
            } catch (StorageException lost) {
                crashes++;
                // nothing of the broken change is there: no hold, no reservation, no movement, no event
                assertThat(healthy.inventory().position(PositionKey.of(shirt, wh)).orElseThrow().reserved())
                        .isEqualTo(Quantity.ZERO);
                assertThat(healthy.inventory().position(PositionKey.of(mug, wh)).orElseThrow().reserved())
                        .isEqualTo(Quantity.ZERO);
                assertThat(healthy.inventory().reservationsOf(order)).isEmpty();
                assertThat(healthy.inventory().movements(PositionKey.of(mug, wh))).hasSize(1);
                assertThat(healthy.inventory().findOperation(CommandKey.of("crash-key-" + run))).isEmpty();
                assertThat(outboxSize()).isEqualTo(outbox);
            }
            assertThat(k).as("the change finishes once enough statements get through").isLessThan(50);
        }
        assertThat(crashes).as("it was broken off at every statement before it succeeded").isGreaterThan(3);
        // after the successful attempt: both holds, the reservation, the low-stock signals, all of it
        assertThat(healthy.inventory().position(PositionKey.of(shirt, wh)).orElseThrow().reserved())
                .isEqualTo(Quantity.of(2));
        assertThat(healthy.inventory().position(PositionKey.of(mug, wh)).orElseThrow().reserved())
                .isEqualTo(Quantity.of(3));
        assertThat(healthy.inventory().reservationsOf(order)).hasSize(1);
    }

    @Test
    void an_order_change_broken_off_midway_leaves_no_event_without_its_state() throws SQLException {
        OrderService service = OrderService.builder(healthy.orders()).decider(OrderDecider.builder()
                .clock(new ManualClock(AT)).ids(IdGenerator.sequential(run + "-o")).build()).build();
        OrderId id = service.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("crash-" + run),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(AT)
                .line("1", "TEE", 1, Amounts.of("10.00", "EUR")).build()).order().id();
        Order before = healthy.orders().load(id).orElseThrow();
        int events = healthy.orders().events(id).size();
        for (int k = 0; k < 4; k++) {
            CrashingDataSource crashing = new CrashingDataSource(k);
            OrderService broken = OrderService.builder(PostgresStores.on(crashing).orders()).decider(
                    OrderDecider.builder().clock(new ManualClock(AT)).ids(IdGenerator.sequential(run + "-b" + k))
                            .build()).build();
            assertThatThrownBy(() -> broken.handle(id, OrderCommand.PlaceHold.of(HoldType.ADDRESS, "check")))
                    .isInstanceOf(StorageException.class);
            assertThat(healthy.orders().load(id)).contains(before);
            assertThat(healthy.orders().events(id)).hasSize(events);
        }
    }

    @Test
    void a_host_transaction_whose_session_dies_before_commit_leaves_nothing() throws SQLException {
        Sku sku = Sku.of("CRASH-HOST-" + run);
        LocationId wh = LocationId.of("wh");
        InventoryService inventory = InventoryService.builder(healthy.inventory()).clock(new ManualClock(AT))
                .ids(IdGenerator.sequential(run + "-host")).build();
        inventory.definePosition(sku, wh, PositionSettings.NONE);
        inventory.receive(sku, wh, Quantity.of(5), Reference.of(Reference.Type.RECEIPT, "po-h" + run),
                CommandKey.of("po-h" + run));
        Connection host = LocalPostgres.rawConnection();
        host.setAutoCommit(false);
        int pid;
        try (Statement s = host.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        OrderId order = OrderId.of("host-" + run);
        ReservationOutcome outcome = healthy.inTransaction(host, () -> inventory.reserve(ReserveRequest.of(order,
                new ReserveLine(LineId.of("1"), sku, wh, Quantity.of(4))), CommandKey.of("host-key-" + run)));
        assertThat(outcome).isInstanceOf(ReservationOutcome.Reserved.class);
        assertThat(healthy.inventory().position(PositionKey.of(sku, wh)).orElseThrow().reserved())
                .as("nothing is visible before the host commits").isEqualTo(Quantity.ZERO);
        try (Connection admin = LocalPostgres.rawConnection(); Statement s = admin.createStatement()) {
            s.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
        assertThatThrownBy(host::commit).isInstanceOf(SQLException.class);
        host.close();
        assertThat(healthy.inventory().position(PositionKey.of(sku, wh)).orElseThrow().reserved()).isEqualTo(Quantity.ZERO);
        assertThat(healthy.inventory().reservationsOf(order)).isEmpty();
        assertThat(healthy.inventory().findOperation(CommandKey.of("host-key-" + run))).isEmpty();
    }
}
