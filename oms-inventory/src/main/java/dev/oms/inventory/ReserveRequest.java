package dev.oms.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request to hold stock for an order.
 *
 * @param orderId the order
 * @param lines what to hold where; a (line, location) pair appears at most once, but several
 *     lines may hold the same SKU at the same location (they are checked against their sum)
 * @param policy all or nothing, partial, or backorder
 * @param expiresAt when the hold lapses (a cart or checkout hold), if it does
 * @param priority backorders of higher priority are filled first
 */
public record ReserveRequest(OrderId orderId, List<ReserveLine> lines, ReservePolicy policy,
        Optional<Instant> expiresAt, int priority) {
    /** @throws InvalidInputException if a field is null, there are no lines or a (line, location) repeats */
    public ReserveRequest {
        InvalidInputException.requireNonNull(orderId, "ReserveRequest.orderId");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "ReserveRequest.lines"));
        InvalidInputException.requireNonNull(policy, "ReserveRequest.policy");
        InvalidInputException.requireNonNull(expiresAt, "ReserveRequest.expiresAt");
        if (lines.isEmpty()) {
            throw new InvalidInputException("ReserveRequest.lines", "at least one line");
        }
        if (lines.size() > 1) { // one line cannot repeat
            Set<List<Object>> seen = new HashSet<>();
            for (int i = 0; i < lines.size(); i++) {
                ReserveLine line = lines.get(i);
                if (!seen.add(List.of(line.lineId(), line.location()))) {
                    throw new InvalidInputException("ReserveRequest.lines[" + i + "]", "line " + line.lineId()
                            + " at " + line.location() + " appears twice");
                }
            }
        }
    }

    /**
     * All or nothing, no expiry, priority 0.
     *
     * @param orderId the order
     * @param lines what to hold where
     * @return the request
     */
    public static ReserveRequest of(OrderId orderId, ReserveLine... lines) {
        return new ReserveRequest(orderId, List.of(lines), ReservePolicy.ALL_OR_NOTHING, Optional.empty(), 0);
    }

    /** @return this request with another policy */
    public ReserveRequest withPolicy(ReservePolicy next) {
        return new ReserveRequest(orderId, lines, next, expiresAt, priority);
    }

    /** @return this request lapsing at {@code at} */
    public ReserveRequest expiringAt(Instant at) {
        return new ReserveRequest(orderId, lines, policy, Optional.of(at), priority);
    }

    /** @return this request with another backorder priority */
    public ReserveRequest withPriority(int next) {
        return new ReserveRequest(orderId, lines, policy, expiresAt, next);
    }

    /**
     * Units of one order line to hold at one location.
     *
     * @param lineId the order line
     * @param sku the SKU
     * @param location where to hold them
     * @param quantity units, {@code > 0}
     */
    public record ReserveLine(LineId lineId, Sku sku, LocationId location, Quantity quantity) {
        /** @throws InvalidInputException if a field is null or the quantity zero */
        public ReserveLine {
            InvalidInputException.requireNonNull(lineId, "ReserveLine.lineId");
            InvalidInputException.requireNonNull(sku, "ReserveLine.sku");
            InvalidInputException.requireNonNull(location, "ReserveLine.location");
            Quantity.requirePositive(quantity, "ReserveLine.quantity");
        }

        /**
         * @param lineId the order line
         * @param sku the SKU
         * @param location where
         * @param quantity units, {@code > 0}
         * @return the line
         */
        public static ReserveLine of(String lineId, String sku, String location, long quantity) {
            return new ReserveLine(LineId.of(lineId), Sku.of(sku), LocationId.of(location),
                    Quantity.positive(quantity, "ReserveLine.quantity"));
        }

        /** @return SKU and location */
        public PositionKey position() {
            return PositionKey.of(sku, location);
        }
    }
}
