package dev.oms.spi;

/**
 * A save expected a version of the order that is no longer the stored one: somebody else saved
 * first. Nothing was written. Load the order again, decide again, and save again (the
 * {@code OrderService} of oms-core does this for you).
 */
public class VersionConflictException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final OrderId orderId;
    private final long expectedVersion;
    private final long actualVersion;

    /**
     * @param orderId the order
     * @param expectedVersion the version the writer based its change on
     * @param actualVersion the version stored now ({@code 0} if the order does not exist)
     */
    public VersionConflictException(OrderId orderId, long expectedVersion, long actualVersion) {
        super("order " + orderId + " was saved concurrently: expected version " + expectedVersion
                + " but the stored version is " + actualVersion);
        this.orderId = orderId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** @return the order */
    public OrderId orderId() {
        return orderId;
    }

    /** @return the version the writer based its change on */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** @return the version stored now, {@code 0} if the order does not exist */
    public long actualVersion() {
        return actualVersion;
    }
}
