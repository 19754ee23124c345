package dev.oms.flow;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Purgeable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Deletes what a {@link RetentionPolicy} no longer keeps, in bounded batches, while the system
 * runs: command keys and published events of the order, inventory, fulfilment and return stores,
 * closed reservations and finished processes; and it folds old stock movements into their
 * positions' ledger checkpoints. Each store call deletes at most a batch, oldest
 * first, in a short transaction of its own; running commands never wait for more than one
 * batch's row locks, and nothing they still need is deleted (active reservations and running or
 * waiting processes are never touched).
 *
 * <pre>{@code
 * Retention retention = Retention.of(stores, clock, RetentionPolicy.defaults());
 * Purged purged = retention.purgeBatch();   // from the host's scheduler, say every minute
 * }</pre>
 *
 * oms starts no thread. Ages of keys, events and reservations are measured by each store's clock
 * (PostgreSQL's {@code now()}, an in-memory store's {@code Clock}); of processes, by their last
 * change on the flow's clock. Thread-safe.
 */
public final class Retention {
    private final FlowStores stores;
    private final Clock clock;
    private final RetentionPolicy policy;

    private Retention(FlowStores stores, Clock clock, RetentionPolicy policy) {
        this.stores = stores;
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * @param stores the flow's stores
     * @param clock the flow's clock (processes are aged by it)
     * @param policy the horizons and the batch size
     * @return the purger
     */
    public static Retention of(FlowStores stores, Clock clock, RetentionPolicy policy) {
        return new Retention(InvalidInputException.requireNonNull(stores, "stores"),
                InvalidInputException.requireNonNull(clock, "clock"), InvalidInputException.requireNonNull(policy,
                        "policy"));
    }

    /**
     * One batch of each kind: at most {@code batchSize} keys and published events per store, closed
     * reservations and finished processes.
     *
     * @return what was deleted
     */
    public Purged purgeBatch() {
        int batch = policy.batchSize();
        long keys = 0;
        long events = 0;
        for (Purgeable store : purgeable()) {
            keys += store.purgeCommandKeys(policy.commandKeys(), batch);
            events += store.purgePublishedEvents(policy.publishedEvents(), batch);
        }
        long reservations = stores.inventory().purgeClosedReservations(policy.closedReservations(), batch);
        long processes = stores.processes().purgeFinished(clock.instant().minus(policy.finishedProcesses()), batch);
        long movements = stores.inventory().compactLedger(policy.ledgerMovements(), batch);
        return new Purged(keys, events, reservations, processes, movements);
    }

    /**
     * Batches until one deletes less than a full batch of every kind (so a purge of a large
     * backlog still works in steps the running system hardly notices).
     *
     * @return everything deleted
     */
    public Purged purgeAll() {
        Purged total = Purged.NOTHING;
        while (true) {
            Purged batch = purgeBatch();
            total = total.plus(batch);
            if (!full(batch)) {
                return total;
            }
        }
    }

    private boolean full(Purged batch) {
        long size = policy.batchSize();
        return batch.commandKeys() >= size || batch.publishedEvents() >= size || batch.closedReservations() >= size
                || batch.finishedProcesses() >= size || batch.foldedMovements() >= size;
    }

    private List<Purgeable> purgeable() {
        return List.of(stores.orders(), stores.inventory(), stores.fulfillment(), stores.returns());
    }

    /** @return the policy */
    public RetentionPolicy policy() {
        return policy;
    }

    /**
     * What a purge deleted.
     *
     * @param commandKeys command keys, over the order, inventory, fulfilment and return stores
     * @param publishedEvents published outbox rows, over the four stores
     * @param closedReservations closed reservations
     * @param finishedProcesses finished processes
     * @param foldedMovements stock movements folded into their positions' checkpoints
     */
    public record Purged(long commandKeys, long publishedEvents, long closedReservations, long finishedProcesses,
            long foldedMovements) {
        /** Nothing. */
        public static final Purged NOTHING = new Purged(0, 0, 0, 0, 0);

        /**
         * @param other another purge
         * @return both together
         */
        public Purged plus(Purged other) {
            return new Purged(commandKeys + other.commandKeys, publishedEvents + other.publishedEvents,
                    closedReservations + other.closedReservations, finishedProcesses + other.finishedProcesses,
                    foldedMovements + other.foldedMovements);
        }

        /** @return everything deleted */
        public long total() {
            return commandKeys + publishedEvents + closedReservations + finishedProcesses + foldedMovements;
        }
    }

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
}
