package dev.oms.spi.order;

/**
 * The kind of a hold. Any active hold, of any kind, blocks fulfilment (allocation and shipment).
 */
public enum HoldType {
    /** Payment not authorised or declined. */
    PAYMENT,
    /** The fraud screen asked for a manual review. */
    FRAUD_REVIEW,
    /** The address needs checking. */
    ADDRESS,
    /** The customer asked to wait. */
    CUSTOMER_REQUEST,
    /** A host-defined hold; its code names it. */
    CUSTOM
}
