package dev.oms.flow;

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
