package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import javax.money.MonetaryAmount;

/**
 * The payment provider declined an authorisation; the order gets a payment hold.
 *
 * @param metadata id, order, version, time and causing command
 * @param amount the amount that was refused
 * @param reason the provider's reason (no card data)
 */
public record PaymentDeclined(EventMetadata metadata, MonetaryAmount amount, String reason) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public PaymentDeclined {
        InvalidInputException.requireNonNull(metadata, "PaymentDeclined.metadata");
        InvalidInputException.requireNonNull(amount, "PaymentDeclined.amount");
        InvalidInputException.requireNonNull(reason, "PaymentDeclined.reason");
    }
}
