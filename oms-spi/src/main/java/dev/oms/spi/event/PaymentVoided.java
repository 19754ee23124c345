package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.PaymentReference;
import javax.money.MonetaryAmount;

/**
 * The payment provider voided an amount of this order.
 *
 * @param metadata id, order, version, time and causing command
 * @param amount the amount, in the order's currency
 * @param reference the provider's reference
 */
public record PaymentVoided(EventMetadata metadata, MonetaryAmount amount,
        PaymentReference reference) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public PaymentVoided {
        InvalidInputException.requireNonNull(metadata, "PaymentVoided.metadata");
        InvalidInputException.requireNonNull(amount, "PaymentVoided.amount");
        InvalidInputException.requireNonNull(reference, "PaymentVoided.reference");
    }
}
