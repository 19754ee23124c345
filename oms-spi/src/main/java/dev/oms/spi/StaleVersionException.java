package dev.oms.spi;

/**
 * A save was based on a version that is no longer the stored one: something else saved the same
 * record (an order, a reservation, a fulfilment order or shipment, a return) in between. Nothing
 * was written; read it again and decide again. The subclasses name the record by its typed id;
 * a host that retries any of them catches this class. The order's is nested here
 * ({@link VersionConflictException}); the other stores' are in their packages.
 */
public class StaleVersionException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final long expectedVersion;
    private final long actualVersion;

    /**
     * @param record what was saved, for the message (for example {@code "order o-1"})
     * @param expectedVersion the version the change was based on
     * @param actualVersion the stored version (0 if none)
     */
    protected StaleVersionException(String record, long expectedVersion, long actualVersion) {
        super(record + " was saved concurrently: expected version " + expectedVersion + " but the stored version is "
                + actualVersion);
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** @return the version the change was based on */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** @return the stored version (0 if none) */
    public long actualVersion() {
        return actualVersion;
    }

    /**
     * A save expected a version of the order that is no longer the stored one: somebody else saved
     * first. Nothing was written. Load the order again, decide again, and save again (the
     * {@code OrderService} of oms-core does this for you).
     */
    public static class VersionConflictException extends StaleVersionException {
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
}
