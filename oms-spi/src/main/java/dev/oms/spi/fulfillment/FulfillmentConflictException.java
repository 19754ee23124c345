package dev.oms.spi.fulfillment;

import dev.oms.spi.StaleVersionException;

/**
 * A fulfilment order or shipment was saved concurrently; nothing was written. Read it again and
 * decide again.
 */
public class FulfillmentConflictException extends StaleVersionException {
    private static final long serialVersionUID = 1L;

    private final String id;

    /**
     * @param id the fulfilment order or shipment id
     * @param expectedVersion the version the change was based on
     * @param actualVersion the stored version (0 if none)
     */
    public FulfillmentConflictException(String id, long expectedVersion, long actualVersion) {
        super(id, expectedVersion, actualVersion);
        this.id = id;
    }

    /** @return the fulfilment order or shipment id */
    public String id() {
        return id;
    }
}
