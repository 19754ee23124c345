package dev.oms.spi.inventory;

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
}
