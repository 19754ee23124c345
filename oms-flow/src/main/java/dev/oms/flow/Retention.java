package dev.oms.flow;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Purgeable;
import java.time.Clock;
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
}
