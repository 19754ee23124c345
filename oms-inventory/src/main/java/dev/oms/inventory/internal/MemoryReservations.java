package dev.oms.inventory.internal;

import dev.oms.spi.OrderId;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.BackorderLine;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory store's reservations: by id under one of 64 striped locks, by order, the ones
 * waiting for a SKU's backorder, and the closed ones oldest first for the purge. A read by id
 * takes the reservation's lock, so a change that wrote it together with positions is seen whole
 * or not at all; scans ({@link #expiring}, {@link #openBackorders}) read without locks, and the
 * engine re-reads what it acts on. Thread-safe.
 */
public final class MemoryReservations {
    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final Map<ReservationId, Reservation> byId = new ConcurrentHashMap<>();
    /**
     * Each order's reservations: the one {@link ReservationId} most orders have, or the
     * {@link ConcurrentHashMap#newKeySet() set} of them once there are several (a set for every
     * order would weigh about 200 bytes per reservation). Changed only inside {@code compute}.
     */
    private final Map<OrderId, Object> byOrder = new ConcurrentHashMap<>();
    private final Map<Sku, Set<ReservationId>> backordersBySku = new ConcurrentHashMap<>();
    /** Reservations as they closed (released, committed, expired), oldest first, for the purge. */
    private final ConcurrentLinkedQueue<Closed> closed = new ConcurrentLinkedQueue<>();
    private final Clock clock;

    private record Closed(ReservationId id, Instant at) {
    }

    /** @param clock stamps reservations as they close, for the purge */
    public MemoryReservations(Clock clock) {
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** @param id a reservation @return the stripe that guards it */
    public ReentrantLock lock(ReservationId id) {
        return locks[Math.floorMod(id.hashCode(), STRIPES)];
    }

    /** @param id a reservation @return its stored version, or 0; the caller holds its lock */
    public long versionOf(ReservationId id) {
        Reservation stored = byId.get(id);
        return stored == null ? 0 : stored.version();
    }

    /** @param reservation saved with its indexes; the caller holds its lock */
    public void save(Reservation reservation) {
        Reservation before = byId.put(reservation.id(), reservation);
        if (!reservation.status().isActive() && (before == null || before.status().isActive())) {
            closed.add(new Closed(reservation.id(), clock.instant()));
        }
        if (before == null) {
            byOrder.compute(reservation.orderId(), (order, ids) -> withId(ids, reservation.id()));
        }
        if (reservation.backorders().isEmpty()) {
            return;
        }
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

    @SuppressWarnings("unchecked")
    private static Object withId(Object ids, ReservationId id) {
        if (ids == null || ids.equals(id)) {
            return id;
        }
        Set<ReservationId> several;
        if (ids instanceof ReservationId one) {
            several = ConcurrentHashMap.newKeySet();
            several.add(one);
        } else {
            several = (Set<ReservationId>) ids;
        }
        several.add(id);
        return several;
    }

    @SuppressWarnings("unchecked")
    private static Object withoutId(Object ids, ReservationId id) {
        if (ids instanceof ReservationId one) {
            return one.equals(id) ? null : one;
        }
        Set<ReservationId> several = (Set<ReservationId>) ids;
        several.remove(id);
        return several.isEmpty() ? null : several;
    }

    @SuppressWarnings("unchecked")
    private Set<ReservationId> idsOf(OrderId orderId) {
        Object ids = byOrder.get(orderId);
        if (ids == null) {
            return Set.of();
        }
        return ids instanceof ReservationId one ? Set.of(one) : (Set<ReservationId>) ids;
    }

    /** @param id a reservation @return it, read under its lock */
    public Optional<Reservation> read(ReservationId id) {
        ReentrantLock lock = lock(id);
        lock.lock();
        try {
            return Optional.ofNullable(byId.get(id));
        } finally {
            lock.unlock();
        }
    }

    /** @param orderId an order @return its reservations, oldest first */
    public List<Reservation> ofOrder(OrderId orderId) {
        return idsOf(orderId).stream().map(this::read)
                .flatMap(Optional::stream) // one purged meanwhile is gone
                .sorted(Comparator.comparing(Reservation::createdAt).thenComparing(Reservation::id)).toList();
    }

    /** @param notAfter the time @param limit at most @return active reservations expired by then, soonest first */
    public List<Reservation> expiring(Instant notAfter, int limit) {
        return byId.values().stream()
                .filter(r -> r.status().isActive() && r.isExpiredAt(notAfter))
                .sorted(Comparator.comparing((Reservation r) -> r.expiresAt().orElseThrow())
                        .thenComparing(Reservation::id))
                .limit(limit).toList();
    }

    /** @param sku a SKU @return active reservations waiting for it, by priority, then oldest first */
    public List<Reservation> openBackorders(Sku sku) {
        return backordersBySku.getOrDefault(sku, Set.of()).stream().map(byId::get)
                .filter(r -> r.status().isActive()
                        && r.backorders().stream().anyMatch(b -> b.sku().equals(sku) && b.open().isPositive()))
                .sorted(Comparator.comparingInt(Reservation::priority).reversed()
                        .thenComparing(Reservation::createdAt).thenComparing(Reservation::id))
                .toList();
    }

    /**
     * Forgets reservations closed before the cutoff, oldest first.
     *
     * @param cutoff closed before it
     * @param limit at most this many
     * @return how many were forgotten
     */
    public int purgeClosed(Instant cutoff, int limit) {
        int purged = 0;
        while (purged < limit) {
            Closed oldest = closed.peek();
            if (oldest == null || !oldest.at().isBefore(cutoff)) {
                break;
            }
            if (!closed.remove(oldest)) {
                continue;
            }
            ReentrantLock lock = lock(oldest.id());
            lock.lock();
            try {
                Reservation r = byId.get(oldest.id());
                if (r != null && !r.status().isActive()) {
                    byId.remove(r.id());
                    byOrder.computeIfPresent(r.orderId(), (order, ids) -> withoutId(ids, r.id()));
                    for (BackorderLine line : r.backorders()) {
                        Set<ReservationId> waiting = backordersBySku.get(line.sku());
                        if (waiting != null) {
                            waiting.remove(r.id());
                        }
                    }
                    purged++;
                }
            } finally {
                lock.unlock();
            }
        }
        return purged;
    }
}
