package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.jdbc.PostgresStores.PostgresSettings;
import dev.oms.jdbc.PostgresStores.StorageException;
import dev.oms.jdbc.testing.DataSourceBase;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Group commit on PostgreSQL: reservations made at the same time are written by one statement,
 * and each caller gets exactly the outcome it would get alone after the ones before it.
 *
 * <p>The batches are formed deterministically, without timing: another connection holds the hot
 * row's lock, so the first two callers' statements wait in the database (two batches may be in
 * flight at once); each following caller is
 * started only once the one before it waits in the queue (its thread is parked in the
 * combiner), so the queue's order is known; then the lock is released. What the tests wait for
 * are conditions (a parked thread, a backend waiting for a lock), never a duration.
 */
class GroupCommitTest {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private static final String BATCH_SQL = "oms_reserve_together";
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Sku hot = Sku.of("GC-HOT-" + run);
    private final Sku other = Sku.of("GC-OTHER-" + run);
    private final LocationId wh = LocationId.of("wh-" + run);

    /** Connections whose batch statements are counted, and one of which can be cut. */
    private static final class Watched extends DataSourceBase {
        final AtomicInteger batches = new AtomicInteger();
        /** Batch statements that ran to their answer. */
        final AtomicInteger succeeded = new AtomicInteger();
        /** Batch statements that ended with OMS01: a position could not take the batch. */
        final AtomicInteger short_ = new AtomicInteger();
        /** The batch statement (1 = the first) after which the connection is lost; 0 = none. */
        volatile int cutAfter;
        /** Whether the cut batch statement ran (and committed) before the connection was lost. */
        volatile boolean ranBeforeCut;

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = LocalPostgres.rawConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        Object result = invoke(c, method, args);
                        if (result instanceof PreparedStatement ps && ((String) args[0]).contains(BATCH_SQL)) {
                            return Proxy.newProxyInstance(Connection.class.getClassLoader(),
                                    new Class<?>[] {PreparedStatement.class}, (p2, m2, a2) -> {
                                        if (!m2.getName().startsWith("execute")) {
                                            return invoke(ps, m2, a2);
                                        }
                                        int n = batches.incrementAndGet();
                                        if (n != cutAfter) {
                                            try {
                                                Object answer = invoke(ps, m2, a2);
                                                succeeded.incrementAndGet();
                                                return answer;
                                            } catch (SQLException e) {
                                                if ("OMS01".equals(e.getSQLState())) {
                                                    short_.incrementAndGet();
                                                }
                                                throw e;
                                            }
                                        }
                                        if (ranBeforeCut) {
                                            invoke(ps, m2, a2);
                                        }
                                        c.close(); // the network is gone before the answer came
                                        throw new SQLException("connection lost (simulated)", "08006");
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

    /** A caller on its own thread, with what it got. */
    private static final class Caller {
        final Thread thread;
        final AtomicReference<Object> got = new AtomicReference<>();

        Caller(Supplier<Object> work) {
            thread = new Thread(() -> {
                try {
                    got.set(work.get());
                } catch (RuntimeException e) {
                    got.set(e);
                }
            });
        }

        Object join() throws InterruptedException {
            thread.join(120_000);
            assertThat(thread.isAlive()).as("the caller finished").isFalse();
            return got.get();
        }
    }

    private final Watched watched = new Watched();
    private final PostgresStores stores = PostgresStores.on(watched, PostgresSettings.defaults());
    private final InventoryService inventory = service(stores, "gc");

    private InventoryService service(PostgresStores on, String ids) {
        return InventoryService.builder(on.inventory()).clock(new ManualClock(AT))
                .ids(IdGenerator.sequential(run + "-" + ids)).build();
    }

    private void stock(Sku sku, long units, PositionSettings settings) {
        inventory.definePosition(sku, wh, settings);
        inventory.receive(sku, wh, Quantity.of(units), Reference.of(Reference.Type.RECEIPT, "po-" + sku),
                CommandKey.of("po-" + sku));
    }

    private ReserveRequest request(String order, Object... skuAndUnits) {
        List<ReserveLine> lines = new ArrayList<>();
        for (int i = 0; i < skuAndUnits.length; i += 2) {
            lines.add(new ReserveLine(LineId.of(String.valueOf(i / 2 + 1)), (Sku) skuAndUnits[i], wh,
                    Quantity.of((Integer) skuAndUnits[i + 1])));
        }
        return ReserveRequest.of(OrderId.of(order), lines.toArray(ReserveLine[]::new));
    }

    /** A careless host's ids: fresh ones, but always the same reservation id. */
    private static IdGenerator reusing(dev.oms.spi.ReservationId id, IdGenerator fresh) {
        return new IdGenerator() {
            @Override
            public OrderId newOrderId() {
                return fresh.newOrderId();
            }

            @Override
            public dev.oms.spi.EventId newEventId() {
                return fresh.newEventId();
            }

            @Override
            public dev.oms.spi.ReservationId newReservationId() {
                return id;
            }
        };
    }

    private Caller reserving(InventoryService by, String key, ReserveRequest request) {
        return new Caller(() -> by.reserve(request, CommandKey.of(key)));
    }

    /** Another connection's transaction holding the row lock of positions. */
    private final class Blocker implements AutoCloseable {
        private final Connection c = LocalPostgres.rawConnection();

        Blocker(Sku... skus) throws SQLException {
            c.setAutoCommit(false);
            for (Sku sku : skus) {
                try (PreparedStatement lock = c.prepareStatement(
                        "SELECT 1 FROM oms_stock_positions WHERE sku = ? AND location = ? FOR UPDATE")) {
                    lock.setString(1, sku.value());
                    lock.setString(2, wh.value());
                    lock.executeQuery().close();
                }
            }
        }

        @Override
        public void close() throws SQLException {
            c.rollback();
            c.close();
        }
    }

    private static void awaitThat(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 60_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(1);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    /** The backends of batch statements waiting for a row lock. */
    private static List<Integer> batchesWaitingForALock() {
        try (Connection c = LocalPostgres.rawConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND query LIKE 'SELECT * FROM " + BATCH_SQL + "%'")) {
            List<Integer> pids = new ArrayList<>();
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
            return pids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean queued(Thread t) {
        return t.getState() == Thread.State.WAITING && Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().endsWith("internal.Combiner") && f.getMethodName().equals("submit"));
    }

    /**
     * Starts the leader and the co-leader (group commit writes at most two batches at once), waits
     * until each one's batch statement waits for the lock, then starts each follower once the one
     * before it is queued; then releases the lock. The followers are then one batch, after the two.
     */
    private static void line_up(Blocker blocker, Caller leader, Caller coLeader, List<Caller> followers)
            throws Exception {
        try (blocker) {
            for (Caller first : List.of(leader, coLeader)) {
                int waiting = batchesWaitingForALock().size();
                first.thread.start();
                awaitThat("its batch waits for the row lock", () -> batchesWaitingForALock().size() > waiting);
            }
            for (Caller f : followers) {
                f.thread.start();
                awaitThat("the caller waits in the queue", () -> queued(f.thread));
            }
        }
    }

    /** A second batch ahead of the followers: one unit of the hot SKU. */
    private Caller coLeader() {
        return reserving(inventory, "kc-" + run, request("oc-" + run, hot, 1));
    }

    private long count(String sql, Object... args) throws SQLException {
        try (Connection c = LocalPostgres.rawConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private StockPosition position(Sku sku) {
        return stores.inventory().position(PositionKey.of(sku, wh)).orElseThrow();
    }

    private static long held(Object outcome) {
        assertThat(outcome).isInstanceOf(ReservationOutcome.Reserved.class);
        return ((ReservationOutcome.Reserved) outcome).held().held();
    }

    @Test
    void reservations_queued_behind_a_batch_are_written_by_one_statement_each_with_its_hold_key_and_movement()
            throws Exception {
        stock(hot, 100, PositionSettings.NONE);
        long version = position(hot).version();
        Caller leader = reserving(inventory, "k0-" + run, request("o0-" + run, hot, 1));
        List<Caller> followers = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            followers.add(reserving(inventory, "k" + i + "-" + run, request("o" + i + "-" + run, hot, i)));
        }
        int statementsBefore = watched.batches.get();
        int succeededBefore = watched.succeeded.get();
        Caller co = coLeader();
        line_up(new Blocker(hot), leader, co, followers);
        assertThat(held(leader.join())).isEqualTo(1);
        assertThat(held(co.join())).isEqualTo(1);
        for (int i = 1; i <= 7; i++) {
            assertThat(held(followers.get(i - 1).join())).isEqualTo(i);
        }
        assertThat(watched.batches.get() - statementsBefore)
                .as("the leader's and the co-leader's batches, then the seven queued in one").isEqualTo(3);
        assertThat(watched.succeeded.get() - succeededBefore).as("each of them written as a batch").isEqualTo(3);
        StockPosition after = position(hot);
        assertThat(after.reserved()).isEqualTo(Quantity.of(1 + 1 + 28));
        assertThat(after.version()).as("one version per change").isEqualTo(version + 9);
        assertThat(stores.inventory().movements(PositionKey.of(hot, wh))).hasSize(1 + 9);
        for (int i = 0; i <= 7; i++) {
            assertThat(inventory.reservationsOf(OrderId.of("o" + i + "-" + run))).hasSize(1);
            assertThat(inventory.outcomeOf(CommandKey.of("k" + i + "-" + run))).isPresent();
        }
        assertThat(inventory.reconcile(List.of(hot)).differences()).isEmpty();
    }

    @Test
    void a_batch_that_cannot_take_its_sum_is_decided_in_arrival_order_and_a_refused_request_refuses_no_neighbour()
            throws Exception {
        stock(hot, 7, PositionSettings.NONE);
        stock(other, 10, PositionSettings.NONE);
        Caller leader = reserving(inventory, "k0-" + run, request("o0-" + run, hot, 1));
        List<Caller> followers = List.of(
                reserving(inventory, "k1-" + run, request("o1-" + run, hot, 2)),
                reserving(inventory, "k2-" + run, request("o2-" + run, hot, 4)), // 3 left: refused
                reserving(inventory, "k3-" + run, request("o3-" + run, hot, 1, other, 3)),
                reserving(inventory, "k4-" + run, request("o4-" + run, hot, 2, other, 1)),
                reserving(inventory, "k5-" + run, request("o5-" + run, other, 2, hot, 1))); // hot is gone: refused
        int succeededBefore = watched.succeeded.get();
        int shortBefore = watched.short_.get();
        Caller co = coLeader();
        line_up(new Blocker(hot), leader, co, followers);
        assertThat(held(leader.join())).isEqualTo(1);
        assertThat(held(co.join())).isEqualTo(1);
        assertThat(held(followers.get(0).join())).isEqualTo(2);
        assertThat(followers.get(1).join()).isInstanceOfSatisfying(ReservationOutcome.Refused.class,
                r -> assertThat(r.shortfalls()).singleElement().satisfies(s -> {
                    assertThat(s.sku()).isEqualTo(hot);
                    assertThat(s.requested()).isEqualTo(Quantity.of(4));
                }));
        assertThat(held(followers.get(2).join())).isEqualTo(4);
        assertThat(held(followers.get(3).join())).isEqualTo(3);
        assertThat(followers.get(4).join()).isInstanceOfSatisfying(ReservationOutcome.Refused.class,
                r -> assertThat(r.shortfalls()).anySatisfy(s -> {
                    assertThat(s.sku()).isEqualTo(hot);
                    assertThat(s.requested()).isEqualTo(Quantity.of(1));
                }));
        assertThat(position(hot).reserved()).isEqualTo(Quantity.of(7));
        assertThat(position(other).reserved()).as("the refused request took nothing of the other SKU")
                .isEqualTo(Quantity.of(4));
        assertThat(inventory.reservationsOf(OrderId.of("o2-" + run))).isEmpty();
        assertThat(inventory.reservationsOf(OrderId.of("o5-" + run))).isEmpty();
        assertThat(stores.inventory().movements(PositionKey.of(other, wh))).hasSize(1 + 2);
        assertThat(inventory.reconcile(List.of(hot, other)).differences()).isEmpty();
        assertThat(watched.short_.get() - shortBefore).as("the followers' batch could not take its sum").isEqualTo(1);
        assertThat(watched.succeeded.get() - succeededBefore)
                .as("the two leaders' batches, then the decided followers written together").isEqualTo(3);
    }

    @Test
    void a_reorder_point_crossed_inside_a_batch_is_signalled_once_by_the_request_that_crossed_it() throws Exception {
        stock(hot, 11, new PositionSettings(Quantity.ZERO, Quantity.of(3), Quantity.of(20)));
        Caller leader = reserving(inventory, "k0-" + run, request("o0-" + run, hot, 1)); // 9 after the co-leader
        List<Caller> followers = List.of(
                reserving(inventory, "k1-" + run, request("o1-" + run, hot, 2)), // 7
                reserving(inventory, "k2-" + run, request("o2-" + run, hot, 3)), // 4
                reserving(inventory, "k3-" + run, request("o3-" + run, hot, 2)), // 2: below 3
                reserving(inventory, "k4-" + run, request("o4-" + run, hot, 1))); // 1: already below
        int succeededBefore = watched.succeeded.get();
        int shortBefore = watched.short_.get();
        Caller co = coLeader();
        line_up(new Blocker(hot), leader, co, followers);
        leader.join();
        co.join();
        for (Caller f : followers) {
            f.join();
        }
        assertThat(position(hot).available()).isEqualTo(1);
        String lowStock = "%low-stock/" + hot.value() + "%";
        assertThat(count("SELECT count(*) FROM oms_outbox WHERE event_id LIKE ?", lowStock)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM oms_outbox WHERE event_id LIKE ? AND body::text LIKE ?", lowStock,
                "%\"available\": 2%")).as("the third follower's change crossed it, leaving 2").isEqualTo(1);
        assertThat(watched.short_.get() - shortBefore).as("the whole batch would cross the reorder point")
                .isEqualTo(1);
        assertThat(watched.succeeded.get() - succeededBefore).as("then decided and written together").isEqualTo(3);
    }

    @Test
    void the_same_key_twice_in_one_batch_counts_once_and_both_callers_get_the_first_result() throws Exception {
        stock(hot, 20, PositionSettings.NONE);
        Caller leader = reserving(inventory, "k0-" + run, request("o0-" + run, hot, 1));
        List<Caller> followers = List.of(
                reserving(inventory, "twice-" + run, request("o1-" + run, hot, 2)),
                reserving(inventory, "k2-" + run, request("o2-" + run, hot, 3)),
                reserving(inventory, "twice-" + run, request("o1-" + run, hot, 2)));
        Caller co = coLeader();
        line_up(new Blocker(hot), leader, co, followers);
        leader.join();
        co.join();
        Object first = followers.get(0).join();
        assertThat(held(first)).isEqualTo(2);
        assertThat(held(followers.get(1).join())).isEqualTo(3);
        assertThat(followers.get(2).join()).isEqualTo(first);
        assertThat(position(hot).reserved()).isEqualTo(Quantity.of(7));
        assertThat(inventory.reservationsOf(OrderId.of("o1-" + run))).hasSize(1);
        assertThat(inventory.reconcile(List.of(hot)).differences()).isEmpty();
    }

    @Test
    void a_reservation_id_already_taken_fails_that_request_as_alone_and_its_neighbours_are_reserved()
            throws Exception {
        stock(hot, 20, PositionSettings.NONE);
        ReservationOutcome taken = inventory.reserve(request("taken-" + run, hot, 1), CommandKey.of("taken-" + run));
        // A careless host's id generator that hands out a reservation id already in use.
        IdGenerator fresh = IdGenerator.sequential(run + "-twin");
        InventoryService twin = InventoryService.builder(stores.inventory()).clock(new ManualClock(AT))
                .ids(reusing(((ReservationOutcome.Reserved) taken).held().id(), fresh)).build();
        Caller leader = reserving(inventory, "k0-" + run, request("o0-" + run, hot, 1));
        List<Caller> followers = List.of(
                reserving(inventory, "k1-" + run, request("o1-" + run, hot, 2)),
                reserving(twin, "k2-" + run, request("o2-" + run, hot, 3)),
                reserving(inventory, "k3-" + run, request("o3-" + run, hot, 4)));
        Caller co = coLeader();
        line_up(new Blocker(hot), leader, co, followers);
        assertThat(held(leader.join())).isEqualTo(1);
        assertThat(held(co.join())).isEqualTo(1);
        assertThat(held(followers.get(0).join())).isEqualTo(2);
        Object refused = followers.get(1).join();
        assertThat(held(followers.get(2).join())).isEqualTo(4);
        InventoryService twinAlone = InventoryService.builder(PostgresStores.on(watched,
                PostgresSettings.defaults().withGroupCommitLimit(1)).inventory()).clock(new ManualClock(AT))
                .ids(reusing(((ReservationOutcome.Reserved) taken).held().id(), fresh)).build();
        Object alone;
        try {
            alone = twinAlone.reserve(request("o9-" + run, hot, 3), CommandKey.of("k9-" + run));
        } catch (RuntimeException e) {
            alone = e;
        }
        assertThat(refused).as("the same failure as the request alone").isInstanceOf(RuntimeException.class)
                .hasSameClassAs(alone);
        assertThat(position(hot).reserved()).isEqualTo(Quantity.of(1 + 1 + 1 + 2 + 4));
        assertThat(inventory.reservationsOf(OrderId.of("o2-" + run))).isEmpty();
        assertThat(inventory.outcomeOf(CommandKey.of("k2-" + run))).isEmpty();
        assertThat(inventory.reconcile(List.of(hot)).differences()).isEmpty();
    }

    @Test
    void a_batch_whose_server_session_is_killed_is_applied_change_by_change_and_counts_each_once()
            throws Exception {
        stock(hot, 50, PositionSettings.NONE);
        stock(other, 50, PositionSettings.NONE);
        Caller leader = reserving(inventory, "k0-" + run, request("o0-" + run, hot, 1));
        List<Caller> followers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            followers.add(reserving(inventory, "k" + i + "-" + run, request("o" + i + "-" + run, hot, i, other, 1)));
        }
        Blocker onOther = new Blocker(other);
        Caller co = coLeader();
        line_up(new Blocker(hot), leader, co, followers);
        assertThat(held(leader.join())).isEqualTo(1);
        assertThat(held(co.join())).isEqualTo(1);
        // The followers' batch now waits for the other SKU's lock: kill its server session.
        awaitThat("the followers' batch waits for the other lock", () -> batchesWaitingForALock().size() == 1);
        int pid = batchesWaitingForALock().get(0);
        try (Connection admin = LocalPostgres.rawConnection(); Statement s = admin.createStatement()) {
            s.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
        onOther.close();
        for (int i = 1; i <= 5; i++) {
            assertThat(held(followers.get(i - 1).join())).isEqualTo(i + 1);
        }
        assertThat(position(hot).reserved()).isEqualTo(Quantity.of(1 + 1 + 15));
        assertThat(position(other).reserved()).isEqualTo(Quantity.of(5));
        assertThat(stores.inventory().movements(PositionKey.of(hot, wh))).hasSize(1 + 7);
        assertThat(inventory.reconcile(List.of(hot, other)).differences()).isEmpty();
    }

    @Test
    void a_batch_whose_connection_is_lost_before_it_ran_fails_every_member_unknown_and_retries_count_once()
            throws Exception {
        connection_lost_during_the_batch(false);
    }

    @Test
    void a_batch_whose_connection_is_lost_after_it_committed_fails_every_member_unknown_and_retries_count_once()
            throws Exception {
        connection_lost_during_the_batch(true);
    }

    private void connection_lost_during_the_batch(boolean committed) throws Exception {
        stock(hot, 30, PositionSettings.NONE);
        Caller leader = reserving(inventory, "k0-" + run, request("o0-" + run, hot, 1));
        List<Caller> followers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            followers.add(reserving(inventory, "k" + i + "-" + run, request("o" + i + "-" + run, hot, i)));
        }
        watched.cutAfter = watched.batches.get() + 3; // the followers' batch
        watched.ranBeforeCut = committed;
        Caller co = coLeader();
        line_up(new Blocker(hot), leader, co, followers);
        assertThat(held(leader.join())).isEqualTo(1);
        assertThat(held(co.join())).isEqualTo(1);
        for (Caller f : followers) {
            assertThat(f.join()).isInstanceOfSatisfying(StorageException.class,
                    e -> assertThat(e.isOutcomeUnknown()).isTrue());
        }
        assertThat(position(hot).reserved()).isEqualTo(Quantity.of(committed ? 17 : 2));
        // The host retries each under its key: whatever the cut batch did counts once.
        watched.cutAfter = 0;
        for (int i = 1; i <= 5; i++) {
            assertThat(held(inventory.reserve(request("o" + i + "-" + run, hot, i), CommandKey.of("k" + i + "-" + run))))
                    .isEqualTo(i);
        }
        assertThat(position(hot).reserved()).isEqualTo(Quantity.of(17));
        assertThat(stores.inventory().movements(PositionKey.of(hot, wh))).hasSize(1 + 7);
        for (int i = 1; i <= 5; i++) {
            assertThat(inventory.reservationsOf(OrderId.of("o" + i + "-" + run))).hasSize(1);
        }
        assertThat(inventory.reconcile(List.of(hot)).differences()).isEmpty();
    }

    @Test
    void eight_threads_on_two_instances_reserving_a_hot_sku_with_all_or_nothing_requests_sell_exactly_the_stock()
            throws Exception {
        stock(hot, 500, PositionSettings.NONE);
        stock(other, 100, PositionSettings.NONE);
        PostgresStores second = PostgresStores.on(LocalPostgres.anotherInstance(4));
        InventoryService[] services = {service(PostgresStores.on(LocalPostgres.anotherInstance(4)), "a"),
                service(second, "b")};
        AtomicInteger heldHot = new AtomicInteger();
        AtomicInteger heldOther = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Caller> callers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int me = t;
            callers.add(new Caller(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < 150; i++) {
                    // every fourth request also wants the scarcer SKU: all or nothing across both
                    ReserveRequest r = i % 4 == 0 ? request(me + "-" + i + "-" + run, hot, 1 + i % 3, other, 2)
                            : request(me + "-" + i + "-" + run, hot, 1 + i % 3);
                    ReservationOutcome outcome = services[me % 2].reserve(r, CommandKey.of(me + "-" + i + "-" + run));
                    if (outcome instanceof ReservationOutcome.Reserved held) {
                        for (var line : held.held().lines()) {
                            (line.position().sku().equals(hot) ? heldHot : heldOther)
                                    .addAndGet((int) line.held().value());
                        }
                    }
                }
                return null;
            }));
        }
        callers.forEach(c -> c.thread.start());
        start.countDown();
        for (Caller c : callers) {
            assertThat(c.join()).isNull();
        }
        assertThat(position(hot).reserved().value()).isEqualTo(heldHot.get()).isLessThanOrEqualTo(500);
        assertThat(position(other).reserved().value()).isEqualTo(heldOther.get()).isLessThanOrEqualTo(100);
        assertThat(stores.inventory().movements(PositionKey.of(hot, wh)).stream()
                .mapToLong(m -> m.reserved()).sum()).as("the ledger holds exactly what is reserved")
                .isEqualTo(heldHot.get());
        assertThat(inventory.reconcile(List.of(hot, other)).differences()).isEmpty();
    }

    @Test
    void a_batch_that_meets_the_lock_timeout_fails_as_the_change_alone_would_and_its_retry_counts_once()
            throws Exception {
        PostgresStores timed = PostgresStores.on(watched, PostgresSettings.defaults()
                .withLockTimeout(java.time.Duration.ofMillis(50)).withRetries(1));
        InventoryService impatient = InventoryService.builder(timed.inventory()).clock(new ManualClock(AT))
                .ids(IdGenerator.sequential(run + "-timed")).build();
        stock(hot, 10, PositionSettings.NONE);
        int statementsBefore = watched.batches.get();
        Blocker blocker = new Blocker(hot);
        try {
            assertThatThrownBy(() -> impatient.reserve(request("t-" + run, hot, 2), CommandKey.of("t-" + run)))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("55P03");
                    });
        } finally {
            blocker.close();
        }
        assertThat(watched.batches.get() - statementsBefore).as("tried as a batch first").isEqualTo(1);
        assertThat(position(hot).reserved()).isEqualTo(Quantity.ZERO);
        assertThat(held(impatient.reserve(request("t-" + run, hot, 2), CommandKey.of("t-" + run)))).isEqualTo(2);
        assertThat(held(impatient.reserve(request("t-" + run, hot, 2), CommandKey.of("t-" + run)))).isEqualTo(2);
        assertThat(position(hot).reserved()).isEqualTo(Quantity.of(2));
        assertThat(stores.inventory().movements(PositionKey.of(hot, wh))).hasSize(1 + 1);
    }

    @Test
    void a_group_commit_limit_outside_1_to_1000_is_refused_with_the_allowed_range() {
        for (int wrong : new int[] {0, -1, PostgresSettings.MAX_GROUP_COMMIT + 1}) {
            assertThatThrownBy(() -> PostgresSettings.defaults().withGroupCommitLimit(wrong))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("groupCommitLimit")
                    .hasMessageContaining(String.valueOf(wrong));
        }
        assertThat(PostgresSettings.defaults().withGroupCommitLimit(1).groupCommitLimit()).isEqualTo(1);
    }
}
