package dev.oms.spi.fulfillment;

import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReservationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The part of an order that one location fulfils, with the reservation that holds its stock.
 * Immutable; saved with an optimistic version.
 *
 * @param id the fulfilment order id
 * @param orderId the order
 * @param location the fulfilling location
 * @param kind delivery or pickup
 * @param status where it is
 * @param lines units per order line
 * @param holds active holds; any of them stops picking and shipping
 * @param reservationId the inventory reservation holding its stock
 * @param priority higher is fulfilled first
 * @param shipBy the deadline to ship by, if any
 * @param createdAt when it was created
 * @param version increases with every saved change, starting at 1
 */
public record FulfillmentOrder(FulfillmentOrderId id, OrderId orderId, LocationId location, FulfillmentKind kind,
        FulfillmentOrderStatus status, List<FulfillmentLine> lines, List<FulfillmentHold> holds,
        ReservationId reservationId, int priority, Optional<Instant> shipBy, Instant createdAt, long version) {
    /** @throws InvalidInputException if a field is null, there are no lines, or the version is below 1 */
    public FulfillmentOrder {
        InvalidInputException.requireNonNull(id, "FulfillmentOrder.id");
        InvalidInputException.requireNonNull(orderId, "FulfillmentOrder.orderId");
        InvalidInputException.requireNonNull(location, "FulfillmentOrder.location");
        InvalidInputException.requireNonNull(kind, "FulfillmentOrder.kind");
        InvalidInputException.requireNonNull(status, "FulfillmentOrder.status");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "FulfillmentOrder.lines"));
        if (lines.isEmpty()) {
            throw new InvalidInputException("FulfillmentOrder.lines", "at least one line");
        }
        holds = List.copyOf(InvalidInputException.requireNonNull(holds, "FulfillmentOrder.holds"));
        InvalidInputException.requireNonNull(reservationId, "FulfillmentOrder.reservationId");
        InvalidInputException.requireNonNull(shipBy, "FulfillmentOrder.shipBy");
        InvalidInputException.requireNonNull(createdAt, "FulfillmentOrder.createdAt");
        if (version < 1) {
            throw new InvalidInputException("FulfillmentOrder.version", "must be at least 1 (was " + version + ")");
        }
    }

    /** @return units neither shipped nor cancelled, over all lines */
    public long openUnits() {
        return lines.stream().mapToLong(l -> l.open().value()).sum();
    }

    /**
     * @param nextVersion the version
     * @param nextStatus the status
     * @param nextLines the lines
     * @param nextHolds the holds
     * @return this fulfilment order at that version
     */
    public FulfillmentOrder at(long nextVersion, FulfillmentOrderStatus nextStatus, List<FulfillmentLine> nextLines,
            List<FulfillmentHold> nextHolds) {
        return new FulfillmentOrder(id, orderId, location, kind, nextStatus, nextLines, nextHolds, reservationId,
                priority, shipBy, createdAt, nextVersion);
    }

    /** @return units shipped (or handed over), over all lines */
    public long shippedUnits() {
        return lines.stream().mapToLong(l -> l.shipped().value()).sum();
    }

    /**
     * @param nextStatus the status
     * @param nextLines the lines
     * @param nextHolds the holds
     * @return this fulfilment order one version later
     */
    public FulfillmentOrder next(FulfillmentOrderStatus nextStatus, List<FulfillmentLine> nextLines,
            List<FulfillmentHold> nextHolds) {
        return new FulfillmentOrder(id, orderId, location, kind, nextStatus, nextLines, nextHolds, reservationId,
                priority, shipBy, createdAt, version + 1);
    }
}
