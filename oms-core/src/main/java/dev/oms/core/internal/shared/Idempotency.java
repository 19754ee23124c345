package dev.oms.core.internal.shared;

import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way oms runs a keyed operation, in every engine and the flow: a repeat of a key returns
 * what the key recorded (its content checked against the recorded fingerprint, a key used for
 * other content refused), and an operation that loses a race is decided again on fresh state.
 *
 * <p>{@link #run} looks the key up before the first attempt and again whenever a race may have
 * recorded it: before every further attempt, when the store refuses the key as taken, after the
 * last conflict, and when the attempt is refused (the refusal may be of the state a racing repeat
 * of this very operation just left, whose result is this call's result). Steps of a larger
 * operation use keys derived from its key ({@link CommandKey#derive}), so each step runs once.
 */
public final class Idempotency {
    private static final Logger LOG = LoggerFactory.getLogger(Idempotency.class);

    private Idempotency() {
    }

    /**
     * What a key recorded, as the operation's result, looked up again on every call.
     *
     * @param <T> the operation's result
     */
    @FunctionalInterface
    public interface Recorded<T> {
        /**
         * @return the result the key recorded, or empty if it recorded nothing yet
         * @throws CommandKeyConflictException if the key recorded other content
         */
        Optional<T> find();

        /**
         * @param <T> the result
         * @return for an operation without a key: nothing is ever recorded
         */
        static <T> Recorded<T> none() {
            return Optional::empty;
        }
    }

    /**
     * Runs an operation once per key: the recorded result if there is one, else attempts until
     * one lands, deciding again after each {@code retryOn} conflict, at most {@code maxAttempts}
     * times.
     *
     * @param <T> the result
     * @param what names the operation, for the log (called only when it logs)
     * @param recorded what the key recorded
     * @param maxAttempts attempts before the last conflict is thrown
     * @param retryOn the conflict that means "decide again on fresh state"
     * @param attempt one decision and its save
     * @return the result, recorded or new
     */
    public static <T> T run(Supplier<String> what, Recorded<T> recorded, int maxAttempts,
            Class<? extends OmsException> retryOn, Supplier<T> attempt) {
        InvalidInputException.requireNonNull(recorded, "recorded");
        InvalidInputException.requireNonNull(retryOn, "retryOn");
        InvalidInputException.requireNonNull(attempt, "attempt");
        if (maxAttempts < 1) {
            throw new InvalidInputException("maxAttempts", "must be at least 1 (was " + maxAttempts + ")");
        }
        Optional<T> earlier = recorded.find();
        if (earlier.isPresent()) {
            return earlier.get();
        }
        OmsException conflict = null;
        for (int n = 1; n <= maxAttempts; n++) {
            if (n > 1) {
                earlier = recorded.find(); // whoever won the race may have been a repeat of this operation
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            try {
                return attempt.get();
            } catch (CommandKeyConflictException raced) {
                return findAfter(recorded, raced).orElseThrow(() -> raced);
            } catch (OmsException refused) {
                if (!retryOn.isInstance(refused)) {
                    return findAfter(recorded, refused).orElseThrow(() -> refused);
                }
                conflict = refused;
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{}: {} on attempt {}, deciding again", what.get(), refused.getMessage(), n);
                }
            }
        }
        OmsException last = conflict;
        return findAfter(recorded, last).orElseThrow(() -> last);
    }

    /** Looks the key up after a failure; a lookup that fails itself keeps the failure as suppressed. */
    private static <T> Optional<T> findAfter(Recorded<T> recorded, OmsException failure) {
        try {
            return recorded.find();
        } catch (RuntimeException lookup) {
            lookup.addSuppressed(failure);
            throw lookup;
        }
    }

    /**
     * Checks that a key's record is of this content.
     *
     * @param key the key
     * @param recordedFingerprint the fingerprint recorded with it
     * @param content what is asked now
     * @param refusal what the refusal says after the key ("was already used for a different
     *     command"), each engine's own words, kept from one version to the next
     * @throws CommandKeyConflictException if the key was used for other content
     */
    public static void requireSame(CommandKey key, String recordedFingerprint, Object content, String refusal) {
        if (!CommandFingerprint.matches(InvalidInputException.requireNonNull(recordedFingerprint, "recorded"),
                content)) {
            throw new CommandKeyConflictException(key, refusal);
        }
    }
}
