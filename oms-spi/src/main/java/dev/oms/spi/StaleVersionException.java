package dev.oms.spi;

/**
 * A save was based on a version that is no longer the stored one: something else saved the same
 * record (an order, a reservation, a fulfilment order or shipment, a return) in between. Nothing
 * was written; read it again and decide again. The subclasses name the record by its typed id;
 * a host that retries any of them catches this class.
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
}
