package dev.oms.jdbc;

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
import dev.oms.spi.store.OrderStore;
import java.sql.Connection;
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
    private final OrderStore orders;
    private final InventoryStore inventory;
    private final FulfillmentStore fulfillment;
    private final ReturnStore returns;
    private final ProcessStore processes;

    private PostgresStores(DataSource dataSource, PostgresSettings settings) {
        this.jdbc = new Jdbc(dataSource, settings);
        this.orders = new PostgresOrderStore(jdbc);
        this.inventory = new PostgresInventoryStore(jdbc);
        this.fulfillment = new PostgresFulfillmentStore(jdbc);
        this.returns = new PostgresReturnStore(jdbc);
        this.processes = new PostgresProcessStore(jdbc);
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
}
