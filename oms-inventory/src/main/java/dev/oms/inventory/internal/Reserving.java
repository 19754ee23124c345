package dev.oms.inventory.internal;

import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReservationOutcome.LineShortfall;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.BackorderDelta;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.InventoryChange.ReservationWrite;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.InventoryStore.ApplyResult.Shortfall;
import dev.oms.spi.inventory.Movement.MovementReason;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.BackorderLine;
import dev.oms.spi.inventory.Reservation.RequestedLine;
import dev.oms.spi.inventory.Reservation.ReservationStatus;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.inventory.Reservation.ReservedLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holding stock for an order's lines by the request's policy (all or nothing, partial,
 * backorder), and what a reservation means for the request that made it.
 */
public final class Reserving {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryService.class);

    private final Stock stock;

    /** @param stock the store and the service's settings */
    public Reserving(Stock stock) {
        this.stock = stock;
    }

    /**
     * See {@link InventoryService#reserve}: the request is tried as asked; a refusal under a
     * partial or backorder policy lowers the holds to what the shortfalls say is there and tries
     * again. A refused request records nothing.
     *
     * @param request what to hold where, and how
     * @param key the idempotency key
     * @return reserved, partial, backordered or refused
     */
    public ReservationOutcome reserve(ReserveRequest request, CommandKey key) {
        InvalidInputException.requireNonNull(request, "request");
        InvalidInputException.requireNonNull(key, "key");
        String fingerprint = CommandFingerprint.of(request);
        // The common case reads nothing first: a repeated key is found when its record collides
        // (or, if the stock has since run out, when the attempt is refused), an unknown position
        // when the store has none.
        Instant now = stock.clock().instant();
        if (request.expiresAt().isPresent() && !request.expiresAt().get().isAfter(now)) {
            Optional<ReservationOutcome> earlier = replay(request, key);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            throw new InvalidInputException("ReserveRequest.expiresAt", "must be after now (" + now + ")");
        }
        List<ReserveLine> lines = request.lines();
        int n = lines.size();
        long[] hold = new long[n];
        PositionKey[] positions = new PositionKey[n];
        for (int i = 0; i < n; i++) {
            hold[i] = lines.get(i).quantity().value();
            positions[i] = lines.get(i).position();
        }
        long[] backorder = new long[n];
        Reference order = Reference.of(Reference.Type.ORDER, request.orderId().value());
        ReservationId id = stock.ids().newReservationId();
        for (int attempt = 1; attempt <= stock.maxAttempts(); attempt++) {
            if (sum(hold) == 0 && sum(backorder) == 0) {
                break;
            }
            Reservation reservation = newReservation(id, request, positions, hold, backorder, now);
            PositionDelta[] deltas = new PositionDelta[count(hold)];
            for (int i = 0, d = 0; i < n; i++) {
                if (hold[i] > 0) {
                    deltas[d++] = PositionDelta.hold(positions[i], hold[i], MovementReason.RESERVE, order);
                }
            }
            String changeId = stock.newChangeId();
            InventoryChange change = new InventoryChange(changeId, now, List.of(deltas),
                    Optional.of(new ReservationWrite(reservation, 0)), backorderDeltas(lines, backorder), List.of(),
                    Optional.of(new OperationRecord(key, fingerprint, Optional.of(id), changeId)));
            ApplyResult result;
            try {
                result = stock.apply(change);
            } catch (CommandKeyConflictException raced) {
                return replay(request, key).orElseThrow(() -> raced);
            } catch (UnknownPositionException unknown) {
                for (ReserveLine line : lines) {
                    stock.position(line.sku(), line.location()); // the precise error: the SKU unknown, or only here
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
            Optional<ReservationOutcome> earlier = replay(request, key);
            if (earlier.isPresent()) {
                return earlier.get(); // this key reserved before, when there was stock
            }
            if (request.policy() == ReservePolicy.ALL_OR_NOTHING) {
                break;
            }
            shrinkToFit(request, ((ApplyResult.Refused) result).shortfalls(), hold, backorder);
        }
        LOG.debug("reservation for order {} refused", request.orderId());
        return new ReservationOutcome.Refused(lines.stream().map(l -> new LineShortfall(l.lineId(), l.sku(),
                l.location(), l.quantity(), Quantity.ZERO, Quantity.ZERO)).toList());
    }

    /**
     * @param key the key a request was made with
     * @return the outcome, if a reservation was made under the key
     */
    public Optional<ReservationOutcome> outcomeOf(CommandKey key) {
        return stock.store().findOperation(InvalidInputException.requireNonNull(key, "key"))
                .flatMap(OperationRecord::reservationId).map(id -> outcome(stock.reservation(id)));
    }

    /**
     * See {@link InventoryService#outcome}.
     *
     * @param reservation a reservation
     * @return reserved, partial or backordered, with a shortfall per line not held in full
     */
    public static ReservationOutcome outcome(Reservation reservation) {
        List<LineShortfall> shortfalls = List.of();
        boolean anyBackorder = false;
        for (RequestedLine line : reservation.requested()) {
            long reserved = 0;
            for (ReservedLine l : reservation.lines()) {
                if (l.lineId().equals(line.lineId()) && l.position().equals(line.position())) {
                    reserved += l.held().value() + l.committed().value() + l.released().value();
                }
            }
            long backordered = 0;
            for (BackorderLine b : reservation.backorders()) {
                if (b.lineId().equals(line.lineId())) {
                    backordered += b.open().value() + b.filled().value() + b.cancelled().value();
                }
            }
            anyBackorder |= backordered > 0;
            if (reserved < line.quantity().value()) {
                shortfalls = shortfalls.isEmpty() ? new ArrayList<>() : shortfalls;
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

    private Optional<ReservationOutcome> replay(ReserveRequest request, CommandKey key) {
        return stock.operation(key, request).map(record -> outcome(stock.reservation(record.reservationId()
                .orElseThrow(() -> new CommandKeyConflictException(key,
                        "was used for an operation without a reservation")))));
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
        if (count(backorder) == 0) {
            return List.of();
        }
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

    private static Reservation newReservation(ReservationId id, ReserveRequest request, PositionKey[] positions,
            long[] hold, long[] backorder, Instant now) {
        List<ReserveLine> lines = request.lines();
        ReservedLine[] held = new ReservedLine[count(hold)];
        BackorderLine[] waiting = new BackorderLine[count(backorder)];
        RequestedLine[] requested = new RequestedLine[lines.size()];
        for (int i = 0, h = 0, w = 0; i < lines.size(); i++) {
            ReserveLine line = lines.get(i);
            if (hold[i] > 0) {
                held[h++] = ReservedLine.holding(line.lineId(), positions[i], hold[i] == line.quantity().value()
                        ? line.quantity() : Quantity.of(hold[i]));
            }
            if (backorder[i] > 0) {
                waiting[w++] = new BackorderLine(line.lineId(), line.sku(), Quantity.of(backorder[i]), Quantity.ZERO,
                        Quantity.ZERO);
            }
            requested[i] = new RequestedLine(line.lineId(), positions[i], line.quantity());
        }
        return new Reservation(id, request.orderId(), ReservationStatus.ACTIVE, List.of(requested), request.policy(),
                List.of(held), List.of(waiting), request.expiresAt(), request.priority(), now, 1);
    }

    /** @return how many of the values are positive */
    private static int count(long[] values) {
        int n = 0;
        for (long v : values) {
            if (v > 0) {
                n++;
            }
        }
        return n;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
