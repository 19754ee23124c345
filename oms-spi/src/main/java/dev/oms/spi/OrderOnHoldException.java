package dev.oms.spi;

import dev.oms.spi.order.Order.Hold;
import java.util.List;

/**
 * Fulfilment (allocation or shipment) was asked of an order with active holds.
 */
public class OrderOnHoldException extends RuleViolationException {
    private static final long serialVersionUID = 1L;

    private final transient List<Hold> holds;

    /**
     * @param orderId the order
     * @param holds its active holds
     */
    public OrderOnHoldException(OrderId orderId, List<Hold> holds) {
        super(orderId, "no-fulfilment-on-hold", "fulfilment is blocked by active holds "
                + holds.stream().map(h -> h.type() + "/" + h.code()).toList());
        this.holds = List.copyOf(holds);
    }

    /** @return the active holds */
    public List<Hold> holds() {
        return holds;
    }
}
