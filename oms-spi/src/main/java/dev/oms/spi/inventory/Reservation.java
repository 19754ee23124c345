package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
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
        Set<String> seen = new HashSet<>();
        for (ReservedLine line : lines) {
            if (!seen.add(line.lineId() + "|" + line.position())) {
                throw new InvalidInputException("Reservation.lines", "line " + line.lineId() + " at "
                        + line.position() + " appears twice");
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
}
