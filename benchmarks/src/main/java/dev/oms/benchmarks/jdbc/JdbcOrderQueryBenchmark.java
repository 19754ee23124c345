package dev.oms.benchmarks.jdbc;

import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.jdbc.PostgresStores;
import dev.oms.jdbc.testing.BulkOrders;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Sku;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.store.OrderQueries;
import dev.oms.spi.store.OrderQuery;
import dev.oms.spi.store.OrderQuery.Sort;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.money.Monetary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A filtered page of 50 over many orders on PostgreSQL (a database of its own, filled by
 * {@code BulkOrders}: one order in ten confirmed, 10,000 customers, 5,000 SKUs, one in fifty on
 * fraud review), through {@code OrderQueries.find}: the statement, its rows' JSON and their
 * decoding. Sampled, one thread. The plans are in the oms-jdbc README ({@link #main} prints them);
 * oms-jdbc's {@code OrderQueryPlansTest} checks that each reads an index.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JdbcOrderQueryBenchmark {
    /** How many orders the table holds. */
    @Param("1000000")
    public int orders;

    private PostgresStores stores;
    private OrderQueries queries;
    private OrderQuery confirmed;
    private OrderQuery customer;
    private OrderQuery onHold;
    private OrderQuery sku;
    private OrderQuery deep;

    /** Filled databases by order count: filling one takes minutes, so the methods of one JVM share it. */
    private static final java.util.Map<Integer, PostgresStores> FILLED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A database of its own with the orders (one per JVM and count: {@code RunAll} runs this
     * benchmark's methods in its own JVM without forks, one after another, so they share it), and
     * the queries, the deep one from the middle.
     */
    @Setup(Level.Trial)
    public void database() {
        stores = FILLED.computeIfAbsent(orders, JdbcOrderQueryBenchmark::fill);
        queries = stores.orderQueries();
        confirmed = OrderQuery.of(OrderQuery.Filter.builder().status(OrderStatus.CONFIRMED).build())
                .sortedBy(Sort.UPDATED_AT_DESCENDING);
        customer = OrderQuery.of(OrderQuery.Filter.builder().customer(CustomerRef.of("c-4242")).build());
        onHold = OrderQuery.of(OrderQuery.Filter.builder().onHold(HoldType.FRAUD_REVIEW).build())
                .sortedBy(Sort.UPDATED_AT_DESCENDING);
        sku = OrderQuery.of(OrderQuery.Filter.builder().sku(Sku.of("SKU-1234")).build());
        OrderQuery all = OrderQuery.of(OrderQuery.Filter.ALL).sortedBy(Sort.PLACED_AT_ASCENDING);
        deep = all.after(all.cursorAfter(stores.orders().load(OrderId.of("bulk-" + orders / 2)).orElseThrow()));
    }

    private static PostgresStores fill(int count) {
        var dataSource = LocalPostgres.newDatabase(2);
        PostgresStores stores = PostgresStores.on(dataSource);
        var template = OrderService.builder(stores.orders()).build().place(PlaceOrder.builder(ChannelId.of("web"),
                ExternalOrderId.of("template"), CustomerRef.of("c-0"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115")).placedAt(Instant.parse("2024-12-31T00:00:00Z"))
                .line("1", "TEE-M", 2, Amounts.of("19.90", "EUR")).line("2", "MUG", 1, Amounts.of("9.50", "EUR"))
                .line("3", "CAP", 1, Amounts.of("15.00", "EUR")).build()).order();
        try {
            BulkOrders.insert(dataSource, template, count);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not fill the orders", e);
        }
        return stores;
    }

    /** @return confirmed orders, most recently changed first */
    @Benchmark
    public OrderQuery.Page confirmedByLastChange() {
        return queries.find(confirmed);
    }

    /** @return a customer's orders, newest first */
    @Benchmark
    public OrderQuery.Page customerNewestFirst() {
        return queries.find(customer);
    }

    /** @return orders on fraud review, most recently changed first */
    @Benchmark
    public OrderQuery.Page onHoldByLastChange() {
        return queries.find(onHold);
    }

    /** @return a SKU's orders, newest first */
    @Benchmark
    public OrderQuery.Page skuNewestFirst() {
        return queries.find(sku);
    }

    /** @return a page of every order from the middle of the table, oldest first */
    @Benchmark
    public OrderQuery.Page deepPageOfEveryOrder() {
        return queries.find(deep);
    }

    /** @return the counts by status of every order (a scan of the table) */
    @Benchmark
    public Map<OrderStatus, Long> countsByStatus() {
        return queries.countByStatus(OrderQuery.Filter.ALL);
    }

    /**
     * Prints each query's plan on a table of a million orders: {@code java -cp
     * benchmarks/target/benchmarks.jar dev.oms.benchmarks.jdbc.JdbcOrderQueryBenchmark}.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        JdbcOrderQueryBenchmark b = new JdbcOrderQueryBenchmark();
        b.orders = 1_000_000;
        b.database();
        for (OrderQuery q : new OrderQuery[] {b.confirmed, b.customer, b.onHold, b.sku, b.deep}) {
            System.out.println(q.filter() + " " + q.sort() + "\n" + b.stores.explain(q) + "\n");
        }
        System.exit(0);
    }
}
