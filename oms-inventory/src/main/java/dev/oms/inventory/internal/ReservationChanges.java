package dev.oms.inventory.internal;

import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.core.internal.shared.Idempotency;
import dev.oms.inventory.InventoryService;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.ReservationRuleException;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.StaleVersionException.ReservationConflictException;
import dev.oms.spi.inventory.InsufficientStockException;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.BackorderDelta;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.InventoryChange.ReservationWrite;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.Movement.MovementReason;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.BackorderLine;
import dev.oms.spi.inventory.Reservation.ReservationStatus;
import dev.oms.spi.inventory.Reservation.ReservedLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Changes of a reservation after it was made: release (whole or part of a line), move between
 * locations, commit on shipment, expiry. Each is planned on the fresh reservation and applied
 * with the reservation's expected version; a concurrent change plans it again.
 */
public final class ReservationChanges {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryService.class);

    private final Stock stock;

    /** @param stock the store and the service's settings */
    public ReservationChanges(Stock stock) {
        this.stock = stock;
    }

    /**
     * See {@link InventoryService#release(ReservationId, CommandKey)}.
     *
     * @param id the reservation
     * @param key the idempotency key
     * @return the reservation after the release
     */
    public Reservation release(ReservationId id, CommandKey key) {
        return change(id, key, Arrays.asList("release", id), "release", r -> {
            if (!r.status().isActive()) {
                return Optional.empty();
            }
            return Optional.of(closeAll(r, MovementReason.RELEASE, Reference.of(Reference.Type.RESERVATION,
                    r.id().value()), List.of()));
        });
    }

    /**
     * See {@link InventoryService#release(ReservationId, LineId, Quantity, CommandKey)}.
     *
     * @param id the reservation
     * @param lineId the order line
     * @param quantity units, {@code > 0}
     * @param key the idempotency key
     * @return the reservation after the release
     */
    public Reservation release(ReservationId id, LineId lineId, Quantity quantity, CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(lineId, "lineId");
        return change(id, key, Arrays.asList("release", id, lineId, quantity), "release", r -> {
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
     * See {@link InventoryService#move}.
     *
     * @param id the reservation
     * @param lineId the order line
     * @param from where the units are held
     * @param to where they should be held
     * @param quantity units, {@code > 0}
     * @param key the idempotency key
     * @return the reservation after the move
     */
    public Reservation move(ReservationId id, LineId lineId, LocationId from, LocationId to, Quantity quantity,
            CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(lineId, "lineId");
        InvalidInputException.requireNonNull(from, "from");
        InvalidInputException.requireNonNull(to, "to");
        return change(id, key, Arrays.asList("move", id, lineId, from, to, quantity), "move", r -> {
            requireActive(r);
            ReservedLine source = heldLine(r, lineId, from, quantity, "move-within-held");
            PositionKey target = PositionKey.of(source.position().sku(), to);
            stock.position(target.sku(), target.location());
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
     * See {@link InventoryService#commit}.
     *
     * @param id the reservation
     * @param lineId the order line
     * @param location where the units are held
     * @param quantity units, {@code > 0}
     * @param shipment the shipment (the ledger's reference)
     * @param key the idempotency key
     * @return the reservation after the commit
     */
    public Reservation commit(ReservationId id, LineId lineId, LocationId location, Quantity quantity,
            Reference shipment, CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(lineId, "lineId");
        InvalidInputException.requireNonNull(location, "location");
        InvalidInputException.requireNonNull(shipment, "shipment");
        return change(id, key, Arrays.asList("commit", id, lineId, location, quantity, shipment), "commit", r -> {
            requireActive(r);
            if (r.isExpiredAt(stock.clock().instant())) {
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
     * See {@link InventoryService#keep}.
     *
     * @param id the reservation
     * @param key the idempotency key
     * @return the reservation, with no expiry
     */
    public Reservation keep(ReservationId id, CommandKey key) {
        return change(id, key, Arrays.asList("keep", id), "keep", r -> {
            requireActive(r);
            if (r.expiresAt().isEmpty()) {
                return Optional.empty();
            }
            if (r.isExpiredAt(stock.clock().instant())) {
                throw new ReservationRuleException(r.id(), "reservation-expired", "the hold lapsed at "
                        + r.expiresAt().orElseThrow() + "; it can no longer be kept");
            }
            Reservation kept = new Reservation(r.id(), r.orderId(), r.status(), r.requested(), r.policy(), r.lines(),
                    r.backorders(), Optional.empty(), r.priority(), r.createdAt(), r.version() + 1);
            return Optional.of(new Plan(List.of(), kept, List.of(), List.of()));
        });
    }

    /**
     * See {@link InventoryService#sweepExpired}.
     *
     * @return how many reservations lapsed
     */
    public int sweepExpired() {
        Instant now = stock.clock().instant();
        int expired = 0;
        Set<ReservationId> tried = new LinkedHashSet<>();
        while (true) {
            List<Reservation> due = stock.store().expiring(now, 100).stream().filter(r -> tried.add(r.id())).toList();
            if (due.isEmpty()) {
                return expired;
            }
            for (Reservation r : due) {
                Reservation after = change(r.id(), null, List.of(), "expire", current -> {
                    if (!current.status().isActive() || !current.isExpiredAt(now)) {
                        return Optional.empty();
                    }
                    InventoryEvent event = new InventoryEvent.ReservationExpired(stock.ids().newEventId(), now,
                            current.id(), current.orderId(), Quantity.of(current.held()));
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

    /** Loads the reservation, plans, applies, once per key; plans again on a concurrent change of it. */
    private Reservation change(ReservationId id, CommandKey key, List<Object> command, String operation,
            Function<Reservation, Optional<Plan>> plan) {
        InvalidInputException.requireNonNull(id, "id");
        String fingerprint = key == null ? "" : CommandFingerprint.of(command);
        return Idempotency.run(() -> "reservation " + id + " " + operation,
                stock.recorded(key, command, record -> stock.reservation(id)), stock.maxAttempts(),
                ReservationConflictException.class, () -> {
                    Reservation current = stock.reservation(id);
                    Optional<Plan> planned = plan.apply(current);
                    if (planned.isEmpty()) {
                        return current;
                    }
                    Plan p = planned.get();
                    String changeId = stock.newChangeId();
                    Optional<OperationRecord> record = key == null ? Optional.empty()
                            : Optional.of(new OperationRecord(key, fingerprint, Optional.of(id), changeId));
                    InventoryChange change = new InventoryChange(changeId, stock.clock().instant(), p.deltas(),
                            Optional.of(new ReservationWrite(p.next(), current.version())), p.backorders(),
                            p.events(), record);
                    if (stock.apply(change) instanceof ApplyResult.Refused refused) {
                        throw new InsufficientStockException(operation + " of reservation " + id,
                                refused.shortfalls());
                    }
                    LOG.debug("reservation {} {}: v{} {}", id, operation, p.next().version(), p.next().status());
                    return p.next();
                });
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
}
