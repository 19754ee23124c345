package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.jdbc.testing.BulkOrders;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.Sku;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.store.OrderQuery;
import dev.oms.spi.store.OrderQuery.Sort;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * The queries the README names are answered by the index the README says, not by reading the
 * table: each page's plan (EXPLAIN, on 50,000 orders) reads that index and scans no table. Also that what the pages
 * return is what the bulk orders say (so the plans are of queries that find something).
 */
class OrderQueryPlansTest {
    /** The index each of the README's queries reads. */
    private static final Map<String, String> INDEXES = Map.of(
            "confirmed, most recently changed first", "oms_orders_by_status",
            "a customer's orders, newest first", "oms_orders_by_customer",
            "on fraud review, most recently changed first", "oms_orders_on_hold",
            "a SKU's orders, newest first", "oms_orders_by_sku",
            "every order, oldest first", "oms_orders_by_placement");

    /** The README's queries, by name. */
    static Map<String, OrderQuery> queries() {
        Map<String, OrderQuery> q = new LinkedHashMap<>();
        q.put("confirmed, most recently changed first", OrderQuery.of(OrderQuery.Filter.builder()
                .status(OrderStatus.CONFIRMED).build()).sortedBy(Sort.UPDATED_AT_DESCENDING));
        q.put("a customer's orders, newest first", OrderQuery.of(OrderQuery.Filter.builder()
                .customer(CustomerRef.of("c-4242")).build()));
        q.put("on fraud review, most recently changed first", OrderQuery.of(OrderQuery.Filter.builder()
                .onHold(HoldType.FRAUD_REVIEW).build()).sortedBy(Sort.UPDATED_AT_DESCENDING));
        q.put("a SKU's orders, newest first", OrderQuery.of(OrderQuery.Filter.builder().sku(Sku.of("SKU-1234")).build()));
        q.put("every order, oldest first", OrderQuery.of(OrderQuery.Filter.ALL).sortedBy(Sort.PLACED_AT_ASCENDING));
        return q;
    }

    static Order template(OrderService orders) {
        return orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("template"),
                CustomerRef.of("c-0"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2024-12-31T00:00:00Z")).line("1", "TEE-M", 2, Amounts.of("19.90", "EUR"))
                .line("2", "MUG", 1, Amounts.of("9.50", "EUR")).line("3", "CAP", 1, Amounts.of("15.00", "EUR"))
                .build()).order();
    }

    @Test
    void each_query_reads_an_index_and_no_table_scan() throws Exception {
        try (LocalPostgres.Temporary db = LocalPostgres.temporary(2)) {
            PostgresStores stores = PostgresStores.on(db.dataSource());
            Order template = template(OrderService.builder(stores.orders()).build());
            BulkOrders.insert(db.dataSource(), template, 50_000);
            for (Map.Entry<String, OrderQuery> named : queries().entrySet()) {
                Map.Entry<String, OrderQuery> q = Map.entry(named.getKey(), named.getValue().pageSize(2));
                String plan = stores.explain(q.getValue());
                assertThat(plan).as(q.getKey() + ":\n" + plan).contains(INDEXES.get(q.getKey()))
                        .doesNotContain("Seq Scan");
                OrderQuery.Page page = stores.orderQueries().find(q.getValue());
                assertThat(page.orders()).as(q.getKey()).isNotEmpty();
                OrderQuery.Page next = stores.orderQueries().find(q.getValue().after(page.next().orElseThrow()));
                assertThat(stores.explain(q.getValue().after(page.next().get()))).as(q.getKey() + ", second page")
                        .contains(INDEXES.get(q.getKey())).doesNotContain("Seq Scan");
                assertThat(next.orders()).as(q.getKey() + ", second page").isNotEmpty().doesNotContainAnyElementsOf(
                        page.orders());
            }
            assertThat(stores.orderQueries().find(queries().get("a customer's orders, newest first")).orders())
                    .allSatisfy(o -> assertThat(o.header().customer()).isEqualTo(CustomerRef.of("c-4242")));
        }
    }
}
