package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.jdbc.PostgresStores.DatabaseRefusedException;
import dev.oms.jdbc.PostgresStores.PostgresSettings;
import dev.oms.jdbc.PostgresStores.StorageException;
import dev.oms.jdbc.internal.Jdbc;
import dev.oms.jdbc.testing.DataSourceBase;
import dev.oms.jdbc.testing.LocalPool;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException.InvalidQuantityException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What a database failure becomes: a retryable failure is run again a bounded number of times and
 * then reaches the caller as a retryable {@link StorageException}; a value the database refuses
 * is a typed refusal; the adapter's transactions run in READ COMMITTED with the configured
 * timeouts whatever the pool's default.
 */
class StorageFailuresTest {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void the_adapters_transactions_run_in_read_committed_with_the_configured_timeouts_whatever_the_pool_default()
            throws Exception {
        try (LocalPool pool = new LocalPool(LocalPostgres.rawDataSource(), 1)) {
            DataSource serializable = new DataSourceBase() {
                @Override
                public Connection getConnection() throws SQLException {
                    Connection c = pool.getConnection();
                    c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                    return c;
                }
            };
            Jdbc jdbc = new Jdbc(serializable, PostgresSettings.defaults().withStatementTimeout(Duration.ofSeconds(2))
                    .withLockTimeout(Duration.ofMillis(250)));
            List<String> seen = jdbc.transaction("reading the settings", c -> Jdbc.query(c,
                    "SELECT current_setting('transaction_isolation'), current_setting('statement_timeout'), "
                            + "current_setting('lock_timeout')",
                    rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3)));
            assertThat(seen).containsExactly("read committed|2s|250ms");
            try (Connection c = serializable.getConnection()) {
                assertThat(Jdbc.one(c, "SELECT current_setting('transaction_isolation')", rs -> rs.getString(1)))
                        .as("the pool's own default is left as it was").contains("serializable");
            }
        }
    }

    /**
     * With the default settings (the server's timeouts) on a pool already in READ COMMITTED, a
     * transaction sends nothing but its own statements: the pool is checked once, on the first.
     */
    @Test
    void with_the_server_timeouts_and_a_read_committed_pool_a_transaction_costs_no_extra_round_trip() {
        AtomicInteger statements = new AtomicInteger();
        DataSource counting = new DataSourceBase() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = LocalPostgres.dataSource().getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("createStatement")
                                    || method.getName().equals("prepareStatement")) {
                                statements.incrementAndGet();
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        Jdbc jdbc = new Jdbc(counting);
        jdbc.transaction("first", c -> Jdbc.query(c, "SELECT 1", rs -> rs.getInt(1)));
        assertThat(statements).as("the work's statement and the one-time isolation check").hasValue(2);
        statements.set(0);
        List<String> level = jdbc.transaction("second", c -> Jdbc.query(c,
                "SELECT current_setting('transaction_isolation')", rs -> rs.getString(1)));
        assertThat(level).containsExactly("read committed");
        assertThat(statements).as("only the work's own").hasValue(1);
    }

    @Test
    void a_retryable_failure_runs_again_a_bounded_number_of_times_and_others_run_once() {
        Jdbc jdbc = new Jdbc(LocalPostgres.dataSource(), PostgresSettings.defaults().withRetries(3));
        AtomicInteger runs = new AtomicInteger();
        String result = jdbc.transaction("a serialization failure twice", c -> {
            if (runs.incrementAndGet() <= 2) {
                throw new SQLException("could not serialize access", "40001");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(runs).hasValue(3);

        runs.set(0);
        StorageException timedOut = catchThrowableOfType(StorageException.class, () -> jdbc.transaction("too slow",
                c -> {
                    runs.incrementAndGet();
                    throw new SQLException("canceling statement due to statement timeout", "57014");
                }));
        assertThat(timedOut.isRetryable()).as("the caller may try again").isTrue();
        assertThat(runs).as("but the adapter does not run a timed-out statement again").hasValue(1);
        for (String state : List.of("40001", "40P01", "55P03", "08006", "57P01", "53300")) {
            runs.set(0);
            StorageException failed = catchThrowableOfType(StorageException.class, () -> jdbc.transaction("always " + state, c -> {
                runs.incrementAndGet();
                throw new SQLException("injected", state);
            }));
            assertThat(failed.isRetryable()).as(state).isTrue();
            assertThat(failed.isOutcomeUnknown()).as(state).isFalse();
            assertThat(runs).as(state + ": the first run and three more").hasValue(4);
        }
        for (String state : List.of("42P01", "42501", "XX000")) {
            runs.set(0);
            StorageException failed = catchThrowableOfType(StorageException.class, () -> jdbc.transaction("always " + state, c -> {
                runs.incrementAndGet();
                throw new SQLException("injected", state);
            }));
            assertThat(failed.isRetryable()).as(state).isFalse();
            assertThat(runs).as(state).hasValue(1);
        }
        for (String state : List.of("22003", "22021", "23505", "23514")) {
            runs.set(0);
            DatabaseRefusedException refused = catchThrowableOfType(DatabaseRefusedException.class, () -> jdbc.transaction("saving " + state, c -> {
                runs.incrementAndGet();
                throw new SQLException("value refused", state);
            }));
            assertThat(refused.sqlState()).isEqualTo(state);
            assertThat(refused.field()).isEqualTo("saving " + state);
            assertThat(runs).as(state).hasValue(1);
        }
    }

    @Test
    void a_connection_lost_during_the_commit_is_not_run_again_and_says_the_outcome_is_unknown() {
        AtomicInteger runs = new AtomicInteger();
        DataSource breaksOnCommit = new DataSourceBase() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = LocalPostgres.dataSource().getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("commit")) {
                                throw new SQLException("An I/O error occurred while sending to the backend", "08006");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        Jdbc jdbc = new Jdbc(breaksOnCommit);
        StorageException failed = catchThrowableOfType(StorageException.class, () -> jdbc.transaction("committing", c -> runs.incrementAndGet()));
        assertThat(failed.isOutcomeUnknown()).isTrue();
        assertThat(failed.isRetryable()).isTrue();
        assertThat(failed).hasMessageContaining("may or may not have gone through");
        assertThat(runs).hasValue(1);
    }

    /**
     * One writing statement (a process record's save) is its own transaction in autocommit: one
     * round trip. A statement that failed was undone by the server and runs again; a connection
     * that broke while it ran leaves its outcome unknown, so it does not.
     */
    @Test
    void a_single_writing_statement_runs_in_autocommit_retried_unless_its_outcome_is_unknown() {
        Jdbc jdbc = new Jdbc(LocalPostgres.dataSource(), PostgresSettings.defaults().withRetries(3));
        jdbc.transaction("learning the pool's isolation", c -> Jdbc.query(c, "SELECT 1", rs -> rs.getInt(1)));
        boolean autoCommit = jdbc.write("a statement", Connection::getAutoCommit);
        assertThat(autoCommit).as("in autocommit").isTrue();
        AtomicInteger runs = new AtomicInteger();
        for (String state : List.of("40001", "40P01", "55P03")) {
            runs.set(0);
            StorageException failed = catchThrowableOfType(StorageException.class, () -> jdbc.write("always " + state,
                    c -> {
                        runs.incrementAndGet();
                        throw new SQLException("injected", state);
                    }));
            assertThat(failed.isRetryable()).as(state).isTrue();
            assertThat(failed.isOutcomeUnknown()).as(state).isFalse();
            assertThat(runs).as(state + ": the first run and three more").hasValue(4);
        }
        runs.set(0);
        StorageException broke = catchThrowableOfType(StorageException.class, () -> jdbc.write("connection lost",
                c -> {
                    runs.incrementAndGet();
                    throw new SQLException("An I/O error occurred while sending to the backend", "08006");
                }));
        assertThat(broke.isOutcomeUnknown()).isTrue();
        assertThat(runs).as("not run again: it may have committed").hasValue(1);

        Jdbc withTimeouts = new Jdbc(LocalPostgres.dataSource(), PostgresSettings.defaults()
                .withStatementTimeout(Duration.ofSeconds(2)));
        String timeout = withTimeouts.write("a statement under the settings' timeout", c -> Jdbc.one(c,
                "SELECT current_setting('statement_timeout')", rs -> rs.getString(1)).orElseThrow());
        assertThat(timeout).as("timeouts to set: a transaction that sets them").isEqualTo("2s");
    }

    @Test
    void inside_the_hosts_transaction_nothing_is_run_again() throws Exception {
        Jdbc jdbc = new Jdbc(LocalPostgres.dataSource());
        AtomicInteger runs = new AtomicInteger();
        try (Connection host = LocalPostgres.rawConnection()) {
            host.setAutoCommit(false);
            StorageException failed = catchThrowableOfType(StorageException.class, () -> jdbc.withHostConnection(host,
                    () -> jdbc.transaction("in the host's transaction", c -> {
                        runs.incrementAndGet();
                        throw new SQLException("deadlock detected", "40P01");
                    })));
            assertThat(failed.isRetryable()).isTrue();
            assertThat(runs).hasValue(1);
            host.rollback();
        }
    }

    @Test
    void a_row_locked_past_the_lock_timeout_fails_retryable_and_the_repeat_after_it_is_released_counts_once()
            throws Exception {
        PostgresStores stores = PostgresStores.on(LocalPostgres.dataSource(), PostgresSettings.defaults()
                .withLockTimeout(Duration.ofMillis(100)).withRetries(1));
        InventoryService inventory = inventory(stores.inventory());
        Sku sku = Sku.of("LOCKED-" + run);
        LocationId at = LocationId.of("wh-1");
        inventory.definePosition(sku, at, PositionSettings.NONE);
        CommandKey key = CommandKey.of("receive-" + run);
        Reference receipt = Reference.of(Reference.Type.RECEIPT, "po-" + run);
        try (Connection other = LocalPostgres.rawConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement(
                    "SELECT 1 FROM oms_stock_positions WHERE sku = ? AND location = ? FOR UPDATE")) {
                lock.setString(1, sku.value());
                lock.setString(2, at.value());
                lock.executeQuery().close();
            }
            StorageException failed = catchThrowableOfType(StorageException.class, () -> inventory.receive(sku, at, Quantity.of(5), receipt, key));
            assertThat(failed.isRetryable()).isTrue();
            assertThat(((SQLException) failed.getCause()).getSQLState()).isEqualTo("55P03");
            other.rollback();
        }
        inventory.receive(sku, at, Quantity.of(5), receipt, key);
        inventory.receive(sku, at, Quantity.of(5), receipt, key);
        assertThat(inventory.position(sku, at).onHand()).isEqualTo(Quantity.of(5));
        assertThat(stores.inventory().movements(PositionKey.of(sku, at))).hasSize(1);
    }

    @Test
    void stock_beyond_the_most_a_position_holds_is_refused_the_same_way_by_both_stores_and_changes_nothing() {
        InventoryStore memory = new InMemoryInventoryStore();
        InventoryStore postgres = PostgresStores.on(LocalPostgres.dataSource()).inventory();
        for (InventoryStore store : List.of(memory, postgres)) {
            InventoryService inventory = inventory(store);
            Sku sku = Sku.of("HUGE-" + run);
            LocationId at = LocationId.of("wh-1");
            inventory.definePosition(sku, at, PositionSettings.NONE);
            inventory.receive(sku, at, Quantity.of(Quantity.MAX), Reference.of(Reference.Type.RECEIPT, "po-1-" + run),
                    CommandKey.of("first-" + run));
            assertThatThrownBy(() -> inventory.receive(sku, at, Quantity.of(1), Reference.of(Reference.Type.RECEIPT,
                    "po-2-" + run), CommandKey.of("second-" + run))).as(store.getClass().getSimpleName())
                    .isInstanceOf(InvalidQuantityException.class)
                    .hasMessageContaining("on hand of " + sku + "@" + at)
                    .hasMessageContaining("most a position holds");
            assertThatThrownBy(() -> inventory.receive(sku, at, Quantity.of(Quantity.MAX + 1),
                    Reference.of(Reference.Type.RECEIPT, "po-3-" + run), CommandKey.of("third-" + run)))
                    .isInstanceOf(InvalidQuantityException.class).hasMessageContaining("quantity")
                    .hasMessageContaining("at most " + Quantity.MAX);
            assertThat(inventory.position(sku, at).onHand()).isEqualTo(Quantity.of(Quantity.MAX));
            assertThat(store.movements(PositionKey.of(sku, at))).hasSize(1);
            assertThat(store.findOperation(CommandKey.of("second-" + run))).isEmpty();
        }
    }

    private InventoryService inventory(InventoryStore store) {
        return InventoryService.builder(store).clock(new ManualClock(AT))
                .ids(IdGenerator.sequential(run + "-" + store.getClass().getSimpleName())).build();
    }
}
