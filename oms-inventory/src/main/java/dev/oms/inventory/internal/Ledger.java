package dev.oms.inventory.internal;

import dev.oms.inventory.Reconciliation;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.Movement;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.StockLedger.LedgerTail;
import dev.oms.spi.inventory.StockLedger.LedgerTail.LedgerCheckpoint;
import dev.oms.spi.inventory.StockPosition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The movement ledger read back: positions recomputed from it, side by side with the stored counts. */
public final class Ledger {
    private Ledger() {
    }

    /**
     * @param store where stock lives
     * @param skus the SKUs to check
     * @return every position of those SKUs, ledger and stored counts side by side
     */
    public static Reconciliation reconcile(InventoryStore store, Collection<Sku> skus) {
        List<Reconciliation.Entry> entries = new ArrayList<>();
        for (Sku sku : InvalidInputException.requireNonNull(skus, "skus")) {
            for (StockPosition listed : store.positions(sku)) {
                entries.add(reconcile(store, listed.key()));
            }
        }
        return new Reconciliation(entries);
    }

    private static Reconciliation.Entry reconcile(InventoryStore store, PositionKey key) {
        LedgerTail tail = store.ledgerTail(key).orElseThrow(() -> new UnknownPositionException(key));
        LedgerCheckpoint sums = tail.checkpoint();
        for (Movement m : tail.movements()) {
            sums = sums.plus(m);
        }
        StockPosition p = tail.position();
        return new Reconciliation.Entry(key, sums.onHand(), p.onHand().value(), sums.reserved(), p.reserved().value(),
                sums.damaged(), p.damaged().value(), sums.qualityControl(), p.qualityControl().value());
    }
}
