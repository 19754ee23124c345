package dev.oms.core;

import dev.oms.spi.OrderId;
import dev.oms.spi.RuleViolationException;

/**
 * The payment provider declined a capture, void or refund. Nothing was recorded on the order.
 * (A declined authorisation is not an exception: it is recorded and places a payment hold.)
 */
public class PaymentDeclinedException extends RuleViolationException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String providerReason;

    /**
     * @param orderId the order
     * @param operation {@code "capture"}, {@code "void"} or {@code "refund"}
     * @param providerReason the provider's reason
     */
    public PaymentDeclinedException(OrderId orderId, String operation, String providerReason) {
        super(orderId, "payment-provider-declined", "the payment provider declined the " + operation + ": "
                + providerReason);
        this.operation = operation;
        this.providerReason = providerReason;
    }

    /** @return the declined operation */
    public String operation() {
        return operation;
    }

    /** @return the provider's reason */
    public String providerReason() {
        return providerReason;
    }
}
