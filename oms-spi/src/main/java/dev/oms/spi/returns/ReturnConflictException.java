package dev.oms.spi.returns;

import dev.oms.spi.StaleVersionException;

/**
 * A return or an order's refund account was saved concurrently; nothing was written. Read it
 * again and decide again.
 */
public class ReturnConflictException extends StaleVersionException {
    private static final long serialVersionUID = 1L;

    private final String id;

    /**
     * @param id the return id, or "refund account of" and the order id
     * @param expectedVersion the version the change was based on
     * @param actualVersion the stored version (0 if none)
     */
    public ReturnConflictException(String id, long expectedVersion, long actualVersion) {
        super(id, expectedVersion, actualVersion);
        this.id = id;
    }

    /** @return the return id, or "refund account of" and the order id */
    public String id() {
        return id;
    }
}
