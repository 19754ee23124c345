package dev.oms.spi.payment;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.Order;

/**
 * The host's fraud screening service. A "review" verdict places a fraud-review hold on the
 * order; "reject" cancels it. Implementations are thread-safe and may call out to a provider.
 */
@FunctionalInterface
public interface FraudScreen {
    /**
     * @param order the order to screen
     * @return the verdict
     */
    FraudVerdict screen(Order order);

    /** @return a screen that accepts every order, for hosts without one */
    static FraudScreen acceptAll() {
        return order -> new FraudVerdict(FraudVerdict.Outcome.ACCEPT, "no screening");
    }

    /**
     * A fraud screen's answer about an order.
     *
     * @param outcome accept, review or reject
     * @param reason why (a score, a rule name; no personal data)
     */
    record FraudVerdict(Outcome outcome, String reason) {
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
}
