package dev.oms.inventory;

import dev.oms.spi.inventory.PositionKey;
import java.util.List;

/**
 * Positions recomputed from the movement ledger and compared with their stored counts.
 *
 * @param positions one entry per position checked
 */
public record Reconciliation(List<Entry> positions) {
    /**
     * One position: the counts summed from its ledger next to its stored counts.
     *
     * @param key the position
     * @param ledgerOnHand on hand summed from the ledger
     * @param onHand on hand stored
     * @param ledgerReserved reserved summed from the ledger
     * @param reserved reserved stored
     * @param ledgerDamaged damaged summed from the ledger
     * @param damaged damaged stored
     * @param ledgerQualityControl quality control summed from the ledger
     * @param qualityControl quality control stored
     */
    public record Entry(PositionKey key, long ledgerOnHand, long onHand, long ledgerReserved, long reserved,
            long ledgerDamaged, long damaged, long ledgerQualityControl, long qualityControl) {
        /** @return whether the ledger and the stored counts agree */
        public boolean balanced() {
            return ledgerOnHand == onHand && ledgerReserved == reserved && ledgerDamaged == damaged
                    && ledgerQualityControl == qualityControl;
        }
    }

    /** Copies the entries. */
    public Reconciliation {
        positions = List.copyOf(positions);
    }

    /** @return the positions whose ledger and counts disagree */
    public List<Entry> differences() {
        return positions.stream().filter(e -> !e.balanced()).toList();
    }

    /** @return whether every position balances */
    public boolean balanced() {
        return differences().isEmpty();
    }
}
