package dev.oms.spi;

/**
 * A save expected a version of the order that is no longer the stored one: somebody else saved
 * first. Nothing was written. Load the order again, decide again, and save again (the
 * {@code OrderService} of oms-core does this for you).
 */
public class VersionConflictException extends StaleVersionException {
    private static final long serialVersionUID = 1L;

    private final OrderId orderId;

    /**
     * @param orderId the order
     * @param expectedVersion the version the change was based on
     * @param actualVersion the stored version (0 if none)
     */
    public VersionConflictException(OrderId orderId, long expectedVersion, long actualVersion) {
        super("order " + orderId, expectedVersion, actualVersion);
        this.orderId = orderId;
    }

    /** @return the order */
    public OrderId orderId() {
        return orderId;
    }
}
