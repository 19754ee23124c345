package dev.oms.spi;

/**
 * No order with this id exists in the store.
 */
public class OrderNotFoundException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final OrderId orderId;

    /** @param orderId the id that was looked up */
    public OrderNotFoundException(OrderId orderId) {
        super("order " + orderId + " not found");
        this.orderId = orderId;
    }

    /** @return the id that was looked up */
    public OrderId orderId() {
        return orderId;
    }
}
