package dev.oms.flow;

import dev.oms.spi.InvalidInputException;
import java.time.Duration;

/**
 * How long oms keeps its bookkeeping, and how much one purge batch deletes of each kind.
 *
 * <p>Command keys must be kept longer than any client or resumed process may retry a command: a
 * repeat after its key was purged runs again (a placement is still recognised by its channel
 * order id). Published events are kept for consumers that re-read the outbox. Closed reservations
 * (released, committed, expired) are kept for support and reports; the ledger keeps their
 * movements. Finished processes (done or failed) are kept for the order's history screens. Stock
 * movements older than their horizon are folded into one checkpoint per position, so
 * reconciliation reads a bounded tail while every position still equals checkpoint plus tail.
 *
 * @param commandKeys how long a command key is kept after it was recorded
 * @param publishedEvents how long an outbox row is kept after it was published
 * @param closedReservations how long a reservation is kept after it closed
 * @param finishedProcesses how long a done or failed process is kept after its last change
 * @param ledgerMovements how long a stock movement stays in the ledger before it is folded into its position's checkpoint
 * @param batchSize the most rows of each kind one batch deletes, 1 to 10,000
 */
public record RetentionPolicy(Duration commandKeys, Duration publishedEvents, Duration closedReservations,
        Duration finishedProcesses, Duration ledgerMovements, int batchSize) {
    /** The largest batch. */
    public static final int MAX_BATCH = 10_000;

    /** @throws InvalidInputException if a horizon is null or negative or the batch outside 1 to 10,000 */
    public RetentionPolicy {
        requireHorizon(commandKeys, "commandKeys");
        requireHorizon(publishedEvents, "publishedEvents");
        requireHorizon(closedReservations, "closedReservations");
        requireHorizon(finishedProcesses, "finishedProcesses");
        requireHorizon(ledgerMovements, "ledgerMovements");
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new InvalidInputException("batchSize", batchSize + " is outside 1 to " + MAX_BATCH);
        }
    }

    /**
     * @return keys 30 days, published events 7 days, closed reservations 30 days, finished processes
     *     90 days, ledger movements 90 days, batches of 500
     */
    public static RetentionPolicy defaults() {
        return new RetentionPolicy(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(90),
                Duration.ofDays(90), 500);
    }

    private static void requireHorizon(Duration horizon, String field) {
        InvalidInputException.requireNonNull(horizon, field);
        if (horizon.isNegative()) {
            throw new InvalidInputException(field, "must not be negative (was " + horizon + ")");
        }
    }
}
