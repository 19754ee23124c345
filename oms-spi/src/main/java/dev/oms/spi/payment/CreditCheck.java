package dev.oms.spi.payment;

import dev.oms.spi.OrderId;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * The host's credit limits of business accounts: asked before oms authorises a payment for an
 * order with {@link dev.oms.spi.order.B2bTerms}, for the amount about to be authorised. A refusal
 * is recorded as a decline (the order waits on a payment hold until a retry finds credit); an
 * exception is a failure of the check, retried with the flow's step. Idempotent and side-effect
 * free: oms may ask again after a crash.
 */
@FunctionalInterface
public interface CreditCheck {
    /** Every amount within the limit: the default. */
    CreditCheck UNLIMITED = (order, company, amount) -> Optional.empty();

    /**
     * @param order the order
     * @param company the company account ({@code B2bTerms.company})
     * @param amount what is about to be authorised
     * @return why the account cannot take it (for example {@code "credit limit 10,000.00 EUR,
     *     8,500.00 open"}), or empty if it can
     */
    Optional<String> refusal(OrderId order, String company, MonetaryAmount amount);
}
