package dev.oms.spi.store;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.Order.OrderStatus;
import java.util.Map;

/**
 * Finding orders: pages of the orders that pass a filter, sorted, by keyset (see
 * {@link OrderQuery} for what paging guarantees while orders are written), and counts by status.
 * A store of orders implements it next to {@link OrderStore} when it can answer queries: oms-core's
 * in-memory store does, and so does oms-jdbc's (by indexes). An order passes a filter as
 * {@link OrderQuery.Filter#matches} says, with the payment status its last save's
 * {@link OrderStore.OrderChange#grandTotal} gives.
 *
 * <p>oms-testkit's {@code OrderQueriesContract} checks an implementation: every filter, each
 * sort, paging across concurrent inserts and updates. Implementations are thread-safe.
 */
public interface OrderQueries {
    /**
     * @param query the filter, sort, page size and cursor
     * @return the page
     * @throws InvalidInputException if the query is null
     */
    OrderQuery.Page find(OrderQuery query);

    /**
     * @param filter which orders (its statuses narrow too)
     * @return how many orders pass it, by status: every status, zero where none
     * @throws InvalidInputException if the filter is null
     */
    Map<OrderStatus, Long> countByStatus(OrderQuery.Filter filter);

    /**
     * @param found the counts a store found, by status (statuses without orders may be missing)
     * @return them with every status, zero where none, unmodifiable: what {@link #countByStatus} returns
     */
    static Map<OrderStatus, Long> everyStatus(Map<OrderStatus, Long> found) {
        Map<OrderStatus, Long> counts = new java.util.EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            counts.put(status, found.getOrDefault(status, 0L));
        }
        return java.util.Collections.unmodifiableMap(counts);
    }
}
