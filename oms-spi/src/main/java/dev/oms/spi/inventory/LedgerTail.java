package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import java.util.List;

/**
 * A position, its ledger checkpoint and the movements still in its ledger, read as one
 * consistent state: if the store is correct, the position's counts equal the checkpoint plus the
 * movements' sums. Reconciliation reads this, so it reads only what compaction left.
 *
 * @param position the position
 * @param checkpoint what compaction folded
 * @param movements the movements not folded, oldest first
 */
public record LedgerTail(StockPosition position, LedgerCheckpoint checkpoint, List<Movement> movements) {
    /** @throws InvalidInputException if a field is null */
    public LedgerTail {
        InvalidInputException.requireNonNull(position, "LedgerTail.position");
        InvalidInputException.requireNonNull(checkpoint, "LedgerTail.checkpoint");
        movements = List.copyOf(InvalidInputException.requireNonNull(movements, "LedgerTail.movements"));
    }
}
