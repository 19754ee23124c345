package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.PaymentReference;
import javax.money.MonetaryAmount;

/**
 * The payment provider authorised an amount of this order.
 *
 * @param metadata id, order, version, time and causing command
 * @param amount the amount, in the order's currency
 * @param reference the provider's reference
 */
public record PaymentAuthorised(EventMetadata metadata, MonetaryAmount amount,
        PaymentReference reference) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public PaymentAuthorised {
        InvalidInputException.requireNonNull(metadata, "PaymentAuthorised.metadata");
        InvalidInputException.requireNonNull(amount, "PaymentAuthorised.amount");
        InvalidInputException.requireNonNull(reference, "PaymentAuthorised.reference");
    }
}
