package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import java.util.List;
import java.util.Optional;

/**
 * The movement ledger of the inventory store: every change of a position's counts, appended in
 * sequence and never changed, and its compaction into per-position checkpoints. Audit screens,
 * reconciliation and retention need only this part. Implementations are thread-safe.
 */
public interface StockLedger {
    /**
     * @param key a position
     * @return its ledger movements not folded into its checkpoint, oldest first
     */
    List<Movement> movements(PositionKey key);

    /**
     * Reads a position, its checkpoint and its remaining movements as one consistent state (no
     * change half seen, no compaction half seen). Inside a host's transaction it reads with the
     * host's isolation, which under {@code READ COMMITTED} may see a change or a compaction that
     * commits between its reads.
     *
     * @param key a position
     * @return the three together, if the position exists
     */
    Optional<LedgerTail> ledgerTail(PositionKey key);

    /**
     * Folds movements made more than {@code olderThan} ago (by their time, against the store's
     * clock) into their positions' checkpoints and deletes them: at most {@code limit} per call,
     * oldest first (by sequence, or position by position), each fold and delete in one step, so
     *     {@link #ledgerTail} never sees one
     * without the other and a position's counts keep equalling checkpoint plus movements.
     *
     * @param olderThan how long movements stay in the ledger, not negative
     * @param limit the most to fold, {@code > 0}
     * @return how many were folded
     * @throws dev.oms.spi.InvalidInputException if the horizon is negative or the limit not positive
     */
    int compactLedger(java.time.Duration olderThan, int limit);

    /**
     * A position, its ledger checkpoint and the movements still in its ledger, read as one
     * consistent state: if the store is correct, the position's counts equal the checkpoint plus the
     * movements' sums. Reconciliation reads this, so it reads only what compaction left.
     *
     * @param position the position
     * @param checkpoint what compaction folded
     * @param movements the movements not folded, oldest first
     */
    record LedgerTail(StockPosition position, LedgerCheckpoint checkpoint, List<Movement> movements) {
        /** @throws InvalidInputException if a field is null */
        public LedgerTail {
            InvalidInputException.requireNonNull(position, "LedgerTail.position");
            InvalidInputException.requireNonNull(checkpoint, "LedgerTail.checkpoint");
            movements = List.copyOf(InvalidInputException.requireNonNull(movements, "LedgerTail.movements"));
        }

        /**
         * The sums of a position's movements that a ledger compaction folded and deleted: the position's
         * counts always equal its checkpoint plus the movements still in the ledger.
         *
         * @param key the position
         * @param movements how many movements were folded into it
         * @param throughSequence the highest sequence folded, 0 if none
         * @param onHand the folded movements' on-hand sum
         * @param reserved their reserved sum
         * @param damaged their damaged sum
         * @param qualityControl their quality-control sum
         */
        public record LedgerCheckpoint(PositionKey key, long movements, long throughSequence, long onHand, long reserved,
                long damaged, long qualityControl) {
            /** @throws InvalidInputException if the key is null or a count negative */
            public LedgerCheckpoint {
                InvalidInputException.requireNonNull(key, "LedgerCheckpoint.key");
                if (movements < 0 || throughSequence < 0) {
                    throw new InvalidInputException("LedgerCheckpoint", "counts must not be negative");
                }
            }

            /**
             * @param key a position
             * @return the checkpoint of a position nothing was folded of
             */
            public static LedgerCheckpoint none(PositionKey key) {
                return new LedgerCheckpoint(key, 0, 0, 0, 0, 0, 0);
            }

            /**
             * @param m a movement folded in
             * @return the checkpoint with it
             */
            public LedgerCheckpoint plus(Movement m) {
                return new LedgerCheckpoint(key, movements + 1, Math.max(throughSequence, m.sequence()),
                        onHand + m.onHand(), reserved + m.reserved(), damaged + m.damaged(),
                        qualityControl + m.qualityControl());
            }
        }
    }
}
