package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.PaymentReference;
import javax.money.MonetaryAmount;

/**
 * The payment provider captured an amount of this order.
 *
 * @param metadata id, order, version, time and causing command
 * @param amount the amount, in the order's currency
 * @param reference the provider's reference
 */
public record PaymentCaptured(EventMetadata metadata, MonetaryAmount amount,
        PaymentReference reference) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public PaymentCaptured {
        InvalidInputException.requireNonNull(metadata, "PaymentCaptured.metadata");
        InvalidInputException.requireNonNull(amount, "PaymentCaptured.amount");
        InvalidInputException.requireNonNull(reference, "PaymentCaptured.reference");
    }
}
