package dev.oms.spi.order;

import javax.money.MonetaryAmount;

/**
 * The payment status of an order, derived from its {@link PaymentLedger} and its grand total;
 * never set by hand.
 */
public enum PaymentStatus {
    /** Nothing authorised. */
    UNPAID,
    /** Authorised, nothing captured. */
    AUTHORISED,
    /** Captured less than the grand total. */
    PARTIALLY_CAPTURED,
    /** Captured at least the grand total, nothing refunded. */
    PAID,
    /** Some of the captured amount refunded. */
    PARTIALLY_REFUNDED,
    /** All of the captured amount refunded. */
    REFUNDED,
    /** The authorisation was voided before anything was captured. */
    VOIDED;

    /**
     * @param ledger the order's payment amounts
     * @param grandTotal the order's grand total
     * @return the status these amounts mean
     */
    public static PaymentStatus of(PaymentLedger ledger, MonetaryAmount grandTotal) {
        if (ledger.refunded().isPositive()) {
            return ledger.refunded().isEqualTo(ledger.captured()) ? REFUNDED : PARTIALLY_REFUNDED;
        }
        if (ledger.captured().isPositive()) {
            return ledger.captured().isGreaterThanOrEqualTo(grandTotal) ? PAID : PARTIALLY_CAPTURED;
        }
        if (ledger.voided().isPositive()) {
            return VOIDED;
        }
        return ledger.authorised().isPositive() ? AUTHORISED : UNPAID;
    }
}
