package dev.oms.spi.payment;

/**
 * The host's payment provider. oms calls it, then records the result on the order.
 *
 * <p>Contract: every call is idempotent by {@link PaymentRequest#idempotencyKey()} (a repeat
 * returns the first answer and moves no money again), which is what makes "call the provider,
 * then save" safe to retry after a crash or a version conflict. A technical failure (timeout,
 * provider down) is thrown as an exception, not returned as a decline. Implementations are
 * thread-safe.
 */
public interface PaymentGateway {
    /**
     * Reserves the amount on the customer's payment method.
     *
     * @param request order, amount and key
     * @return approved or declined
     */
    PaymentResult authorise(PaymentRequest request);

    /**
     * Takes authorised money.
     *
     * @param request order, amount and key
     * @return approved or declined
     */
    PaymentResult capture(PaymentRequest request);

    /**
     * Releases authorised money that will not be captured.
     *
     * @param request order, amount and key
     * @return approved or declined
     */
    PaymentResult voidAuthorisation(PaymentRequest request);

    /**
     * Gives captured money back.
     *
     * @param request order, amount and key
     * @return approved or declined
     */
    PaymentResult refund(PaymentRequest request);
}
