package dev.oms.inventory;

import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CommandKeyConflictException;
import dev.oms.spi.EventId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.ApplyResult;
import dev.oms.spi.inventory.BackorderDelta;
import dev.oms.spi.inventory.BackorderLine;
import dev.oms.spi.inventory.InsufficientStockException;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.LedgerCheckpoint;
import dev.oms.spi.inventory.LedgerTail;
import dev.oms.spi.inventory.Movement;
import dev.oms.spi.inventory.MovementReason;
import dev.oms.spi.inventory.OperationRecord;
import dev.oms.spi.inventory.PositionConflictException;
import dev.oms.spi.inventory.PositionDelta;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.PositionSettings;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.RequestedLine;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.ReservationConflictException;
import dev.oms.spi.inventory.ReservationNotFoundException;
import dev.oms.spi.inventory.ReservationRuleException;
import dev.oms.spi.inventory.ReservationStatus;
import dev.oms.spi.inventory.ReservationWrite;
import dev.oms.spi.inventory.ReservePolicy;
import dev.oms.spi.inventory.ReservedLine;
import dev.oms.spi.inventory.Shortfall;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.UnknownPositionException;
import dev.oms.spi.inventory.UnknownSkuException;
import dev.oms.spi.returns.Disposition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reservation engine: holds, releases, moves and commits stock for orders, receives and
 * counts stock, fills backorders, sweeps expired holds. Every operation is idempotent by its
 * {@link CommandKey} and every refusal is a typed exception or a typed
 * {@link ReservationOutcome}, with nothing changed.
 *
 * <p>Correctness lives in the {@link InventoryStore}: each operation becomes one
 * {@link InventoryChange} that the store applies all or nothing, checking availability on the
 * summed deltas of each position. This class holds no lock; several instances on one store (in
 * one JVM or many) never oversell. When a reservation was changed concurrently, the operation
 * is decided again on the fresh reservation, up to {@link Builder#maxAttempts} times.
 *
 * <p>Thread-safe.
 */
public final class InventoryService {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryService.class);

    private final InventoryStore store;
    private final Clock clock;
    private final IdGenerator ids;
    private final Availability availability;
    private final int maxAttempts;

    private InventoryService(Builder builder) {
        this.store = builder.store;
        this.clock = builder.clock;
        this.ids = builder.ids;
        this.availability = new Availability(builder.store, builder.availabilityTtl, builder.availabilityMaxSkus);
        this.maxAttempts = builder.maxAttempts;
    }

    /**
     * @param store where stock lives
     * @return a builder (system UTC clock, random ids, availability cached for 1 second)
     */
    public static Builder builder(InventoryStore store) {
        return new Builder(InvalidInputException.requireNonNull(store, "store"));
    }

    /** @return available to promise, cached */
    public Availability availability() {
        return availability;
    }

    // ---------------------------------------------------------------- set-up and reads

    /**
     * Stocks a SKU at a location (nothing on hand yet), or changes the position's settings.
     *
     * @param sku the SKU
     * @param location the location
     * @param settings safety stock and reorder settings
     * @return the position
     */
    public StockPosition definePosition(Sku sku, LocationId location, PositionSettings settings) {
        StockPosition position = store.definePosition(PositionKey.of(sku, location), settings);
        availability.invalidate(sku);
        return position;
    }

    /**
     * @param sku the SKU
     * @param limit the most units that may wait for stock at once
     */
    public void setBackorderLimit(Sku sku, Quantity limit) {
        InvalidInputException.requireNonNull(sku, "sku");
        InvalidInputException.requireNonNull(limit, "limit");
        store.setBackorderLimit(sku, limit);
    }

    /**
     * @param sku a SKU
     * @param location a location
     * @return the position
     * @throws UnknownSkuException if the SKU is stocked nowhere
     * @throws UnknownPositionException if it is not stocked at that location
     */
    public StockPosition position(Sku sku, LocationId location) {
        PositionKey key = PositionKey.of(sku, location);
        return store.position(key).orElseThrow(() -> store.positions(sku).isEmpty()
                ? new UnknownSkuException(sku) : new UnknownPositionException(key));
    }

    /**
     * The movement ledger of one position, for audit screens and reconciliation reports.
     *
     * @param sku the SKU
     * @param location the location
     * @return its movements, oldest first
     * @throws UnknownSkuException if the SKU is stocked nowhere
     * @throws UnknownPositionException if it is not stocked at that location
     */
    public List<Movement> movements(Sku sku, LocationId location) {
        return store.movements(position(sku, location).key());
    }

    /**
     * @param id a reservation id
     * @return the reservation
     * @throws ReservationNotFoundException if there is none
     */
    public Reservation reservation(ReservationId id) {
        return findReservation(id).orElseThrow(() -> new ReservationNotFoundException(id));
    }

    /**
     * @param id a reservation
     * @return it, if it exists (a closed reservation is gone once the retention purge deleted it)
     */
    public Optional<Reservation> findReservation(ReservationId id) {
        return store.reservation(InvalidInputException.requireNonNull(id, "id"));
    }

    /**
     * @param orderId an order
     * @return its reservations, oldest first
     */
    public List<Reservation> reservationsOf(OrderId orderId) {
        return store.reservationsOf(orderId);
    }

    /**
     * Recomputes positions from the movement ledger (its checkpoint plus the movements compaction
     * left, read as one consistent state, so the work is bounded by what compaction keeps) and
     * compares them with the stored counts.
     *
     * @param skus the SKUs to check
     * @return every position of those SKUs, with ledger and stored counts side by side
     */
    public Reconciliation reconcile(Collection<Sku> skus) {
        List<Reconciliation.Entry> entries = new ArrayList<>();
        for (Sku sku : InvalidInputException.requireNonNull(skus, "skus")) {
            for (StockPosition listed : store.positions(sku)) {
                entries.add(reconcile(listed.key()));
            }
        }
        return new Reconciliation(entries);
    }

    private Reconciliation.Entry reconcile(PositionKey key) {
        LedgerTail tail = store.ledgerTail(key).orElseThrow(() -> new UnknownPositionException(key));
        LedgerCheckpoint sums = tail.checkpoint();
        for (Movement m : tail.movements()) {
            sums = sums.plus(m);
        }
        StockPosition p = tail.position();
        return new Reconciliation.Entry(key, sums.onHand(), p.onHand().value(), sums.reserved(), p.reserved().value(),
                sums.damaged(), p.damaged().value(), sums.qualityControl(), p.qualityControl().value());
    }

    // ---------------------------------------------------------------- reserve

    /**
     * Holds stock for an order's lines, by the request's policy. Lines on the same position are
     * checked against their sum. Repeating the key returns the outcome of the reservation it
     * created; a refused request records nothing, so repeating it tries again.
     *
     * @param request what to hold where, and how
     * @param key the idempotency key
     * @return reserved, partial, backordered or refused, never a silent shortfall
     * @throws UnknownSkuException if a SKU is stocked nowhere
     * @throws UnknownPositionException if a SKU is not stocked at the requested location
     * @throws InvalidInputException if the expiry is not in the future
     * @throws CommandKeyConflictException if the key was used for something else
     */
    public ReservationOutcome reserve(ReserveRequest request, CommandKey key) {
        InvalidInputException.requireNonNull(request, "request");
        InvalidInputException.requireNonNull(key, "key");
        String fingerprint = CommandFingerprint.of(request);
        // The common case reads nothing first: a repeated key is found when its record collides
        // (or, if the stock has since run out, when the attempt is refused), an unknown position
        // when the store has none.
        Instant now = clock.instant();
        if (request.expiresAt().isPresent() && !request.expiresAt().get().isAfter(now)) {
            Optional<ReservationOutcome> earlier = replayReserve(request, key);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            throw new InvalidInputException("ReserveRequest.expiresAt", "must be after now (" + now + ")");
        }
        List<ReserveLine> lines = request.lines();
        long[] hold = lines.stream().mapToLong(l -> l.quantity().value()).toArray();
        long[] backorder = new long[lines.size()];
        ReservationId id = ids.newReservationId();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (sum(hold) == 0 && sum(backorder) == 0) {
                break;
            }
            Reservation reservation = newReservation(id, request, hold, backorder, now);
            List<PositionDelta> deltas = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (hold[i] > 0) {
                    deltas.add(PositionDelta.hold(lines.get(i).position(), hold[i], MovementReason.RESERVE,
                            Reference.of(Reference.Type.ORDER, request.orderId().value())));
                }
            }
            List<BackorderDelta> backorders = backorderDeltas(lines, backorder);
            String changeId = newChangeId();
            InventoryChange change = new InventoryChange(changeId, now, deltas,
                    Optional.of(new ReservationWrite(reservation, 0)), backorders, List.of(),
                    Optional.of(new OperationRecord(key, fingerprint, Optional.of(id), changeId)));
            ApplyResult result;
            try {
                result = apply(change);
            } catch (CommandKeyConflictException raced) {
                return replayReserve(request, key).orElseThrow(() -> raced);
            } catch (UnknownPositionException unknown) {
                for (ReserveLine line : lines) {
                    position(line.sku(), line.location()); // the precise error: the SKU unknown, or only here
                }
                throw unknown;
            }
            if (result instanceof ApplyResult.Applied) {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("reservation {} for order {}: held {}, backordered {}", id, request.orderId(), sum(hold),
                            sum(backorder));
                }
                return outcome(reservation);
            }
            Optional<ReservationOutcome> earlier = replayReserve(request, key);
            if (earlier.isPresent()) {
                return earlier.get(); // this key reserved before, when there was stock
            }
            List<Shortfall> shortfalls = ((ApplyResult.Refused) result).shortfalls();
            if (request.policy() == ReservePolicy.ALL_OR_NOTHING) {
                break;
            }
            shrinkToFit(request, shortfalls, hold, backorder);
        }
        LOG.debug("reservation for order {} refused", request.orderId());
        return new ReservationOutcome.Refused(lines.stream().map(l -> new LineShortfall(l.lineId(), l.sku(),
                l.location(), l.quantity(), Quantity.ZERO, Quantity.ZERO)).toList());
    }

    /** Lowers holds (and, for backorder, moves the rest to backorder) to what the shortfalls say is there. */
    private static void shrinkToFit(ReserveRequest request, List<Shortfall> shortfalls, long[] hold, long[] backorder) {
        List<ReserveLine> lines = request.lines();
        for (Shortfall shortfall : shortfalls) {
            long left = Math.max(0, shortfall.available());
            for (int i = 0; i < lines.size(); i++) {
                ReserveLine line = lines.get(i);
                if (!line.sku().equals(shortfall.sku())) {
                    continue;
                }
                if (shortfall.location().isPresent()) {
                    if (!line.location().equals(shortfall.location().get())) {
                        continue;
                    }
                    long keep = Math.min(hold[i], left);
                    if (request.policy() == ReservePolicy.BACKORDER) {
                        backorder[i] += hold[i] - keep;
                    }
                    hold[i] = keep;
                    left -= keep;
                } else {
                    long keep = Math.min(backorder[i], left);
                    backorder[i] = keep;
                    left -= keep;
                }
            }
        }
    }

    private static List<BackorderDelta> backorderDeltas(List<ReserveLine> lines, long[] backorder) {
        Map<Sku, Long> bySku = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (backorder[i] > 0) {
                bySku.merge(lines.get(i).sku(), backorder[i], Long::sum);
            }
        }
        List<BackorderDelta> deltas = new ArrayList<>();
        bySku.forEach((sku, units) -> deltas.add(new BackorderDelta(sku, units)));
        return deltas;
    }

    private static Reservation newReservation(ReservationId id, ReserveRequest request, long[] hold,
            long[] backorder, Instant now) {
        List<ReservedLine> held = new ArrayList<>();
        List<BackorderLine> waiting = new ArrayList<>();
        List<ReserveLine> lines = request.lines();
        for (int i = 0; i < lines.size(); i++) {
            ReserveLine line = lines.get(i);
            if (hold[i] > 0) {
                held.add(ReservedLine.holding(line.lineId(), line.position(), Quantity.of(hold[i])));
            }
            if (backorder[i] > 0) {
                waiting.add(new BackorderLine(line.lineId(), line.sku(), Quantity.of(backorder[i]), Quantity.ZERO,
                        Quantity.ZERO));
            }
        }
        List<RequestedLine> requested = lines.stream()
                .map(l -> new RequestedLine(l.lineId(), l.position(), l.quantity())).toList();
        return new Reservation(id, request.orderId(), ReservationStatus.ACTIVE, requested, request.policy(), held,
                waiting, request.expiresAt(), request.priority(), now, 1);
    }

    private Optional<ReservationOutcome> replayReserve(ReserveRequest request, CommandKey key) {
        Optional<OperationRecord> record = store.findOperation(key);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        checkFingerprint(record.get(), request);
        Reservation reservation = reservation(record.get().reservationId().orElseThrow(() ->
                new CommandKeyConflictException(key, "was used for an operation without a reservation")));
        return Optional.of(outcome(reservation));
    }

    /**
     * What a reservation means for the request that made it, from the reservation alone (it
     * keeps what was requested and the policy).
     *
     * @param reservation a reservation
     * @return reserved, partial or backordered, with a shortfall per line not held in full
     */
    public static ReservationOutcome outcome(Reservation reservation) {
        List<LineShortfall> shortfalls = new ArrayList<>();
        boolean anyBackorder = false;
        for (RequestedLine line : reservation.requested()) {
            long reserved = reservation.lines().stream()
                    .filter(l -> l.lineId().equals(line.lineId()) && l.position().equals(line.position()))
                    .mapToLong(l -> l.held().value() + l.committed().value() + l.released().value()).sum();
            long backordered = reservation.backorders().stream().filter(b -> b.lineId().equals(line.lineId()))
                    .mapToLong(b -> b.open().value() + b.filled().value() + b.cancelled().value()).sum();
            anyBackorder |= backordered > 0;
            if (reserved < line.quantity().value()) {
                shortfalls.add(new LineShortfall(line.lineId(), line.position().sku(), line.position().location(),
                        line.quantity(), Quantity.of(reserved), Quantity.of(Math.min(backordered,
                                line.quantity().value() - reserved))));
            }
        }
        if (shortfalls.isEmpty()) {
            return new ReservationOutcome.Reserved(reservation);
        }
        return anyBackorder || reservation.policy() == ReservePolicy.BACKORDER
                ? new ReservationOutcome.Backordered(reservation, shortfalls)
                : new ReservationOutcome.Partial(reservation, shortfalls);
    }

    /**
     * The outcome of a reservation request already applied under this key, if any: how a host
     * (or {@link OrderReservations}) finds out what a finished step did without repeating it.
     *
     * @param key the key the request was made with
     * @return the outcome, if a reservation was made under the key
     */
    public Optional<ReservationOutcome> outcomeOf(CommandKey key) {
        return store.findOperation(InvalidInputException.requireNonNull(key, "key"))
                .flatMap(OperationRecord::reservationId).map(id -> outcome(reservation(id)));
    }

    // ---------------------------------------------------------------- release, move, commit

    /**
     * Releases everything a reservation holds and cancels its open backorders (for example on
     * an order cancellation). Releasing a reservation that is no longer active changes nothing
     * and is not an error.
     *
     * @param id the reservation
     * @param key the idempotency key
     * @return the reservation after the release
     * @throws ReservationNotFoundException if there is no such reservation
     */
    public Reservation release(ReservationId id, CommandKey key) {
        return changeReservation(id, key, Arrays.asList("release", id), "release", r -> {
            if (!r.status().isActive()) {
                return Optional.empty();
            }
            return Optional.of(closeAll(r, MovementReason.RELEASE, Reference.of(Reference.Type.RESERVATION,
                    r.id().value()), List.of()));
        });
    }

    /**
     * Releases part of one line: its open backorder first, then held units in the order of the
     * line's positions.
     *
     * @param id the reservation
     * @param lineId the order line
     * @param quantity units, {@code > 0}
     * @param key the idempotency key
     * @return the reservation after the release
     * @throws ReservationRuleException if the reservation is not active or holds and awaits
     *     fewer units of the line
     */
    public Reservation release(ReservationId id, LineId lineId, Quantity quantity, CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(lineId, "lineId");
        return changeReservation(id, key, Arrays.asList("release", id, lineId, quantity), "release", r -> {
            requireActive(r);
            long waiting = r.backorders().stream().filter(b -> b.lineId().equals(lineId))
                    .mapToLong(b -> b.open().value()).sum();
            long held = r.heldFor(lineId).value();
            if (quantity.value() > waiting + held) {
                throw new ReservationRuleException(r.id(), "release-within-reserved", "line " + lineId + " holds "
                        + held + " and awaits " + waiting + " but " + quantity + " were to be released");
            }
            long left = quantity.value();
            List<BackorderLine> backorders = new ArrayList<>();
            List<BackorderDelta> backorderDeltas = new ArrayList<>();
            for (BackorderLine b : r.backorders()) {
                long take = b.lineId().equals(lineId) ? Math.min(left, b.open().value()) : 0;
                if (take > 0) {
                    left -= take;
                    backorders.add(new BackorderLine(b.lineId(), b.sku(), b.open().minus(Quantity.of(take)),
                            b.filled(), b.cancelled().plus(Quantity.of(take))));
                    backorderDeltas.add(new BackorderDelta(b.sku(), -take));
                } else {
                    backorders.add(b);
                }
            }
            List<ReservedLine> lines = new ArrayList<>();
            List<PositionDelta> deltas = new ArrayList<>();
            Reference ref = Reference.of(Reference.Type.RESERVATION, r.id().value());
            for (ReservedLine line : r.lines()) {
                long take = line.lineId().equals(lineId) ? Math.min(left, line.held().value()) : 0;
                if (take > 0) {
                    left -= take;
                    lines.add(line.release(Quantity.of(take)));
                    deltas.add(PositionDelta.unhold(line.position(), take, MovementReason.RELEASE, ref));
                } else {
                    lines.add(line);
                }
            }
            return Optional.of(new Plan(deltas, r.next(statusAfter(lines, backorders, r.status()), lines, backorders),
                    backorderDeltas, List.of()));
        });
    }

    /**
     * Moves held units of a line from one location to another, checked against the stock there.
     *
     * @param id the reservation
     * @param lineId the order line
     * @param from where the units are held
     * @param to where they should be held
     * @param quantity units, {@code > 0}
     * @param key the idempotency key
     * @return the reservation after the move
     * @throws InsufficientStockException if the destination has not enough available
     * @throws UnknownPositionException if the SKU is not stocked at the destination
     * @throws ReservationRuleException if the reservation is not active or holds fewer units there
     */
    public Reservation move(ReservationId id, LineId lineId, LocationId from, LocationId to, Quantity quantity,
            CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(lineId, "lineId");
        InvalidInputException.requireNonNull(from, "from");
        InvalidInputException.requireNonNull(to, "to");
        return changeReservation(id, key, Arrays.asList("move", id, lineId, from, to, quantity), "move", r -> {
            requireActive(r);
            ReservedLine source = heldLine(r, lineId, from, quantity, "move-within-held");
            PositionKey target = PositionKey.of(source.position().sku(), to);
            position(target.sku(), target.location());
            Reference ref = Reference.of(Reference.Type.RESERVATION, r.id().value());
            List<ReservedLine> lines = new ArrayList<>();
            boolean merged = false;
            for (ReservedLine line : r.lines()) {
                if (line == source) {
                    lines.add(line.release(quantity));
                } else if (line.lineId().equals(lineId) && line.position().equals(target)) {
                    lines.add(line.hold(quantity));
                    merged = true;
                } else {
                    lines.add(line);
                }
            }
            if (!merged) {
                lines.add(ReservedLine.holding(lineId, target, quantity));
            }
            List<PositionDelta> deltas = List.of(
                    PositionDelta.unhold(source.position(), quantity.value(), MovementReason.MOVE_OUT, ref),
                    PositionDelta.hold(target, quantity.value(), MovementReason.MOVE_IN, ref));
            return Optional.of(new Plan(deltas, r.next(r.status(), lines, r.backorders()), List.of(), List.of()));
        });
    }

    /**
     * Commits held units on shipment: on hand and reserved both drop.
     *
     * @param id the reservation
     * @param lineId the order line
     * @param location where the units are held
     * @param quantity units, {@code > 0}
     * @param shipment the shipment (the ledger's reference)
     * @param key the idempotency key
     * @return the reservation after the commit
     * @throws ReservationRuleException if the reservation is not active, has expired, or holds
     *     fewer units there ({@code commit-within-held})
     */
    public Reservation commit(ReservationId id, LineId lineId, LocationId location, Quantity quantity,
            Reference shipment, CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(lineId, "lineId");
        InvalidInputException.requireNonNull(location, "location");
        InvalidInputException.requireNonNull(shipment, "shipment");
        return changeReservation(id, key, Arrays.asList("commit", id, lineId, location, quantity, shipment), "commit",
                r -> {
                    requireActive(r);
                    if (r.isExpiredAt(clock.instant())) {
                        throw new ReservationRuleException(r.id(), "reservation-expired", "the hold lapsed at "
                                + r.expiresAt().orElseThrow() + "; it can no longer be committed");
                    }
                    ReservedLine line = heldLine(r, lineId, location, quantity, "commit-within-held");
                    List<ReservedLine> lines = new ArrayList<>();
                    for (ReservedLine l : r.lines()) {
                        lines.add(l == line ? l.commit(quantity) : l);
                    }
                    PositionDelta delta = new PositionDelta(line.position(), MovementReason.COMMIT, shipment,
                            -quantity.value(), -quantity.value(), 0, 0, false, OptionalLong.empty());
                    return Optional.of(new Plan(List.of(delta),
                            r.next(statusAfter(lines, r.backorders(), r.status()), lines, r.backorders()), List.of(),
                            List.of()));
                });
    }

    /**
     * Releases every active reservation whose expiry has passed on the injected clock; their
     * units are available again and each gets a {@code ReservationExpired} event.
     *
     * @return how many reservations lapsed
     */
    public int sweepExpired() {
        Instant now = clock.instant();
        int expired = 0;
        Set<ReservationId> tried = new LinkedHashSet<>();
        while (true) {
            List<Reservation> due = store.expiring(now, 100).stream().filter(r -> tried.add(r.id())).toList();
            if (due.isEmpty()) {
                return expired;
            }
            for (Reservation r : due) {
                Reservation after = changeReservation(r.id(), null, List.of(), "expire", current -> {
                    if (!current.status().isActive() || !current.isExpiredAt(now)) {
                        return Optional.empty();
                    }
                    InventoryEvent event = new InventoryEvent.ReservationExpired(ids.newEventId(), now, current.id(),
                            current.orderId(), Quantity.of(current.held()));
                    return Optional.of(closeAll(current, MovementReason.EXPIRE,
                            Reference.of(Reference.Type.RESERVATION, current.id().value()), List.of(event)));
                });
                if (after.status() == ReservationStatus.EXPIRED && after.version() > r.version()) {
                    expired++;
                }
            }
        }
    }

    /** Everything one reservation operation changes. */
    private record Plan(List<PositionDelta> deltas, Reservation next, List<BackorderDelta> backorders,
            List<InventoryEvent> events) {
    }

    /** Loads the reservation, plans, applies; plans again on a concurrent change of the reservation. */
    private Reservation changeReservation(ReservationId id, CommandKey key, List<Object> command, String operation,
            Function<Reservation, Optional<Plan>> plan) {
        InvalidInputException.requireNonNull(id, "id");
        String fingerprint = key == null ? "" : CommandFingerprint.of(command);
        if (key != null) {
            Optional<OperationRecord> earlier = store.findOperation(key);
            if (earlier.isPresent()) {
                checkFingerprint(earlier.get(), command);
                return reservation(id);
            }
        }
        ReservationConflictException conflict = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1 && key != null && repeatedMeanwhile(key, command)) {
                return reservation(id); // the race was won by a repeat of this very operation
            }
            Reservation current = reservation(id);
            Optional<Plan> planned;
            try {
                planned = plan.apply(current);
            } catch (OmsException refused) {
                if (key != null && repeatedMeanwhile(key, command)) {
                    return reservation(id); // refused on what a racing repeat of this operation just did
                }
                throw refused;
            }
            if (planned.isEmpty()) {
                return current;
            }
            Plan p = planned.get();
            String changeId = newChangeId();
            Optional<OperationRecord> record = key == null ? Optional.empty()
                    : Optional.of(new OperationRecord(key, fingerprint, Optional.of(id), changeId));
            InventoryChange change = new InventoryChange(changeId, clock.instant(), p.deltas(),
                    Optional.of(new ReservationWrite(p.next(), current.version())), p.backorders(), p.events(), record);
            try {
                ApplyResult result = apply(change);
                if (result instanceof ApplyResult.Refused refused) {
                    throw new InsufficientStockException(operation + " of reservation " + id, refused.shortfalls());
                }
                LOG.debug("reservation {} {}: v{} {}", id, operation, p.next().version(), p.next().status());
                return p.next();
            } catch (ReservationConflictException raced) {
                conflict = raced;
            } catch (CommandKeyConflictException raced) {
                checkFingerprint(store.findOperation(key).orElseThrow(() -> raced), command);
                return reservation(id);
            }
        }
        throw conflict;
    }

    /** Whether an operation with this key was saved since the call began (its fingerprint checked). */
    private boolean repeatedMeanwhile(CommandKey key, Object command) {
        Optional<OperationRecord> saved = store.findOperation(key);
        saved.ifPresent(record -> checkFingerprint(record, command));
        return saved.isPresent();
    }

    private static Plan closeAll(Reservation r, MovementReason reason, Reference ref, List<InventoryEvent> events) {
        List<PositionDelta> deltas = new ArrayList<>();
        List<ReservedLine> lines = new ArrayList<>();
        for (ReservedLine line : r.lines()) {
            if (line.held().isPositive()) {
                deltas.add(PositionDelta.unhold(line.position(), line.held().value(), reason, ref));
                lines.add(line.release(line.held()));
            } else {
                lines.add(line);
            }
        }
        List<BackorderLine> backorders = new ArrayList<>();
        Map<Sku, Long> cancelled = new LinkedHashMap<>();
        for (BackorderLine b : r.backorders()) {
            if (b.open().isPositive()) {
                cancelled.merge(b.sku(), -b.open().value(), Long::sum);
            }
            backorders.add(b.cancelOpen());
        }
        List<BackorderDelta> backorderDeltas = new ArrayList<>();
        cancelled.forEach((sku, units) -> backorderDeltas.add(new BackorderDelta(sku, units)));
        boolean committed = r.lines().stream().anyMatch(l -> l.committed().isPositive());
        ReservationStatus status = reason == MovementReason.EXPIRE ? ReservationStatus.EXPIRED
                : committed ? ReservationStatus.COMMITTED : ReservationStatus.RELEASED;
        return new Plan(deltas, r.next(status, lines, backorders), backorderDeltas, events);
    }

    private static ReservationStatus statusAfter(List<ReservedLine> lines, List<BackorderLine> backorders,
            ReservationStatus current) {
        boolean holds = lines.stream().anyMatch(l -> l.held().isPositive());
        boolean waits = backorders.stream().anyMatch(b -> b.open().isPositive());
        if (holds || waits) {
            return current;
        }
        return lines.stream().anyMatch(l -> l.committed().isPositive()) ? ReservationStatus.COMMITTED
                : ReservationStatus.RELEASED;
    }

    private static void requireActive(Reservation r) {
        if (!r.status().isActive()) {
            throw new ReservationRuleException(r.id(), "reservation-not-active", "it is " + r.status());
        }
    }

    private static ReservedLine heldLine(Reservation r, LineId lineId, LocationId location, Quantity quantity,
            String rule) {
        for (ReservedLine line : r.lines()) {
            if (line.lineId().equals(lineId) && line.position().location().equals(location)) {
                if (quantity.isGreaterThan(line.held())) {
                    throw new ReservationRuleException(r.id(), rule, "line " + lineId + " holds " + line.held()
                            + " at " + location + " but " + quantity + " were asked for");
                }
                return line;
            }
        }
        throw new ReservationRuleException(r.id(), rule, "line " + lineId + " holds nothing at " + location);
    }

    // ---------------------------------------------------------------- stock movements

    /**
     * Receives stock (a purchase order, a transfer): on hand goes up, incoming stock with the same
     * reference is forgotten, and backorders of the SKU are filled in their order.
     *
     * @param sku the SKU
     * @param location where it arrived
     * @param quantity units, {@code > 0}
     * @param receipt the purchase order or transfer
     * @param key the idempotency key
     * @return the position after the receipt (before filling backorders)
     */
    public StockPosition receive(Sku sku, LocationId location, Quantity quantity, Reference receipt,
            CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(receipt, "receipt");
        StockPosition after = changePosition(sku, location, key, Arrays.asList("receive", sku, location, quantity, receipt),
                "receive", p -> PositionDelta.onHand(p.key(), quantity.value(), MovementReason.RECEIPT, receipt));
        store.removeIncoming(receipt);
        fillBackorders(sku);
        return after;
    }

    /**
     * Puts returned units back into sellable stock and fills backorders.
     *
     * @param sku the SKU
     * @param location where they are restocked
     * @param quantity units, {@code > 0}
     * @param returnRef the return
     * @param key the idempotency key
     * @return the position after the restock (before filling backorders)
     */
    public StockPosition restock(Sku sku, LocationId location, Quantity quantity, Reference returnRef,
            CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(returnRef, "returnRef");
        StockPosition after = changePosition(sku, location, key, Arrays.asList("restock", sku, location, quantity,
                returnRef), "restock", p -> PositionDelta.onHand(p.key(), quantity.value(), MovementReason.RESTOCK,
                        returnRef));
        fillBackorders(sku);
        return after;
    }

    /**
     * Records inspected return units at a location by their disposition: a restock puts them back
     * into sellable stock (as {@link #restock}); refurbishment puts them into quality control;
     * disposal and return to vendor count them as damaged. Every disposition is a ledger
     * movement with the return as its reference; only a restock makes units available.
     *
     * @param sku the SKU
     * @param location where the units are
     * @param quantity units, {@code > 0}
     * @param disposition what happens to them
     * @param returnRef the return
     * @param key the idempotency key
     * @return the position after the movement (before filling backorders)
     */
    public StockPosition receiveReturn(Sku sku, LocationId location, Quantity quantity, Disposition disposition,
            Reference returnRef, CommandKey key) {
        InvalidInputException.requireNonNull(disposition, "disposition");
        if (disposition == Disposition.RESTOCK) {
            return restock(sku, location, quantity, returnRef, key);
        }
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(returnRef, "returnRef");
        long q = quantity.value();
        return changePosition(sku, location, key, Arrays.asList("return", sku, location, quantity, disposition, returnRef),
                "return " + disposition, p -> switch (disposition) {
                    case REFURBISH -> new PositionDelta(p.key(), MovementReason.RETURN_REFURBISH, returnRef, 0, 0, 0, q,
                            false, OptionalLong.empty());
                    case DISPOSE -> new PositionDelta(p.key(), MovementReason.RETURN_DISPOSE, returnRef, 0, 0, q, 0,
                            false, OptionalLong.empty());
                    case RETURN_TO_VENDOR -> new PositionDelta(p.key(), MovementReason.RETURN_TO_VENDOR, returnRef, 0, 0,
                            q, 0, false, OptionalLong.empty());
                    case RESTOCK -> throw new IllegalStateException("handled above");
                });
    }

    /**
     * Sets on hand to what a cycle count found. Conditional on the on hand the count was based on,
     * so it never loses a concurrent shipment: on a race it reads again and sets again.
     *
     * @param sku the SKU
     * @param location where it was counted
     * @param counted units found
     * @param count the count document
     * @param key the idempotency key
     * @return the position after the count
     */
    public StockPosition count(Sku sku, LocationId location, Quantity counted, Reference count, CommandKey key) {
        InvalidInputException.requireNonNull(counted, "counted");
        InvalidInputException.requireNonNull(count, "count");
        return changePosition(sku, location, key, Arrays.asList("count", sku, location, counted, count), "count", p -> {
            long delta = counted.value() - p.onHand().value();
            return delta == 0 ? null : new PositionDelta(p.key(), MovementReason.COUNT, count, delta, 0, 0, 0, false,
                    OptionalLong.of(p.onHand().value()));
        });
    }

    /**
     * Moves units found damaged out of sellable stock.
     *
     * @param sku the SKU
     * @param location where
     * @param quantity units, {@code > 0}
     * @param reference the count or inspection
     * @param key the idempotency key
     * @return the position after the move
     * @throws InsufficientStockException if fewer units are on hand
     */
    public StockPosition damage(Sku sku, LocationId location, Quantity quantity, Reference reference,
            CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(reference, "reference");
        return changePosition(sku, location, key, Arrays.asList("damage", sku, location, quantity, reference), "damage",
                p -> new PositionDelta(p.key(), MovementReason.DAMAGE, reference, -quantity.value(), 0,
                        quantity.value(), 0, false, OptionalLong.empty()));
    }

    /**
     * Moves units from sellable stock into quality control, or back out of it.
     *
     * @param sku the SKU
     * @param location where
     * @param quantity units, {@code > 0}
     * @param into true to move into quality control; false to move out of it
     * @param passed when moving out: true back to sellable stock, false to damaged
     * @param reference the inspection
     * @param key the idempotency key
     * @return the position after the move
     * @throws InsufficientStockException if the source count is too small
     */
    public StockPosition qualityControl(Sku sku, LocationId location, Quantity quantity, boolean into, boolean passed,
            Reference reference, CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(reference, "reference");
        long q = quantity.value();
        return changePosition(sku, location, key, Arrays.asList("qc", sku, location, quantity, into, passed, reference),
                "quality control", p -> into
                        ? new PositionDelta(p.key(), MovementReason.QUALITY_CONTROL, reference, -q, 0, 0, q, false,
                                OptionalLong.empty())
                        : new PositionDelta(p.key(), MovementReason.QUALITY_CONTROL, reference, passed ? q : 0, 0,
                                passed ? 0 : q, -q, false, OptionalLong.empty()));
    }

    private StockPosition changePosition(Sku sku, LocationId location, CommandKey key, List<Object> command,
            String operation, Function<StockPosition, PositionDelta> delta) {
        InvalidInputException.requireNonNull(sku, "sku");
        InvalidInputException.requireNonNull(location, "location");
        InvalidInputException.requireNonNull(key, "key");
        String fingerprint = CommandFingerprint.of(command);
        Optional<OperationRecord> earlier = store.findOperation(key);
        if (earlier.isPresent()) {
            checkFingerprint(earlier.get(), command);
            return position(sku, location);
        }
        PositionConflictException conflict = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1 && repeatedMeanwhile(key, command)) {
                return position(sku, location); // the race was won by a repeat of this very operation
            }
            StockPosition current = position(sku, location);
            PositionDelta d;
            try {
                d = delta.apply(current);
            } catch (OmsException refused) {
                if (repeatedMeanwhile(key, command)) {
                    return position(sku, location); // refused on what a racing repeat of this operation just did
                }
                throw refused;
            }
            if (d == null) {
                return current;
            }
            String changeId = newChangeId();
            InventoryChange change = new InventoryChange(changeId, clock.instant(), List.of(d), Optional.empty(),
                    List.of(), List.of(), Optional.of(new OperationRecord(key, fingerprint, Optional.empty(),
                            changeId)));
            try {
                ApplyResult result = apply(change);
                if (result instanceof ApplyResult.Refused refused) {
                    throw new InsufficientStockException(operation + " at " + current.key(), refused.shortfalls());
                }
                return ((ApplyResult.Applied) result).positions().get(0);
            } catch (PositionConflictException raced) {
                conflict = raced;
            } catch (CommandKeyConflictException raced) {
                checkFingerprint(store.findOperation(key).orElseThrow(() -> raced), command);
                return position(sku, location);
            }
        }
        throw conflict;
    }

    // ---------------------------------------------------------------- backorders

    /**
     * Fills open backorders of a SKU from available stock, in fill order (priority, then
     * placement), one {@code BackorderFilled} event per fill. Called after receipts and
     * restocks; hosts may call it after raising a position's stock by other means.
     *
     * @param sku the SKU
     * @return units filled
     */
    public long fillBackorders(Sku sku) {
        long filled = 0;
        for (Reservation waiting : store.openBackorders(sku)) {
            for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                Optional<Long> done = fillOne(sku, reservation(waiting.id()));
                if (done.isPresent()) {
                    filled += done.get();
                    break;
                }
            }
        }
        return filled;
    }

    /** Fills what it can of one reservation's backorders of a SKU; empty if it raced and should retry. */
    private Optional<Long> fillOne(Sku sku, Reservation r) {
        if (!r.status().isActive()) {
            return Optional.of(0L);
        }
        Map<PositionKey, Long> available = new HashMap<>();
        for (StockPosition p : store.positions(sku)) {
            available.put(p.key(), Math.max(0, p.available()));
        }
        List<ReservedLine> lines = new ArrayList<>(r.lines());
        List<BackorderLine> backorders = new ArrayList<>();
        List<PositionDelta> deltas = new ArrayList<>();
        List<InventoryEvent> events = new ArrayList<>();
        long total = 0;
        Instant now = clock.instant();
        for (BackorderLine b : r.backorders()) {
            BackorderLine next = b;
            if (b.sku().equals(sku)) {
                for (StockPosition p : store.positions(sku)) {
                    long give = Math.min(next.open().value(), available.get(p.key()));
                    if (give <= 0) {
                        continue;
                    }
                    available.merge(p.key(), -give, Long::sum);
                    next = next.fill(Quantity.of(give));
                    total += give;
                    deltas.add(PositionDelta.hold(p.key(), give, MovementReason.RESERVE,
                            Reference.of(Reference.Type.RESERVATION, r.id().value())));
                    holdOn(lines, b.lineId(), p.key(), Quantity.of(give));
                    events.add(new InventoryEvent.BackorderFilled(ids.newEventId(), now, r.id(), r.orderId(),
                            b.lineId(), p.key(), Quantity.of(give)));
                }
            }
            backorders.add(next);
        }
        if (total == 0) {
            return Optional.of(0L);
        }
        InventoryChange change = new InventoryChange(newChangeId(), now, deltas,
                Optional.of(new ReservationWrite(r.next(r.status(), lines, backorders), r.version())),
                List.of(new BackorderDelta(sku, -total)), events, Optional.empty());
        try {
            return apply(change) instanceof ApplyResult.Applied ? Optional.of(total) : Optional.empty();
        } catch (ReservationConflictException raced) {
            return Optional.empty();
        }
    }

    private static void holdOn(List<ReservedLine> lines, LineId lineId, PositionKey key, Quantity q) {
        for (int i = 0; i < lines.size(); i++) {
            ReservedLine line = lines.get(i);
            if (line.lineId().equals(lineId) && line.position().equals(key)) {
                lines.set(i, line.hold(q));
                return;
            }
        }
        lines.add(ReservedLine.holding(lineId, key, q));
    }

    // ---------------------------------------------------------------- plumbing

    private ApplyResult apply(InventoryChange change) {
        ApplyResult result = store.apply(change);
        if (result instanceof ApplyResult.Applied) {
            Set<Sku> touched = new LinkedHashSet<>();
            change.deltas().forEach(d -> touched.add(d.key().sku()));
            touched.forEach(availability::invalidate);
        }
        return result;
    }

    private String newChangeId() {
        EventId id = ids.newEventId();
        return "chg-" + id.value();
    }

    private static void checkFingerprint(OperationRecord record, Object command) {
        if (!CommandFingerprint.matches(record.fingerprint(), command)) {
            throw new CommandKeyConflictException(record.key(), "was already used for a different inventory operation");
        }
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    /**
     * Configures an {@link InventoryService}. Not thread-safe; build once and share the service.
     */
    public static final class Builder {
        private final InventoryStore store;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids = IdGenerator.randomUuids();
        private Duration availabilityTtl = Duration.ofSeconds(1);
        private long availabilityMaxSkus = 100_000;
        private int maxAttempts = 64;

        private Builder(InventoryStore store) {
            this.store = store;
        }

        /** @param clock where time comes from (expiry runs on it) @return this builder */
        public Builder clock(Clock clock) {
            this.clock = InvalidInputException.requireNonNull(clock, "clock");
            return this;
        }

        /** @param ids where reservation, change and event ids come from @return this builder */
        public Builder ids(IdGenerator ids) {
            this.ids = InvalidInputException.requireNonNull(ids, "ids");
            return this;
        }

        /**
         * How long a cached availability entry lives; bounds staleness for changes made by other
         * JVMs on a shared store (this JVM's changes invalidate at once). Default 1 second.
         *
         * @param ttl positive
         * @return this builder
         */
        public Builder availabilityTtl(Duration ttl) {
            InvalidInputException.requireNonNull(ttl, "ttl");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new InvalidInputException("ttl", "must be positive (was " + ttl + ")");
            }
            this.availabilityTtl = ttl;
            return this;
        }

        /**
         * How often an operation is decided again after a concurrent change of the same
         * reservation or a count race. Default 64.
         *
         * @param attempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new InvalidInputException("maxAttempts", "must be at least 1 (was " + attempts + ")");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** @return the service */
        public InventoryService build() {
            return new InventoryService(this);
        }
    }
}
