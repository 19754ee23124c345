package dev.oms.spi.payment;

import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import javax.money.MonetaryAmount;

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

    /**
     * What oms asks of a payment provider.
     *
     * @param orderId the order paid for
     * @param customer the host's customer reference
     * @param amount the amount, positive, in the order's currency
     * @param idempotencyKey passed on to the provider, so a retried call is not charged twice
     * @param method the payment method moved, where the order is paid several ways (the host routes
     *     a gift card to its balance, a card to its provider); empty where it is paid one way
     */
    record PaymentRequest(OrderId orderId, CustomerRef customer, MonetaryAmount amount, CommandKey idempotencyKey,
            java.util.Optional<PaymentMethod> method) {
        /**
         * @throws InvalidInputException if a field is null or the amount not positive
         */
        public PaymentRequest {
            InvalidInputException.requireNonNull(orderId, "PaymentRequest.orderId");
            InvalidInputException.requireNonNull(customer, "PaymentRequest.customer");
            InvalidInputException.requireNonNull(amount, "PaymentRequest.amount");
            Amounts.requirePositive(amount, amount.getCurrency(), "PaymentRequest.amount");
            InvalidInputException.requireNonNull(idempotencyKey, "PaymentRequest.idempotencyKey");
            InvalidInputException.requireNonNull(method, "PaymentRequest.method");
        }

        /**
         * A request for an order paid one way.
         *
         * @param orderId the order paid for
         * @param customer the host's customer reference
         * @param amount the amount, positive, in the order's currency
         * @param idempotencyKey passed on to the provider
         */
        public PaymentRequest(OrderId orderId, CustomerRef customer, MonetaryAmount amount, CommandKey idempotencyKey) {
            this(orderId, customer, amount, idempotencyKey, java.util.Optional.empty());
        }
    }

    /**
     * The provider's answer: approved with its reference, or declined with a reason.
     */
    sealed interface PaymentResult {
        /**
         * The provider did it.
         *
         * @param reference the provider's reference to the operation
         */
        record Approved(PaymentReference reference) implements PaymentResult {
            /** @throws InvalidInputException if the reference is null */
            public Approved {
                InvalidInputException.requireNonNull(reference, "Approved.reference");
            }
        }

        /**
         * The provider refused.
         *
         * @param reason the provider's reason (never card data)
         */
        record Declined(String reason) implements PaymentResult {
            /** @throws InvalidInputException if the reason is null */
            public Declined {
                InvalidInputException.requireNonNull(reason, "Declined.reason");
            }
        }
    }
}
