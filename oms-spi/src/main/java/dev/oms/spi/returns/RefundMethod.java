package dev.oms.spi.returns;

/** Where refunded money goes. */
public enum RefundMethod {
    /** Back to the payment the customer used, through the {@code PaymentGateway}. */
    ORIGINAL_PAYMENT,
    /** As store credit, through the {@code StoreCreditGateway}. */
    STORE_CREDIT,
    /**
     * Credited to an exchange's replacement order; no money leaves the merchant. Used by
     * exchanges only.
     */
    EXCHANGE_CREDIT
}
