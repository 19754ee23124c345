package dev.oms.inventory.memory;

import dev.oms.core.internal.memory.Horizon;
import dev.oms.core.internal.memory.InMemoryCommandKeys;
import dev.oms.core.internal.memory.InMemoryOutbox;
import dev.oms.inventory.internal.MemoryPositions;
import dev.oms.inventory.internal.MemoryPositions.BackorderSlot;
import dev.oms.inventory.internal.MemoryPositions.Slot;
import dev.oms.inventory.internal.MemoryReservations;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.PositionConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.StaleVersionException.ReservationConflictException;
import dev.oms.spi.internal.ChangeTotals;
import dev.oms.spi.inventory.BackorderAccount;
import dev.oms.spi.inventory.IncomingStock;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.InventoryChange.ReservationWrite;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.InventoryStore.ApplyResult.Shortfall;
import dev.oms.spi.inventory.Movement;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.StockLedger.LedgerTail;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded {@link InventoryStore}: linearizable, deadlock-free, tuned for a hot SKU.
 *
 * <p>Each position has its own lock; a change locks the positions it touches in
 * {@link PositionKey} order, then the backorder accounts of the SKUs it touches in SKU order,
 * then one stripe of the reservation locks. Every change takes its locks in that one global
 * order, so changes never deadlock; changes on different positions never wait for each other,
 * and a reservation on a hot SKU costs one briefly contended lock, the condition check and the
 * writes. A change does all its writes before it releases its first lock, and a read of a
 * position or a reservation takes that object's lock, so every read sees a change whole or not
 * at all, also across objects (a hold and the reservation that holds it). Lincheck checks this
 * ({@code InventoryLincheckTest}); it found both earlier, lock-free designs wrong. Scans for
 * candidates ({@link #expiring}, {@link #openBackorders}) read without locks; the engine re-reads
 * what it acts on. Nothing survives the JVM.
 */
public final class InMemoryInventoryStore implements InventoryStore {
    private final MemoryPositions positions = new MemoryPositions();
    private final MemoryReservations reservations;
    private final Clock clock;
    private final InMemoryCommandKeys<OperationRecord> operations;
    private final Map<Reference, IncomingStock> incoming = new ConcurrentHashMap<>();
    private final AtomicLong ledgerSequence = new AtomicLong();
    private final InMemoryOutbox<OutboxEntry<InventoryEvent>> outbox = new InMemoryOutbox<>();

    /** Creates an empty store on the system clock (UTC), which stamps keys and closed reservations for the purges. */
    public InMemoryInventoryStore() {
        this(Clock.systemUTC());
    }

    /**
     * Creates an empty store.
     *
     * @param clock stamps command keys and closed reservations for the purge calls
     */
    public InMemoryInventoryStore(Clock clock) {
        this.clock = InvalidInputException.requireNonNull(clock, "clock");
        this.operations = new InMemoryCommandKeys<>(clock);
        this.reservations = new MemoryReservations(clock);
    }

    @Override
    public StockPosition definePosition(PositionKey key, PositionSettings settings) {
        InvalidInputException.requireNonNull(key, "key");
        InvalidInputException.requireNonNull(settings, "settings");
        return positions.define(key, settings);
    }

    @Override
    public Optional<StockPosition> position(PositionKey key) {
        return positions.position(InvalidInputException.requireNonNull(key, "key"));
    }

    @Override
    public List<StockPosition> positions(Sku sku) {
        return positions.positions(InvalidInputException.requireNonNull(sku, "sku"));
    }

    @Override
    public void setBackorderLimit(Sku sku, Quantity limit) {
        InvalidInputException.requireNonNull(limit, "limit");
        positions.setBackorderLimit(InvalidInputException.requireNonNull(sku, "sku"), limit);
    }

    @Override
    public BackorderAccount backorderAccount(Sku sku) {
        return positions.backorderSlot(InvalidInputException.requireNonNull(sku, "sku")).account;
    }

    @Override
    public ApplyResult apply(InventoryChange change) {
        InvalidInputException.requireNonNull(change, "change");
        // Sum the deltas per position, in key order: the order locks are taken in.
        ChangeTotals sums = ChangeTotals.of(change);
        int n = sums.perPosition().size();
        Slot[] slots = new Slot[n];
        long[][] totals = new long[n][];
        boolean[] guarded = new boolean[n];
        int i = 0;
        for (Map.Entry<PositionKey, long[]> e : sums.perPosition().entrySet()) {
            Slot slot = positions.slot(e.getKey());
            if (slot == null) {
                throw new UnknownPositionException(e.getKey());
            }
            slots[i] = slot;
            totals[i] = e.getValue();
            guarded[i++] = sums.guarded().contains(e.getKey());
        }
        Map<Sku, Long> backorderTotals = sums.backorders();
        BackorderSlot[] accountSlots = new BackorderSlot[backorderTotals.size()];
        i = 0;
        for (Sku sku : backorderTotals.keySet()) {
            accountSlots[i++] = positions.backorderSlot(sku);
        }
        // every change takes its locks in one global order: positions, backorder accounts, reservation
        ReentrantLock[] locks = new ReentrantLock[n + accountSlots.length + (change.reservation().isPresent() ? 1 : 0)];
        for (i = 0; i < n; i++) {
            locks[i] = slots[i].lock;
        }
        for (int a = 0; a < accountSlots.length; a++) {
            locks[n + a] = accountSlots[a].lock;
        }
        if (change.reservation().isPresent()) {
            locks[locks.length - 1] = reservations.lock(change.reservation().get().reservation().id());
        }
        int locked = 0;
        try {
            for (ReentrantLock lock : locks) {
                lock.lock();
                locked++;
            }
            return applyLocked(change, slots, totals, guarded, backorderTotals, accountSlots);
        } finally {
            while (locked > 0) {
                locks[--locked].unlock();
            }
        }
    }

    private ApplyResult applyLocked(InventoryChange change, Slot[] slots, long[][] totals, boolean[] guarded,
            Map<Sku, Long> backorderTotals, BackorderSlot[] accountSlots) {
        // 1. A change planned on a state that is gone is a conflict, whatever the stock says: check
        //    the reservation's version and expected counts before judging availability.
        Optional<ReservationWrite> write = change.reservation();
        if (write.isPresent()) {
            ReservationId id = write.get().reservation().id();
            long actual = reservations.versionOf(id);
            if (actual != write.get().expectedVersion()) {
                throw new ReservationConflictException(id, write.get().expectedVersion(), actual);
            }
        }
        for (PositionDelta delta : change.deltas()) {
            if (delta.expectedOnHand().isPresent()) {
                long actual = positions.slot(delta.key()).position.onHand().value();
                if (actual != delta.expectedOnHand().getAsLong()) {
                    throw new PositionConflictException(delta.key(), delta.expectedOnHand().getAsLong(), actual);
                }
            }
        }
        // 2. Check every stock condition; collect every shortfall.
        List<Shortfall> shortfalls = null;
        for (int i = 0; i < slots.length; i++) {
            Shortfall shortfall = shortfall(slots[i].position, totals[i], guarded[i]);
            if (shortfall != null) {
                shortfalls = shortfalls == null ? new ArrayList<>() : shortfalls;
                shortfalls.add(shortfall);
            }
        }
        int a = 0;
        for (Map.Entry<Sku, Long> e : backorderTotals.entrySet()) {
            BackorderAccount account = accountSlots[a++].account;
            long after = account.backordered().value() + e.getValue();
            if (e.getValue() > 0 && after > account.limit().value()) {
                shortfalls = shortfalls == null ? new ArrayList<>() : shortfalls;
                shortfalls.add(new Shortfall(e.getKey(), Optional.empty(), e.getValue(), account.headroom()));
            } else if (after < 0) {
                throw new InvalidInputException("InventoryChange.backorders", "SKU " + e.getKey()
                        + " would have negative backorders (" + after + ")");
            }
        }
        if (shortfalls != null) {
            return new ApplyResult.Refused(shortfalls);
        }
        Optional<OperationRecord> operation = change.operation();
        if (operation.isPresent() && !operations.record(operation.get().key(), operation.get())) {
            throw new CommandKeyConflictException(operation.get().key(), "is already recorded");
        }
        // 3. Nothing can fail from here on: write everything, all before the first unlock.
        if (write.isPresent()) {
            reservations.save(write.get().reservation());
        }
        StockPosition[] after = new StockPosition[slots.length];
        List<InventoryEvent> events = change.events();
        for (int i = 0; i < slots.length; i++) {
            Slot slot = slots[i];
            long[] t = totals[i];
            StockPosition before = slot.position;
            // The summed deltas, checked above, in one step: a remove before a receipt in the same
            // change may dip below zero on the way, the total never does.
            StockPosition next = new StockPosition(before.key(), plus(before.onHand(), t[0]),
                    plus(before.reserved(), t[1]), plus(before.damaged(), t[2]), plus(before.qualityControl(), t[3]),
                    before.settings(), before.version() + 1);
            for (PositionDelta delta : change.deltas()) {
                if (delta.key().equals(before.key())) {
                    slot.ledger.add(Movement.of(ledgerSequence.incrementAndGet(), delta, change.at(),
                            change.changeId()));
                }
            }
            slot.position = next;
            after[i] = next;
            Optional<InventoryEvent.LowStock> low = InventoryEvent.LowStock.crossing(change.changeId(), change.at(),
                    before, next);
            if (low.isPresent()) {
                if (events == change.events()) {
                    events = new ArrayList<>(events); // the change's own list is immutable
                }
                events.add(low.get());
            }
        }
        a = 0;
        for (Map.Entry<Sku, Long> e : backorderTotals.entrySet()) {
            BackorderSlot slot = accountSlots[a++];
            BackorderAccount account = slot.account;
            slot.account = new BackorderAccount(account.sku(), account.limit(),
                    Quantity.of(account.backordered().value() + e.getValue()));
        }
        for (InventoryEvent event : events) {
            outbox.append(event.eventId(), sequence -> new OutboxEntry<>(sequence, event));
        }
        return new ApplyResult.Applied(List.of(after), events);
    }

    private static Quantity plus(Quantity count, long delta) {
        return delta == 0 ? count : Quantity.of(count.value() + delta);
    }

    /** @return what the position lacks for the summed deltas, or null if they fit */
    private static Shortfall shortfall(StockPosition p, long[] t, boolean mustStayAvailable) {
        long onHand = p.onHand().value() + t[0];
        long reserved = p.reserved().value() + t[1];
        StockPosition.requireWithinLimit(p.key(), onHand, reserved, p.damaged().value() + t[2],
                p.qualityControl().value() + t[3]);
        long needed;
        long available;
        if (onHand < 0) {
            needed = -t[0];
            available = p.onHand().value();
        } else if (reserved < 0) {
            needed = -t[1];
            available = p.reserved().value();
        } else if (p.damaged().value() + t[2] < 0) {
            needed = -t[2];
            available = p.damaged().value();
        } else if (p.qualityControl().value() + t[3] < 0) {
            needed = -t[3];
            available = p.qualityControl().value();
        } else if (mustStayAvailable && onHand - reserved - p.settings().safetyStock().value() < 0) {
            needed = t[1] - t[0];
            available = p.available();
        } else {
            return null;
        }
        return new Shortfall(p.key().sku(), Optional.of(p.key().location()), needed, available);
    }

    @Override
    public Optional<Reservation> reservation(ReservationId id) {
        return reservations.read(InvalidInputException.requireNonNull(id, "id"));
    }

    @Override
    public List<Reservation> reservationsOf(OrderId orderId) {
        return reservations.ofOrder(InvalidInputException.requireNonNull(orderId, "orderId"));
    }

    @Override
    public List<Reservation> expiring(Instant notAfter, int limit) {
        return reservations.expiring(InvalidInputException.requireNonNull(notAfter, "notAfter"), limit);
    }

    @Override
    public List<Reservation> openBackorders(Sku sku) {
        return reservations.openBackorders(InvalidInputException.requireNonNull(sku, "sku"));
    }

    @Override
    public Optional<LedgerTail> ledgerTail(PositionKey key) {
        return positions.ledgerTail(key);
    }

    @Override
    public int compactLedger(Duration olderThan, int limit) {
        return positions.compact(Horizon.cutoff(clock, olderThan, limit), limit);
    }

    @Override
    public List<Movement> movements(PositionKey key) {
        return positions.movements(key);
    }

    @Override
    public Optional<OperationRecord> findOperation(CommandKey key) {
        return operations.find(key);
    }

    @Override
    public void expectIncoming(IncomingStock stock) {
        InvalidInputException.requireNonNull(stock, "incoming");
        incoming.put(stock.reference(), stock);
    }

    @Override
    public void removeIncoming(Reference reference) {
        incoming.remove(InvalidInputException.requireNonNull(reference, "reference"));
    }

    @Override
    public List<IncomingStock> incoming(Sku sku) {
        InvalidInputException.requireNonNull(sku, "sku");
        return incoming.values().stream().filter(i -> i.position().sku().equals(sku))
                .sorted(Comparator.comparing(IncomingStock::expectedAt)).toList();
    }

    @Override
    public List<OutboxEntry<InventoryEvent>> unpublished(int limit) {
        return outbox.unpublished(limit);
    }

    @Override
    public void markPublished(Collection<EventId> eventIds) {
        outbox.markPublished(eventIds);
    }

    @Override
    public int purgeCommandKeys(Duration olderThan, int limit) {
        return operations.purge(olderThan, limit);
    }

    /** Published events are forgotten as they are marked, so there is nothing to purge. */
    @Override
    public int purgePublishedEvents(Duration olderThan, int limit) {
        return outbox.purgePublished(olderThan, limit);
    }

    @Override
    public int purgeClosedReservations(Duration olderThan, int limit) {
        return reservations.purgeClosed(Horizon.cutoff(clock, olderThan, limit), limit);
    }
}
