package dev.oms.spi.order;

/** Why quantity or a whole order was cancelled. */
public enum CancelReason {
    /** The customer asked. */
    CUSTOMER_REQUEST,
    /** The stock to fulfil it is not there. */
    OUT_OF_STOCK,
    /** Payment could not be authorised. */
    PAYMENT_DECLINED,
    /** The fraud screen rejected the order. */
    FRAUD,
    /** The merchant decided (pricing error, policy). */
    MERCHANT,
    /** Any other reason; the note says which. */
    OTHER,
    /** A business order's approver rejected it. */
    REJECTED_BY_APPROVER
}
