package dev.oms.spi.payment;

import dev.oms.spi.InvalidInputException;

/**
 * A fraud screen's answer about an order.
 *
 * @param outcome accept, review or reject
 * @param reason why (a score, a rule name; no personal data)
 */
public record FraudVerdict(Outcome outcome, String reason) {
    /** What the screen decided. */
    public enum Outcome {
        /** Go ahead. */
        ACCEPT,
        /** A person must look: oms places a fraud-review hold. */
        REVIEW,
        /** Refuse: oms cancels the order. */
        REJECT
    }

    /**
     * @throws InvalidInputException if a field is null
     */
    public FraudVerdict {
        InvalidInputException.requireNonNull(outcome, "FraudVerdict.outcome");
        InvalidInputException.requireNonNull(reason, "FraudVerdict.reason");
    }
}
