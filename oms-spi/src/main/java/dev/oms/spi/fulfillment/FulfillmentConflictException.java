package dev.oms.spi.fulfillment;

import dev.oms.spi.OmsException;

/**
 * A fulfilment order or shipment was saved concurrently; nothing was written. Read it again and
 * decide again.
 */
public class FulfillmentConflictException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final long expectedVersion;
    private final long actualVersion;

    /**
     * @param id the fulfilment order or shipment id
     * @param expectedVersion the version the change was based on
     * @param actualVersion the stored version (0 if none)
     */
    public FulfillmentConflictException(String id, long expectedVersion, long actualVersion) {
        super(id + " was saved concurrently: expected version " + expectedVersion + " but the stored version is "
                + actualVersion);
        this.id = id;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** @return the fulfilment order or shipment id */
    public String id() {
        return id;
    }

    /** @return the version the change was based on */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** @return the stored version */
    public long actualVersion() {
        return actualVersion;
    }
}
