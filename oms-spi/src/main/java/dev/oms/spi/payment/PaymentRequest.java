package dev.oms.spi.payment;

import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import javax.money.MonetaryAmount;

/**
 * What oms asks of a payment provider.
 *
 * @param orderId the order paid for
 * @param customer the host's customer reference
 * @param amount the amount, positive, in the order's currency
 * @param idempotencyKey passed on to the provider, so a retried call is not charged twice
 */
public record PaymentRequest(OrderId orderId, CustomerRef customer, MonetaryAmount amount, CommandKey idempotencyKey) {
    /**
     * @throws InvalidInputException if a field is null or the amount not positive
     */
    public PaymentRequest {
        InvalidInputException.requireNonNull(orderId, "PaymentRequest.orderId");
        InvalidInputException.requireNonNull(customer, "PaymentRequest.customer");
        InvalidInputException.requireNonNull(amount, "PaymentRequest.amount");
        Amounts.requirePositive(amount, amount.getCurrency(), "PaymentRequest.amount");
        InvalidInputException.requireNonNull(idempotencyKey, "PaymentRequest.idempotencyKey");
    }
}
