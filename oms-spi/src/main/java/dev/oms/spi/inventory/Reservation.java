package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One order's hold on stock: quantities per (line, SKU, location), plus the units backordered.
 * Immutable; every change is saved with the position changes it causes, in one atomic step.
 *
 * @param id the reservation id
 * @param orderId the order it is for
 * @param status active, released, committed or expired
 * @param requested what the request asked for, per line and position
 * @param policy the policy it was made with
 * @param lines units held per (line, position); (line, position) is unique
 * @param backorders units waiting for stock, per line
 * @param expiresAt when the hold lapses (a cart or checkout hold), if it does
 * @param priority backorders of higher priority are filled first
 * @param createdAt when it was first saved
 * @param version increases with every saved change, starting at 1
 */
public record Reservation(ReservationId id, OrderId orderId, ReservationStatus status, List<RequestedLine> requested,
        ReservePolicy policy, List<ReservedLine> lines, List<BackorderLine> backorders, Optional<Instant> expiresAt,
        int priority, Instant createdAt, long version) {
    /** @throws InvalidInputException if a field is null, a (line, position) repeats or the version is below 1 */
    public Reservation {
        InvalidInputException.requireNonNull(id, "Reservation.id");
        InvalidInputException.requireNonNull(orderId, "Reservation.orderId");
        InvalidInputException.requireNonNull(status, "Reservation.status");
        requested = List.copyOf(InvalidInputException.requireNonNull(requested, "Reservation.requested"));
        InvalidInputException.requireNonNull(policy, "Reservation.policy");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "Reservation.lines"));
        backorders = List.copyOf(InvalidInputException.requireNonNull(backorders, "Reservation.backorders"));
        InvalidInputException.requireNonNull(expiresAt, "Reservation.expiresAt");
        InvalidInputException.requireNonNull(createdAt, "Reservation.createdAt");
        if (version < 1) {
            throw new InvalidInputException("Reservation.version", "must be at least 1 (was " + version + ")");
        }
        if (lines.size() > 1) { // one line cannot repeat
            Set<List<Object>> seen = new HashSet<>();
            for (ReservedLine line : lines) {
                if (!seen.add(List.of(line.lineId(), line.position()))) {
                    throw new InvalidInputException("Reservation.lines", "line " + line.lineId() + " at "
                            + line.position() + " appears twice");
                }
            }
        }
    }

    /** @return units held now, over all lines */
    public long held() {
        return lines.stream().mapToLong(l -> l.held().value()).sum();
    }

    /** @return units still backordered, over all lines */
    public long backordered() {
        return backorders.stream().mapToLong(b -> b.open().value()).sum();
    }

    /**
     * @param lineId an order line
     * @return the held lines of that order line (one per position)
     */
    public List<ReservedLine> linesOf(LineId lineId) {
        return lines.stream().filter(l -> l.lineId().equals(lineId)).toList();
    }

    /**
     * @param now the time
     * @return whether the hold has lapsed at {@code now}
     */
    public boolean isExpiredAt(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }

    /**
     * The next version with other lines, backorders and status.
     *
     * @param nextStatus the status
     * @param nextLines the lines
     * @param nextBackorders the backorders
     * @return the reservation one version later
     */
    public Reservation next(ReservationStatus nextStatus, List<ReservedLine> nextLines,
            List<BackorderLine> nextBackorders) {
        return new Reservation(id, orderId, nextStatus, requested, policy, nextLines, nextBackorders, expiresAt,
                priority, createdAt, version + 1);
    }

    /** @return the total held over positions of {@code lineId} */
    public Quantity heldFor(LineId lineId) {
        return Quantity.of(linesOf(lineId).stream().mapToLong(l -> l.held().value()).sum());
    }

    /**
     * What a reservation request asked for one order line at one position, kept with the
     * reservation so its outcome (held, backordered, unfilled) can always be told again.
     *
     * @param lineId the order line
     * @param position SKU and location
     * @param quantity units asked for
     */
    public record RequestedLine(LineId lineId, PositionKey position, Quantity quantity) {
        /** @throws InvalidInputException if a field is null or the quantity zero */
        public RequestedLine {
            InvalidInputException.requireNonNull(lineId, "RequestedLine.lineId");
            InvalidInputException.requireNonNull(position, "RequestedLine.position");
            Quantity.requirePositive(quantity, "RequestedLine.quantity");
        }
    }

    /**
     * Units of one order line held at one position. The units reserved for the line at this
     * position always split as {@code held + committed + released}.
     *
     * @param lineId the order line
     * @param position SKU and location
     * @param held units held now
     * @param committed units shipped (gone from on hand)
     * @param released units given back (cancelled, expired, moved away)
     */
    public record ReservedLine(LineId lineId, PositionKey position, Quantity held, Quantity committed,
            Quantity released) {
        /** @throws InvalidInputException if a field is null */
        public ReservedLine {
            InvalidInputException.requireNonNull(lineId, "ReservedLine.lineId");
            InvalidInputException.requireNonNull(position, "ReservedLine.position");
            InvalidInputException.requireNonNull(held, "ReservedLine.held");
            InvalidInputException.requireNonNull(committed, "ReservedLine.committed");
            InvalidInputException.requireNonNull(released, "ReservedLine.released");
        }

        /**
         * @param lineId the order line
         * @param position SKU and location
         * @param held units held
         * @return a fresh line
         */
        public static ReservedLine holding(LineId lineId, PositionKey position, Quantity held) {
            return new ReservedLine(lineId, position, held, Quantity.ZERO, Quantity.ZERO);
        }

        /** @return this line with {@code q} more held */
        public ReservedLine hold(Quantity q) {
            return new ReservedLine(lineId, position, held.plus(q), committed, released);
        }

        /** @return this line with {@code q} moved from held to committed */
        public ReservedLine commit(Quantity q) {
            return new ReservedLine(lineId, position, held.minus(q), committed.plus(q), released);
        }

        /** @return this line with {@code q} moved from held to released */
        public ReservedLine release(Quantity q) {
            return new ReservedLine(lineId, position, held.minus(q), committed, released.plus(q));
        }
    }

    /**
     * Units of one order line that were not in stock and wait for stock to arrive. Filled in order
     * of the reservation's priority (higher first), then placement time, then reservation id.
     *
     * @param lineId the order line
     * @param sku the SKU
     * @param open units still waiting
     * @param filled units already filled from arriving stock
     * @param cancelled units no longer wanted (released)
     */
    public record BackorderLine(LineId lineId, Sku sku, Quantity open, Quantity filled, Quantity cancelled) {
        /** @throws InvalidInputException if a field is null */
        public BackorderLine {
            InvalidInputException.requireNonNull(lineId, "BackorderLine.lineId");
            InvalidInputException.requireNonNull(sku, "BackorderLine.sku");
            InvalidInputException.requireNonNull(open, "BackorderLine.open");
            InvalidInputException.requireNonNull(filled, "BackorderLine.filled");
            InvalidInputException.requireNonNull(cancelled, "BackorderLine.cancelled");
        }

        /** @return this backorder with {@code q} filled */
        public BackorderLine fill(Quantity q) {
            return new BackorderLine(lineId, sku, open.minus(q), filled.plus(q), cancelled);
        }

        /** @return this backorder with everything open cancelled */
        public BackorderLine cancelOpen() {
            return new BackorderLine(lineId, sku, Quantity.ZERO, filled, cancelled.plus(open));
        }
    }

    /** Where a reservation is in its life. */
    public enum ReservationStatus {
        /** Holds units or waits for backordered ones. */
        ACTIVE,
        /** Everything held was given back (and nothing committed). */
        RELEASED,
        /** Nothing is held any more and some units shipped. */
        COMMITTED,
        /** It lapsed at its expiry; its units are available again. */
        EXPIRED;

        /** @return whether the reservation still holds or awaits units */
        public boolean isActive() {
            return this == ACTIVE;
        }
    }

    /** What a reservation does when some lines cannot be fully held. */
    public enum ReservePolicy {
        /** Hold every line in full or nothing at all (the default). */
        ALL_OR_NOTHING,
        /** Hold what is there; report the rest as unfilled. */
        PARTIAL,
        /** Hold what is there; backorder the rest, within the SKU's backorder limit; report what does not fit. */
        BACKORDER
    }
}
