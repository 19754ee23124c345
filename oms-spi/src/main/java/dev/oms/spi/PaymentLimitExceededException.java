package dev.oms.spi;

import javax.money.MonetaryAmount;

/**
 * A capture above what is authorised and not yet captured or voided, or a refund above what is
 * captured and not yet refunded.
 */
public class PaymentLimitExceededException extends RuleViolationException {
    private static final long serialVersionUID = 1L;

    private final transient MonetaryAmount limit;
    private final transient MonetaryAmount requested;

    /**
     * @param orderId the order
     * @param rule {@code "capture-within-authorised"} or {@code "refund-within-captured"}
     * @param limit the most that could be captured or refunded now
     * @param requested the amount asked for
     */
    public PaymentLimitExceededException(OrderId orderId, String rule, MonetaryAmount limit,
            MonetaryAmount requested) {
        super(orderId, rule, requested + " requested but only " + limit + " is available");
        this.limit = limit;
        this.requested = requested;
    }

    /** @return the most that could be captured or refunded now */
    public MonetaryAmount limit() {
        return limit;
    }

    /** @return the amount asked for */
    public MonetaryAmount requested() {
        return requested;
    }
}
