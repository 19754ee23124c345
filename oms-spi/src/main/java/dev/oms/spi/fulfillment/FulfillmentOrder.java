package dev.oms.spi.fulfillment;

import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
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

    /**
     * A hold on one fulfilment order (a damaged bin, an address check at the warehouse); any active
     * hold stops picking and shipping.
     *
     * @param code names the hold; unique among the order's active holds
     * @param reason why
     * @param placedAt when
     */
    public record FulfillmentHold(String code, String reason, Instant placedAt) {
        /** @throws InvalidInputException if a field is null or the code blank */
        public FulfillmentHold {
            InvalidInputException.requireCode(code, "FulfillmentHold.code");
            InvalidInputException.requireText(reason, "FulfillmentHold.reason", 512);
            InvalidInputException.requireNonNull(placedAt, "FulfillmentHold.placedAt");
        }
    }

    /**
     * Units of one order line that one fulfilment order fulfils: {@code quantity = shipped +
     * cancelled + open}.
     *
     * @param lineId the order line
     * @param sku the SKU
     * @param quantity units assigned to this fulfilment order
     * @param shipped units shipped (or handed over, for pickup)
     * @param cancelled units cancelled before shipping
     */
    public record FulfillmentLine(LineId lineId, Sku sku, Quantity quantity, Quantity shipped, Quantity cancelled) {
        /** @throws InvalidInputException if a field is null or shipped plus cancelled exceeds the quantity */
        public FulfillmentLine {
            InvalidInputException.requireNonNull(lineId, "FulfillmentLine.lineId");
            InvalidInputException.requireNonNull(sku, "FulfillmentLine.sku");
            Quantity.requirePositive(quantity, "FulfillmentLine.quantity");
            InvalidInputException.requireNonNull(shipped, "FulfillmentLine.shipped");
            InvalidInputException.requireNonNull(cancelled, "FulfillmentLine.cancelled");
            if (shipped.plus(cancelled).isGreaterThan(quantity)) {
                throw new InvalidInputException("FulfillmentLine", "shipped " + shipped + " + cancelled " + cancelled
                        + " exceeds " + quantity);
            }
        }

        /** @return units neither shipped nor cancelled */
        public Quantity open() {
            return quantity.minus(shipped).minus(cancelled);
        }

        /** @return this line with {@code q} more shipped */
        public FulfillmentLine ship(Quantity q) {
            return new FulfillmentLine(lineId, sku, quantity, shipped.plus(q), cancelled);
        }

        /** @return this line with {@code q} more of its open units cancelled */
        public FulfillmentLine cancel(Quantity q) {
            return new FulfillmentLine(lineId, sku, quantity, shipped, cancelled.plus(q));
        }

        /** @return this line with every open unit cancelled */
        public FulfillmentLine cancelOpen() {
            return new FulfillmentLine(lineId, sku, quantity, shipped, cancelled.plus(open()));
        }
    }

    /** How a fulfilment order reaches the customer. */
    public enum FulfillmentKind {
        /** Shipped by a carrier. */
        DELIVERY,
        /** Collected by the customer at the location. */
        PICKUP
    }

    /**
     * Where a fulfilment order is. Delivery: created, picking, packed, partially shipped, shipped,
     * in transit, delivered (or exception, returned to sender). Pickup: created, picking, packed,
     * ready for pickup, picked up (or pickup expired). Cancelled before anything shipped.
     */
    public enum FulfillmentOrderStatus {
        /** Stock is reserved at the location; nothing picked yet. */
        CREATED,
        /** Being picked. */
        PICKING,
        /** Picked and packed. */
        PACKED,
        /** Some units shipped, some still to ship. */
        PARTIALLY_SHIPPED,
        /** Every open unit shipped (handed to the carrier). */
        SHIPPED,
        /** The carrier reports the parcels moving. */
        IN_TRANSIT,
        /** Every shipment delivered. */
        DELIVERED,
        /** The carrier reports a problem (damage, failed delivery attempt, address issue). */
        EXCEPTION,
        /** The parcel came back to the sender. */
        RETURNED_TO_SENDER,
        /** Cancelled before anything shipped; its reservation is released. */
        CANCELLED,
        /** A pickup order packed and waiting at the store. */
        READY_FOR_PICKUP,
        /** The customer collected it. */
        PICKED_UP,
        /** Nobody came in time; the units went back to stock. */
        PICKUP_EXPIRED
    }
}
