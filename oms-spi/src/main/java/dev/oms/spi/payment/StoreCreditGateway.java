package dev.oms.spi.payment;

import dev.oms.spi.payment.PaymentGateway.PaymentRequest;
import dev.oms.spi.payment.PaymentGateway.PaymentResult;

/**
 * The host's store credit (gift card, wallet): where a refund goes when the customer chooses
 * credit over the original payment.
 *
 * <p>Contract: {@link #issue} is idempotent by the request's key (a repeat returns the first
 * answer and credits nothing twice); a refusal is {@link PaymentResult.Declined}; a technical
 * failure an exception. Implementations are thread-safe.
 */
@FunctionalInterface
public interface StoreCreditGateway {
    /**
     * Credits the customer.
     *
     * @param request the order, the customer, the amount and the key
     * @return approved with the credit's reference, or declined
     */
    PaymentResult issue(PaymentRequest request);
}
