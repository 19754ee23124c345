package dev.oms.spi;

import java.time.Duration;

/**
 * A store whose bookkeeping can be purged while the system runs: command keys and published
 * outbox rows older than a host-set horizon. Age is measured by the store's own clock
 * (PostgreSQL's {@code now()}, the in-memory store's {@code Clock}), when the key was recorded or
 * the row marked published. Each call deletes at most {@code limit} rows, oldest first, in a
 * short transaction of its own, so a purge never holds locks that running commands wait for;
 * call it again until it returns less than the limit.
 *
 * <p>What a purge costs: a command repeated with a key purged meanwhile is no longer recognised
 * as a repeat and runs again (a placement is still recognised by its channel order id). So the
 * horizon for keys must exceed the longest time a client or a resumed process may retry.
 */
public interface Purgeable {
    /** The longest horizon: a hundred years. */
    Duration MAX_HORIZON = Duration.ofDays(36_525);

    /**
     * @param olderThan how long a key is kept after it was recorded, not negative
     * @param limit the most to delete, {@code > 0}
     * @return how many were deleted
     * @throws InvalidInputException if the horizon is negative or the limit not positive
     */
    int purgeCommandKeys(Duration olderThan, int limit);

    /**
     * @param olderThan how long a published outbox row is kept after it was marked published
     * @param limit the most to delete, {@code > 0}
     * @return how many were deleted (an in-memory outbox forgets events once published, so 0)
     * @throws InvalidInputException if the horizon is negative or the limit not positive
     */
    int purgePublishedEvents(Duration olderThan, int limit);

    /**
     * Checks a purge call's arguments, for implementations.
     *
     * @param olderThan the horizon
     * @param limit the batch size
     * @throws InvalidInputException if the horizon is null, negative or beyond {@link #MAX_HORIZON},
     *     or the limit not positive
     */
    static void requireHorizon(Duration olderThan, int limit) {
        InvalidInputException.requireNonNull(olderThan, "olderThan");
        if (olderThan.isNegative() || olderThan.compareTo(MAX_HORIZON) > 0) {
            throw new InvalidInputException("olderThan", "must be from zero to " + MAX_HORIZON.toDays()
                    + " days (was " + olderThan + ")");
        }
        if (limit <= 0) {
            throw new InvalidInputException("limit", "must be positive (was " + limit + ")");
        }
    }
}
