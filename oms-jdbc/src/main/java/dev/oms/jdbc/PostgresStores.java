package dev.oms.jdbc;

import dev.oms.jdbc.PostgresStores.StorageException;
import dev.oms.jdbc.internal.Jdbc;
import dev.oms.jdbc.internal.PostgresFulfillmentStore;
import dev.oms.jdbc.internal.PostgresInventoryStore;
import dev.oms.jdbc.internal.PostgresOrderStore;
import dev.oms.jdbc.internal.PostgresProcessStore;
import dev.oms.jdbc.internal.PostgresReturnStore;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.process.ProcessStore;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.store.OrderQueries;
import dev.oms.spi.store.OrderQuery;
import dev.oms.spi.store.OrderStore;
import java.sql.Connection;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Every oms store on one PostgreSQL database, through the host's {@link DataSource} (any pool).
 *
 * <pre>{@code
 * Migrations.migrate(dataSource);                       // or run Migrations.scripts() with your tool
 * PostgresStores stores = PostgresStores.on(dataSource);
 * OrderService orders = OrderService.builder(stores.orders()).build();
 * }</pre>
 *
 * <p>Each store operation runs in a transaction of its own, unless the host runs it inside
 * {@link #inTransaction}: then it runs on the host's connection, under a savepoint, and commits
 * or rolls back with the host's transaction. Safe for any number of application instances on
 * one database: atomicity lives in the database (conditional updates, unique keys, one
 * transaction per change), never in a JVM lock. The adapter's own transactions run in
 * {@code READ COMMITTED} whatever the pool's default, with the timeouts and retries of
 * {@link PostgresSettings}; a failure reaches the caller as a {@link StorageException} (which
 * says whether repeating may help) or, for a value the database refuses, a
 * {@link DatabaseRefusedException}. Thread-safe.
 */
public final class PostgresStores {
    private final Jdbc jdbc;
    private final PostgresOrderStore orders;
    private final InventoryStore inventory;
    private final FulfillmentStore fulfillment;
    private final ReturnStore returns;
    private final ProcessStore processes;
    private final dev.oms.spi.store.DraftStore drafts;

    private PostgresStores(DataSource dataSource, PostgresSettings settings) {
        this.jdbc = new Jdbc(dataSource, settings);
        this.orders = new PostgresOrderStore(jdbc);
        this.inventory = new PostgresInventoryStore(jdbc, settings.groupCommitLimit());
        this.fulfillment = new PostgresFulfillmentStore(jdbc);
        this.returns = new PostgresReturnStore(jdbc);
        this.processes = new PostgresProcessStore(jdbc);
        this.drafts = new dev.oms.jdbc.internal.PostgresDraftStore(jdbc);
    }

    /**
     * @param dataSource the database, migrated (see {@link Migrations})
     * @return the stores
     */
    public static PostgresStores on(DataSource dataSource) {
        return on(dataSource, PostgresSettings.defaults());
    }

    /**
     * @param dataSource the database, migrated (see {@link Migrations})
     * @param settings statement and lock timeouts and retries of the adapter's transactions
     * @return the stores
     */
    public static PostgresStores on(DataSource dataSource, PostgresSettings settings) {
        return new PostgresStores(InvalidInputException.requireNonNull(dataSource, "dataSource"),
                InvalidInputException.requireNonNull(settings, "settings"));
    }

    /** @return orders, their events, the order outbox and command keys */
    public OrderStore orders() {
        return orders;
    }

    /**
     * @return queries over the orders of {@link #orders}: filtered, sorted pages by keyset and counts
     *     by status, answered by the indexes of {@code V10__order_queries.sql}
     */
    public OrderQueries orderQueries() {
        return orders;
    }

    /**
     * Runs a query's page under {@code EXPLAIN (ANALYZE, BUFFERS)}, to see which index answers a
     * filter the host uses (the oms-jdbc README lists them).
     *
     * @param query the query
     * @return PostgreSQL's plan, one line per node
     */
    public String explain(OrderQuery query) {
        return orders.explain(query);
    }

    /** @return stock positions, reservations, the ledger, backorders, incoming stock, the inventory outbox */
    public InventoryStore inventory() {
        return inventory;
    }

    /** @return fulfilment orders and shipments */
    public FulfillmentStore fulfillment() {
        return fulfillment;
    }

    /** @return returns, exchanges and claims, their events and outbox, refund accounts */
    public ReturnStore returns() {
        return returns;
    }

    /** @return the order flow's durable processes */
    public ProcessStore processes() {
        return processes;
    }

    /** @return draft orders and quotes ({@code OrderFlow.Builder.drafts(pg.drafts())}) */
    public dev.oms.spi.store.DraftStore drafts() {
        return drafts;
    }

    /**
     * Runs oms operations inside the host's own transaction: every store call made by
     * {@code work} on this thread uses {@code connection} (under a savepoint per call, so a
     * refused call is undone without aborting the host's transaction). The host commits or rolls
     * back; nothing oms did is visible to others before that. Nothing is retried inside the
     * host's transaction, and its isolation level and timeouts are the host's: a retryable
     * {@link StorageException} means the host runs its whole transaction again. oms is written
     * for {@code READ COMMITTED}; stronger levels stay correct but fail more often with
     * serialization failures.
     *
     * @param <T> the result type
     * @param connection the host's connection, with auto-commit off
     * @param work the oms calls (for example {@code () -> orderService.handle(...)})
     * @return the work's result
     */
    public <T> T inTransaction(Connection connection, Supplier<T> work) {
        InvalidInputException.requireNonNull(connection, "connection");
        InvalidInputException.requireNonNull(work, "work");
        return jdbc.withHostConnection(connection, work);
    }

    /**
     * PostgreSQL refused a value (a data exception such as a number out of a column's range, or an
     * integrity constraint) that the oms rules let through. The operation changed nothing, and
     * repeating it fails the same way. Its field names the operation; its problem holds the
     * database's message and SQLSTATE.
     */
    public static class DatabaseRefusedException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        private final String sqlState;

        /**
         * @param operation what oms was doing
         * @param sqlState the SQLSTATE, class 22 or 23
         * @param message the database's message
         */
        public DatabaseRefusedException(String operation, String sqlState, String message) {
            super(operation, "the database refused a value (SQLSTATE " + sqlState + "): " + message);
            this.sqlState = sqlState;
        }

        /** @return the SQLSTATE, class 22 (data exception) or 23 (integrity constraint) */
        public String sqlState() {
            return sqlState;
        }
    }

    /**
     * The database failed: a technical failure, not a rule of oms. The operation's transaction was
     * rolled back (or, inside a host's transaction, its savepoint), so nothing of it was written,
     * unless {@link #isOutcomeUnknown()}.
     *
     * <p>{@link #isRetryable()} says whether repeating the same call (with the same command key) may
     * succeed: true for connection loss, serialization failures, deadlocks, lock and statement
     * timeouts, a server shutting down or out of connections; false for everything else (a broken
     * schema, missing permissions). The adapter has already run a retryable transaction again the
     * number of times {@link PostgresSettings#retries()} allows. A value the database refuses (a
     * check or range the oms rules did not catch) is not a {@code StorageException} but a typed
     * {@link DatabaseRefusedException}.
     */
    public static class StorageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final boolean retryable;
        private final boolean outcomeUnknown;

        /**
         * A failure that repeating does not cure.
         *
         * @param message what oms was doing
         * @param cause the driver's exception
         */
        public StorageException(String message, Throwable cause) {
            this(message, cause, false, false);
        }

        /**
         * @param message what oms was doing
         * @param cause the driver's exception
         * @param retryable whether repeating the call may succeed
         * @param outcomeUnknown whether the connection was lost while the commit was under way, so the
         *     transaction may or may not have been committed
         */
        public StorageException(String message, Throwable cause, boolean retryable, boolean outcomeUnknown) {
            super(message, cause);
            this.retryable = retryable;
            this.outcomeUnknown = outcomeUnknown;
        }

        /** @return whether repeating the call with the same command key may succeed */
        public boolean isRetryable() {
            return retryable;
        }

        /**
         * @return whether the commit may have gone through: repeat the call with the same command key,
         *     which returns the first result if it did
         */
        public boolean isOutcomeUnknown() {
            return outcomeUnknown;
        }
    }

    /**
     * How the adapter runs its transactions on PostgreSQL.
     *
     * <p>Every transaction the adapter owns (not the host's, see {@link PostgresStores#inTransaction})
     * runs in the isolation level the adapter is written for, {@code READ COMMITTED} (conditional
     * updates and row locks decide every race): the pool's level is checked on the first transaction,
     * and if its connections start in another one, every transaction sets {@code READ COMMITTED} for
     * itself. A timeout that is not zero is set for each transaction ({@code SET LOCAL}), which costs
     * one round trip per transaction; zero (the default) leaves the server's setting, which is where
     * production timeouts cost nothing: {@code ALTER ROLE app SET statement_timeout = '30s'} and
     * {@code lock_timeout}. A transaction that fails with a retryable failure (see
     * {@link StorageException#isRetryable()}) before its commit was sent is run again, at most
     * {@link #retries()} times, after pauses of 10, 40 and 90 ms (a statement timeout is not run
     * again); what is still failing then reaches the caller.
     *
     * <p>Group commit: new reservations that callers of one {@link PostgresStores} make at the same
     * time are written together, at most {@link #groupCommitLimit()} in one statement (one
     * conditional update per position by the batch's sum, the holds, keys and ledger movements
     * inserted from arrays), each still all or nothing on its own and a refused one never refusing
     * the others; see the module README. A caller alone waits for nobody. 1 turns it off.
     *
     * @param statementTimeout the longest one statement may run; {@link Duration#ZERO} for the server's setting
     * @param lockTimeout the longest a statement waits for a row lock; {@link Duration#ZERO} for the server's setting
     * @param retries how many times a transaction is run again after a retryable failure, 0 to 10
     * @param groupCommitLimit the most concurrent reservations written in one statement, 1 to 1,000
     */
    public record PostgresSettings(Duration statementTimeout, Duration lockTimeout, int retries,
            int groupCommitLimit) {
        /** The most retries allowed. */
        public static final int MAX_RETRIES = 10;
        /** The largest group commit batch allowed. */
        public static final int MAX_GROUP_COMMIT = 1_000;

        /**
         * @throws InvalidInputException if a timeout is null, negative or not whole milliseconds, retries
         *         outside 0 to 10, or the group commit limit outside 1 to 1,000
         */
        public PostgresSettings {
            requireTimeout(statementTimeout, "statementTimeout");
            requireTimeout(lockTimeout, "lockTimeout");
            if (retries < 0 || retries > MAX_RETRIES) {
                throw new InvalidInputException("retries", retries + " is outside 0 to " + MAX_RETRIES);
            }
            if (groupCommitLimit < 1 || groupCommitLimit > MAX_GROUP_COMMIT) {
                throw new InvalidInputException("groupCommitLimit", groupCommitLimit + " is outside 1 to "
                        + MAX_GROUP_COMMIT);
            }
        }

        /** @return the server's timeouts (set them on the database role), 3 retries, group commit of up to 64 */
        public static PostgresSettings defaults() {
            return new PostgresSettings(Duration.ZERO, Duration.ZERO, 3, 64);
        }

        /**
         * @param value the longest one statement may run
         * @return these settings with it
         */
        public PostgresSettings withStatementTimeout(Duration value) {
            return new PostgresSettings(value, lockTimeout, retries, groupCommitLimit);
        }

        /**
         * @param value the longest a statement waits for a lock
         * @return these settings with it
         */
        public PostgresSettings withLockTimeout(Duration value) {
            return new PostgresSettings(statementTimeout, value, retries, groupCommitLimit);
        }

        /**
         * @param value how many times a transaction is run again after a retryable failure
         * @return these settings with it
         */
        public PostgresSettings withRetries(int value) {
            return new PostgresSettings(statementTimeout, lockTimeout, value, groupCommitLimit);
        }

        /**
         * @param value the most concurrent reservations written in one statement; 1 writes each alone
         * @return these settings with it
         */
        public PostgresSettings withGroupCommitLimit(int value) {
            return new PostgresSettings(statementTimeout, lockTimeout, retries, value);
        }

        private static void requireTimeout(Duration timeout, String field) {
            InvalidInputException.requireNonNull(timeout, field);
            if (timeout.isNegative() || timeout.getNano() % 1_000_000 != 0 || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new InvalidInputException(field, timeout + " is not a whole number of milliseconds from 0 to "
                        + Integer.MAX_VALUE);
            }
        }
    }
}
