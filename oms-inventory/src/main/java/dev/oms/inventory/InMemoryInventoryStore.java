package dev.oms.inventory;

import dev.oms.core.internal.memory.Horizon;
import dev.oms.core.internal.memory.InMemoryCommandKeys;
import dev.oms.core.internal.memory.InMemoryOutbox;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.LocationId;
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
import dev.oms.spi.inventory.Reservation.BackorderLine;
import dev.oms.spi.inventory.StockLedger.LedgerTail;
import dev.oms.spi.inventory.StockLedger.LedgerTail.LedgerCheckpoint;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    private static final int RESERVATION_STRIPES = 64;

    /** One position: its lock, its current value and its ledger (guarded by the lock). */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile StockPosition position;
        final List<Movement> ledger = new ArrayList<>();
        LedgerCheckpoint checkpoint;

        Slot(StockPosition position) {
            this.position = position;
            this.checkpoint = LedgerCheckpoint.none(position.key());
        }
    }

    /** One SKU's backorder allowance. */
    private static final class BackorderSlot {
        final ReentrantLock lock = new ReentrantLock();
        volatile BackorderAccount account;

        BackorderSlot(BackorderAccount account) {
            this.account = account;
        }
    }

    private final Map<PositionKey, Slot> positions = new ConcurrentHashMap<>();
    private final Map<Sku, Set<PositionKey>> positionsBySku = new ConcurrentHashMap<>();
    private final Map<Sku, BackorderSlot> backorders = new ConcurrentHashMap<>();
    private final ReentrantLock[] reservationLocks = new ReentrantLock[RESERVATION_STRIPES];
    private final Map<ReservationId, Reservation> reservations = new ConcurrentHashMap<>();
    private final Map<OrderId, Set<ReservationId>> reservationsByOrder = new ConcurrentHashMap<>();
    private final Map<Sku, Set<ReservationId>> backordersBySku = new ConcurrentHashMap<>();
    private final Clock clock;
    private final InMemoryCommandKeys<OperationRecord> operations;
    /** Reservations as they closed (released, committed, expired), oldest first, for the purge. */
    private final ConcurrentLinkedQueue<Closed> closed = new ConcurrentLinkedQueue<>();
    private final Map<Reference, IncomingStock> incoming = new ConcurrentHashMap<>();
    private final AtomicLong ledgerSequence = new AtomicLong();
    private final InMemoryOutbox<OutboxEntry<InventoryEvent>> outbox = new InMemoryOutbox<>();

    private record Closed(ReservationId id, Instant at) {
    }

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
        for (int i = 0; i < RESERVATION_STRIPES; i++) {
            reservationLocks[i] = new ReentrantLock();
        }
    }

    @Override
    public StockPosition definePosition(PositionKey key, PositionSettings settings) {
        InvalidInputException.requireNonNull(key, "key");
        InvalidInputException.requireNonNull(settings, "settings");
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

    @Override
    public Optional<StockPosition> position(PositionKey key) {
        Slot slot = positions.get(InvalidInputException.requireNonNull(key, "key"));
        return slot == null ? Optional.empty() : Optional.of(read(slot));
    }

    /** Reads a position under its lock, so a change that also touched a reservation is seen whole or not at all. */
    private static StockPosition read(Slot slot) {
        slot.lock.lock();
        try {
            return slot.position;
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public List<StockPosition> positions(Sku sku) {
        InvalidInputException.requireNonNull(sku, "sku");
        List<StockPosition> found = new ArrayList<>();
        for (PositionKey key : new TreeSet<>(positionsBySku.getOrDefault(sku, Set.of()))) {
            found.add(read(positions.get(key)));
        }
        return found;
    }

    @Override
    public void setBackorderLimit(Sku sku, Quantity limit) {
        InvalidInputException.requireNonNull(limit, "limit");
        BackorderSlot slot = backorderSlot(sku);
        slot.lock.lock();
        try {
            slot.account = new BackorderAccount(sku, limit, slot.account.backordered());
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public BackorderAccount backorderAccount(Sku sku) {
        return backorderSlot(InvalidInputException.requireNonNull(sku, "sku")).account;
    }

    private BackorderSlot backorderSlot(Sku sku) {
        return backorders.computeIfAbsent(sku, s -> new BackorderSlot(new BackorderAccount(s, Quantity.ZERO,
                Quantity.ZERO)));
    }

    @Override
    public ApplyResult apply(InventoryChange change) {
        InvalidInputException.requireNonNull(change, "change");
        // Sum the deltas per position, in key order: the order locks are taken in.
        ChangeTotals sums = ChangeTotals.of(change);
        Map<PositionKey, long[]> totals = sums.perPosition();
        Set<PositionKey> mustStayAvailable = sums.guarded();
        List<Slot> slots = new ArrayList<>(totals.size());
        for (PositionKey key : totals.keySet()) {
            Slot slot = positions.get(key);
            if (slot == null) {
                throw new UnknownPositionException(key);
            }
            slots.add(slot);
        }
        Map<Sku, Long> backorderTotals = sums.backorders();
        List<BackorderSlot> accountSlots = new ArrayList<>();
        for (Sku sku : backorderTotals.keySet()) {
            accountSlots.add(backorderSlot(sku));
        }
        ReentrantLock reservationLock = change.reservation().map(w -> reservationLock(w.reservation().id()))
                .orElse(null);
        List<ReentrantLock> held = new ArrayList<>(slots.size() + accountSlots.size() + 1);
        try {
            slots.forEach(s -> lock(s.lock, held));
            accountSlots.forEach(s -> lock(s.lock, held));
            if (reservationLock != null) {
                lock(reservationLock, held);
            }
            return applyLocked(change, totals, mustStayAvailable, slots, backorderTotals, accountSlots);
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }

    private static void lock(ReentrantLock lock, List<ReentrantLock> held) {
        lock.lock();
        held.add(lock);
    }

    private ApplyResult applyLocked(InventoryChange change, Map<PositionKey, long[]> totals,
            Set<PositionKey> mustStayAvailable, List<Slot> slots, Map<Sku, Long> backorderTotals,
            List<BackorderSlot> accountSlots) {
        // 1. A change planned on a state that is gone is a conflict, whatever the stock says: check
        //    the reservation's version and expected counts before judging availability.
        Optional<ReservationWrite> write = change.reservation();
        if (write.isPresent()) {
            ReservationId id = write.get().reservation().id();
            Reservation stored = reservations.get(id);
            long actual = stored == null ? 0 : stored.version();
            if (actual != write.get().expectedVersion()) {
                throw new ReservationConflictException(id, write.get().expectedVersion(), actual);
            }
        }
        for (PositionDelta delta : change.deltas()) {
            if (delta.expectedOnHand().isPresent()) {
                long actual = positions.get(delta.key()).position.onHand().value();
                if (actual != delta.expectedOnHand().getAsLong()) {
                    throw new PositionConflictException(delta.key(), delta.expectedOnHand().getAsLong(), actual);
                }
            }
        }
        // 2. Check every stock condition; collect every shortfall.
        List<Shortfall> shortfalls = new ArrayList<>();
        int i = 0;
        for (Map.Entry<PositionKey, long[]> e : totals.entrySet()) {
            StockPosition p = slots.get(i++).position;
            checkPosition(p, e.getValue(), mustStayAvailable.contains(e.getKey()), shortfalls);
        }
        int a = 0;
        for (Map.Entry<Sku, Long> e : backorderTotals.entrySet()) {
            BackorderAccount account = accountSlots.get(a++).account;
            long after = account.backordered().value() + e.getValue();
            if (e.getValue() > 0 && after > account.limit().value()) {
                shortfalls.add(new Shortfall(e.getKey(), Optional.empty(), e.getValue(), account.headroom()));
            } else if (after < 0) {
                throw new InvalidInputException("InventoryChange.backorders", "SKU " + e.getKey()
                        + " would have negative backorders (" + after + ")");
            }
        }
        if (!shortfalls.isEmpty()) {
            return new ApplyResult.Refused(shortfalls);
        }
        Optional<OperationRecord> operation = change.operation();
        if (operation.isPresent() && !operations.record(operation.get().key(), operation.get())) {
            throw new CommandKeyConflictException(operation.get().key(), "is already recorded");
        }
        // 3. Nothing can fail from here on: write everything, all before the first unlock.
        write.ifPresent(w -> saveReservation(w.reservation()));
        List<StockPosition> after = new ArrayList<>(slots.size());
        List<InventoryEvent> derived = new ArrayList<>();
        int s = 0;
        for (long[] t : totals.values()) {
            Slot slot = slots.get(s++);
            StockPosition before = slot.position;
            // The summed deltas, checked above, in one step: a remove before a receipt in the same
            // change may dip below zero on the way, the total never does.
            StockPosition next = new StockPosition(before.key(), Quantity.of(before.onHand().value() + t[0]),
                    Quantity.of(before.reserved().value() + t[1]), Quantity.of(before.damaged().value() + t[2]),
                    Quantity.of(before.qualityControl().value() + t[3]), before.settings(), before.version() + 1);
            for (PositionDelta delta : change.deltas()) {
                if (delta.key().equals(before.key())) {
                    slot.ledger.add(Movement.of(ledgerSequence.incrementAndGet(), delta, change.at(),
                            change.changeId()));
                }
            }
            slot.position = next;
            after.add(next);
            InventoryEvent.LowStock.crossing(change.changeId(), change.at(), before, next).ifPresent(derived::add);
        }
        a = 0;
        for (Map.Entry<Sku, Long> e : backorderTotals.entrySet()) {
            BackorderSlot slot = accountSlots.get(a++);
            BackorderAccount account = slot.account;
            slot.account = new BackorderAccount(account.sku(), account.limit(),
                    Quantity.of(account.backordered().value() + e.getValue()));
        }
        List<InventoryEvent> events = new ArrayList<>(change.events());
        events.addAll(derived);
        for (InventoryEvent event : events) {
            outbox.append(event.eventId(), sequence -> new OutboxEntry<>(sequence, event));
        }
        return new ApplyResult.Applied(after, events);
    }

    private static void checkPosition(StockPosition p, long[] t, boolean mustStayAvailable, List<Shortfall> out) {
        Sku sku = p.key().sku();
        Optional<LocationId> at = Optional.of(p.key().location());
        long onHand = p.onHand().value() + t[0];
        long reserved = p.reserved().value() + t[1];
        StockPosition.requireWithinLimit(p.key(), onHand, reserved, p.damaged().value() + t[2],
                p.qualityControl().value() + t[3]);
        if (onHand < 0) {
            out.add(new Shortfall(sku, at, -t[0], p.onHand().value()));
        } else if (reserved < 0) {
            out.add(new Shortfall(sku, at, -t[1], p.reserved().value()));
        } else if (p.damaged().value() + t[2] < 0) {
            out.add(new Shortfall(sku, at, -t[2], p.damaged().value()));
        } else if (p.qualityControl().value() + t[3] < 0) {
            out.add(new Shortfall(sku, at, -t[3], p.qualityControl().value()));
        } else if (mustStayAvailable && onHand - reserved - p.settings().safetyStock().value() < 0) {
            out.add(new Shortfall(sku, at, t[1] - t[0], p.available()));
        }
    }

    private void saveReservation(Reservation reservation) {
        Reservation before = reservations.put(reservation.id(), reservation);
        if (!reservation.status().isActive() && (before == null || before.status().isActive())) {
            closed.add(new Closed(reservation.id(), clock.instant()));
        }
        reservationsByOrder.computeIfAbsent(reservation.orderId(), o -> ConcurrentHashMap.newKeySet())
                .add(reservation.id());
        for (Sku sku : reservation.backorders().stream().map(BackorderLine::sku).distinct().toList()) {
            boolean waiting = reservation.status().isActive() && reservation.backorders().stream()
                    .anyMatch(b -> b.sku().equals(sku) && b.open().isPositive());
            Set<ReservationId> ids = backordersBySku.computeIfAbsent(sku, k -> ConcurrentHashMap.newKeySet());
            if (waiting) {
                ids.add(reservation.id());
            } else {
                ids.remove(reservation.id());
            }
        }
    }

    @Override
    public Optional<Reservation> reservation(ReservationId id) {
        InvalidInputException.requireNonNull(id, "id");
        ReentrantLock lock = reservationLock(id);
        lock.lock();
        try {
            return Optional.ofNullable(reservations.get(id));
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock reservationLock(ReservationId id) {
        return reservationLocks[Math.floorMod(id.hashCode(), RESERVATION_STRIPES)];
    }

    @Override
    public List<Reservation> reservationsOf(OrderId orderId) {
        Set<ReservationId> ids = reservationsByOrder.getOrDefault(
                InvalidInputException.requireNonNull(orderId, "orderId"), Set.of());
        return ids.stream().map(this::reservation).flatMap(Optional::stream) // one purged meanwhile is gone
                .sorted(Comparator.comparing(Reservation::createdAt).thenComparing(Reservation::id)).toList();
    }

    @Override
    public List<Reservation> expiring(Instant notAfter, int limit) {
        InvalidInputException.requireNonNull(notAfter, "notAfter");
        return reservations.values().stream()
                .filter(r -> r.status().isActive() && r.isExpiredAt(notAfter))
                .sorted(Comparator.comparing((Reservation r) -> r.expiresAt().orElseThrow())
                        .thenComparing(Reservation::id))
                .limit(limit).toList();
    }

    @Override
    public List<Reservation> openBackorders(Sku sku) {
        Set<ReservationId> ids = backordersBySku.getOrDefault(InvalidInputException.requireNonNull(sku, "sku"),
                Set.of());
        return ids.stream().map(reservations::get)
                .filter(r -> r.status().isActive()
                        && r.backorders().stream().anyMatch(b -> b.sku().equals(sku) && b.open().isPositive()))
                .sorted(Comparator.comparingInt(Reservation::priority).reversed()
                        .thenComparing(Reservation::createdAt).thenComparing(Reservation::id))
                .toList();
    }

    @Override
    public Optional<LedgerTail> ledgerTail(PositionKey key) {
        Slot slot = positions.get(InvalidInputException.requireNonNull(key, "key"));
        if (slot == null) {
            return Optional.empty();
        }
        slot.lock.lock();
        try {
            return Optional.of(new LedgerTail(slot.position, slot.checkpoint, slot.ledger));
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public int compactLedger(Duration olderThan, int limit) {
        Instant cutoff = Horizon.cutoff(clock, olderThan, limit);
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
                slot.ledger.subList(0, n).clear();
                slot.checkpoint = checkpoint;
                folded += n;
            } finally {
                slot.lock.unlock();
            }
        }
        return folded;
    }

    @Override
    public List<Movement> movements(PositionKey key) {
        Slot slot = positions.get(InvalidInputException.requireNonNull(key, "key"));
        if (slot == null) {
            return List.of();
        }
        slot.lock.lock();
        try {
            return List.copyOf(slot.ledger);
        } finally {
            slot.lock.unlock();
        }
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
        Instant cutoff = Horizon.cutoff(clock, olderThan, limit);
        int purged = 0;
        while (purged < limit) {
            Closed oldest = closed.peek();
            if (oldest == null || !oldest.at().isBefore(cutoff)) {
                break;
            }
            if (!closed.remove(oldest)) {
                continue;
            }
            ReentrantLock lock = reservationLock(oldest.id());
            lock.lock();
            try {
                Reservation r = reservations.get(oldest.id());
                if (r != null && !r.status().isActive()) {
                    reservations.remove(r.id());
                    Set<ReservationId> ofOrder = reservationsByOrder.get(r.orderId());
                    if (ofOrder != null) {
                        ofOrder.remove(r.id());
                    }
                    backordersBySku.values().forEach(ids -> ids.remove(r.id()));
                    purged++;
                }
            } finally {
                lock.unlock();
            }
        }
        return purged;
    }
}
