package dev.oms.spi.payment;

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
}
