package dev.oms.inventory.internal;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.BackorderAccount;
import dev.oms.spi.inventory.Movement;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.StockLedger.LedgerTail;
import dev.oms.spi.inventory.StockLedger.LedgerTail.LedgerCheckpoint;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory store's stock positions, each with its lock and its movement ledger, and the
 * SKUs' backorder allowances, each with its lock. Reads take the object's lock, so a change that
 * wrote under it is seen whole or not at all; {@code InMemoryInventoryStore.apply} takes the locks
 * of what it changes in its one global order and writes through {@link Slot} and
 * {@link BackorderSlot}. Thread-safe.
 */
public final class MemoryPositions {
    /** One position: its lock, its current value and its ledger (guarded by the lock). */
    public static final class Slot {
        /** Guards the position, the ledger and the checkpoint. */
        public final ReentrantLock lock = new ReentrantLock();
        /** The current value; written only under the lock. */
        public volatile StockPosition position;
        /** Movements since the checkpoint, oldest first; guarded by the lock. */
        public final MovementLog ledger = new MovementLog();
        private LedgerCheckpoint checkpoint;

        Slot(StockPosition position) {
            this.position = position;
            this.checkpoint = LedgerCheckpoint.none(position.key());
        }
    }

    /** One SKU's backorder allowance. */
    public static final class BackorderSlot {
        /** Guards the account. */
        public final ReentrantLock lock = new ReentrantLock();
        /** The current account; written only under the lock. */
        public volatile BackorderAccount account;

        BackorderSlot(BackorderAccount account) {
            this.account = account;
        }
    }

    private final Map<PositionKey, Slot> positions = new ConcurrentHashMap<>();
    private final Map<Sku, Set<PositionKey>> positionsBySku = new ConcurrentHashMap<>();
    private final Map<Sku, BackorderSlot> backorders = new ConcurrentHashMap<>();

    /**
     * @param key the position
     * @param settings its settings
     * @return the position, created empty or with its settings replaced
     */
    public StockPosition define(PositionKey key, PositionSettings settings) {
        Slot slot = positions.computeIfAbsent(key, k -> new Slot(StockPosition.empty(k, settings)));
        positionsBySku.computeIfAbsent(key.sku(), k -> ConcurrentHashMap.newKeySet()).add(key);
        slot.lock.lock();
        try {
            if (!slot.position.settings().equals(settings)) {
                slot.position = slot.position.withSettings(settings);
            }
            return slot.position;
        } finally {
            slot.lock.unlock();
        }
    }

    /** @param key a position @return its slot, or null if it was never defined */
    public Slot slot(PositionKey key) {
        return positions.get(key);
    }

    /** @param key a position @return its value, read under its lock */
    public Optional<StockPosition> position(PositionKey key) {
        Slot slot = positions.get(key);
        return slot == null ? Optional.empty() : Optional.of(read(slot));
    }

    /** @param sku a SKU @return its positions in key order, each read under its lock */
    public List<StockPosition> positions(Sku sku) {
        List<StockPosition> found = new ArrayList<>();
        for (PositionKey key : new TreeSet<>(positionsBySku.getOrDefault(sku, Set.of()))) {
            found.add(read(positions.get(key)));
        }
        return found;
    }

    private static StockPosition read(Slot slot) {
        slot.lock.lock();
        try {
            return slot.position;
        } finally {
            slot.lock.unlock();
        }
    }

    /** @param sku a SKU @param limit its new allowance; what is backordered stays */
    public void setBackorderLimit(Sku sku, Quantity limit) {
        BackorderSlot slot = backorderSlot(sku);
        slot.lock.lock();
        try {
            slot.account = new BackorderAccount(sku, limit, slot.account.backordered());
        } finally {
            slot.lock.unlock();
        }
    }

    /** @param sku a SKU @return its account's slot, created with no allowance */
    public BackorderSlot backorderSlot(Sku sku) {
        return backorders.computeIfAbsent(sku, s -> new BackorderSlot(new BackorderAccount(s, Quantity.ZERO,
                Quantity.ZERO)));
    }

    /** @param key a position @return its value, checkpoint and movements since, read together */
    public Optional<LedgerTail> ledgerTail(PositionKey key) {
        Slot slot = positions.get(InvalidInputException.requireNonNull(key, "key"));
        if (slot == null) {
            return Optional.empty();
        }
        slot.lock.lock();
        try {
            return Optional.of(new LedgerTail(slot.position, slot.checkpoint, slot.ledger.toList()));
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * Folds movements before the cutoff into their position's checkpoint, positions in key order.
     *
     * @param cutoff movements before it are folded
     * @param limit at most this many movements
     * @return how many were folded
     */
    public int compact(Instant cutoff, int limit) {
        int folded = 0;
        for (PositionKey key : new TreeSet<>(positions.keySet())) {
            if (folded == limit) {
                break;
            }
            Slot slot = positions.get(key);
            slot.lock.lock();
            try {
                int n = 0;
                LedgerCheckpoint checkpoint = slot.checkpoint;
                while (n < slot.ledger.size() && folded + n < limit && slot.ledger.get(n).at().isBefore(cutoff)) {
                    checkpoint = checkpoint.plus(slot.ledger.get(n));
                    n++;
                }
                slot.ledger.dropOldest(n);
                slot.checkpoint = checkpoint;
                folded += n;
            } finally {
                slot.lock.unlock();
            }
        }
        return folded;
    }

    /** @param key a position @return its movements since its checkpoint, read under its lock */
    public List<Movement> movements(PositionKey key) {
        Slot slot = positions.get(InvalidInputException.requireNonNull(key, "key"));
        if (slot == null) {
            return List.of();
        }
        slot.lock.lock();
        try {
            return slot.ledger.toList();
        } finally {
            slot.lock.unlock();
        }
    }
}
