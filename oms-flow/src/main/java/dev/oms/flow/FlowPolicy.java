package dev.oms.flow;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import java.time.Duration;
import java.util.Optional;

/**
 * What the host decides about the flow's timers and money.
 *
 * @param unpaidAfter an order whose payment was declined and not made good within this time is
 *     cancelled by {@link OrderFlow#runDue()}; empty: never
 * @param backorderAfter units no location could take that found no stock within this time are
 *     cancelled (out of stock); empty: never
 * @param pickupAfter a pickup order not collected within this time of being ready goes back to
 *     stock and its units are cancelled; empty: never
 * @param voidUnneeded whether what is authorised and not captured is voided once the order ended
 *     (cancelled or completed; a partial cancellation keeps it, so a parcel still to ship can be
 *     captured); otherwise it lapses with the provider
 * @param adjustmentRefunds where money goes that was captured for shipped units now worth less (a
 *     cancellation that moves an order discount onto them, say)
 * @param resumeAfter a running process not saved for this long is picked up by
 *     {@link OrderFlow#resume()} (shorter would race the call still running it; harmless, as
 *     every step is idempotent, but wasted work)
 */
public record FlowPolicy(Optional<Duration> unpaidAfter, Optional<Duration> backorderAfter,
        Optional<Duration> pickupAfter, boolean voidUnneeded, RefundMethod adjustmentRefunds, Duration resumeAfter) {
    /** @throws InvalidInputException if a field is null, a duration not positive, or the refund method not money back */
    public FlowPolicy {
        requirePositive(unpaidAfter, "unpaidAfter");
        requirePositive(backorderAfter, "backorderAfter");
        requirePositive(pickupAfter, "pickupAfter");
        InvalidInputException.requireNonNull(adjustmentRefunds, "adjustmentRefunds");
        if (adjustmentRefunds == RefundMethod.EXCHANGE_CREDIT) {
            throw new InvalidInputException("adjustmentRefunds", "money back goes to the original payment or to store "
                    + "credit");
        }
        InvalidInputException.requireNonNull(resumeAfter, "resumeAfter");
        if (resumeAfter.isNegative()) {
            throw new InvalidInputException("resumeAfter", "must not be negative (was " + resumeAfter + ")");
        }
    }

    private static void requirePositive(Optional<Duration> value, String field) {
        InvalidInputException.requireNonNull(value, field);
        if (value.isPresent() && (value.get().isNegative() || value.get().isZero())) {
            throw new InvalidInputException(field, "must be positive (was " + value.get() + ")");
        }
    }

    /**
     * @return unpaid orders cancelled after 24 hours, backorders after 14 days, uncollected
     *     pickups after 7 days, unneeded authorisations voided at once, adjustments refunded to
     *     the original payment, resume after 30 seconds
     */
    public static FlowPolicy defaults() {
        return new FlowPolicy(Optional.of(Duration.ofHours(24)), Optional.of(Duration.ofDays(14)),
                Optional.of(Duration.ofDays(7)), true, RefundMethod.ORIGINAL_PAYMENT, Duration.ofSeconds(30));
    }

    /** @param after the time, or empty for never @return this policy with it */
    public FlowPolicy withUnpaidAfter(Optional<Duration> after) {
        return new FlowPolicy(after, backorderAfter, pickupAfter, voidUnneeded, adjustmentRefunds, resumeAfter);
    }

    /** @param after the time, or empty for never @return this policy with it */
    public FlowPolicy withBackorderAfter(Optional<Duration> after) {
        return new FlowPolicy(unpaidAfter, after, pickupAfter, voidUnneeded, adjustmentRefunds, resumeAfter);
    }

    /** @param after the time, or empty for never @return this policy with it */
    public FlowPolicy withPickupAfter(Optional<Duration> after) {
        return new FlowPolicy(unpaidAfter, backorderAfter, after, voidUnneeded, adjustmentRefunds, resumeAfter);
    }

    /** @param value whether to void what an ended order did not capture @return this policy with it */
    public FlowPolicy withVoidUnneeded(boolean value) {
        return new FlowPolicy(unpaidAfter, backorderAfter, pickupAfter, value, adjustmentRefunds, resumeAfter);
    }

    /** @param method original payment or store credit @return this policy with it */
    public FlowPolicy withAdjustmentRefunds(RefundMethod method) {
        return new FlowPolicy(unpaidAfter, backorderAfter, pickupAfter, voidUnneeded, method, resumeAfter);
    }

    /** @param after how long a running process may go unsaved before a resume takes it @return this policy with it */
    public FlowPolicy withResumeAfter(Duration after) {
        return new FlowPolicy(unpaidAfter, backorderAfter, pickupAfter, voidUnneeded, adjustmentRefunds, after);
    }
}
