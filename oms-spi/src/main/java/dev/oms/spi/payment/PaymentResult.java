package dev.oms.spi.payment;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.PaymentReference;

/**
 * The provider's answer: approved with its reference, or declined with a reason.
 */
public sealed interface PaymentResult {
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
