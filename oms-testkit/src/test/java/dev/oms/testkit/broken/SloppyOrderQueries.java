package dev.oms.testkit.broken;

import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.store.OrderQueries;
import dev.oms.spi.store.OrderQuery;
import java.util.Map;
import java.util.Optional;

/**
 * Deliberately broken queries over an in-memory store, one defect each: a cursor that names the
 * page's last order but one (as an adapter that pages by {@code >=} instead of {@code >} would,
 * so the last order of a page comes again on the next), or counts by status that ignore the
 * filter. The kit's query rules must catch them.
 */
final class SloppyOrderQueries implements OrderQueries {
    enum Defect { REPEATING_CURSOR, UNFILTERED_COUNTS }

    private final InMemoryOrderStore store;
    private final Defect defect;

    SloppyOrderQueries(InMemoryOrderStore store, Defect defect) {
        this.store = store;
        this.defect = defect;
    }

    @Override
    public OrderQuery.Page find(OrderQuery query) {
        OrderQuery.Page page = store.find(query);
        if (defect != Defect.REPEATING_CURSOR || page.next().isEmpty() || page.orders().size() < 2) {
            return page;
        }
        return new OrderQuery.Page(page.orders(), Optional.of(query.cursorAfter(page.orders().get(page.orders().size() - 2))));
    }

    @Override
    public Map<OrderStatus, Long> countByStatus(OrderQuery.Filter filter) {
        return store.countByStatus(defect == Defect.UNFILTERED_COUNTS ? OrderQuery.Filter.ALL : filter);
    }
}
