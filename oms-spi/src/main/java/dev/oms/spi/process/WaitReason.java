package dev.oms.spi.process;

/** What a waiting process waits for. */
public enum WaitReason {
    /** A person to review the order for fraud. */
    FRAUD_REVIEW,
    /** A hold on the order (other than a fraud review) to be released. */
    HOLD,
    /** A payment after a declined authorisation. */
    PAYMENT,
    /** Stock for units no location could take (a backorder). */
    STOCK,
    /** The customer to collect a pickup order. */
    COLLECTION,
    /** The order to end: the money record of an order ({@link ProcessKind#PAYMENTS}). */
    ORDER_END
}
