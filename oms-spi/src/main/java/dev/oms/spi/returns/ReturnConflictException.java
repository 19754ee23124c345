package dev.oms.spi.returns;

import dev.oms.spi.OmsException;

/**
 * A return or an order's refund account was saved concurrently; nothing was written. Read it
 * again and decide again.
 */
public class ReturnConflictException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final long expectedVersion;
    private final long actualVersion;

    /**
     * @param id the return id, or the order id of a refund account
     * @param expectedVersion the version the change was based on
     * @param actualVersion the stored version (0 if none)
     */
    public ReturnConflictException(String id, long expectedVersion, long actualVersion) {
        super(id + " was saved concurrently: expected version " + expectedVersion + " but the stored version is "
                + actualVersion);
        this.id = id;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** @return the return id, or the order id of a refund account */
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
