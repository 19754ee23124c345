package dev.oms.spi.fulfillment;

import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.order.LineQuantity;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parcel: units of a fulfilment order handed to a carrier, and what the carrier said about it
 * since.
 *
 * @param id the shipment id
 * @param fulfillmentOrderId the fulfilment order it belongs to
 * @param orderId the order
 * @param location where it left from
 * @param lines units per order line
 * @param carrier the carrier's code
 * @param service the carrier's service (for example {@code "express"})
 * @param trackingNumber the carrier's tracking number
 * @param labelReference where the label document is (for the warehouse printer)
 * @param status the latest status
 * @param statusAt when the carrier reported the latest status (updates older than this are ignored)
 * @param appliedUpdates ids of the tracking updates already applied (repeats are ignored)
 * @param version increases with every saved change, starting at 1
 */
public record Shipment(ShipmentId id, FulfillmentOrderId fulfillmentOrderId, OrderId orderId, LocationId location,
        List<LineQuantity> lines, String carrier, String service, String trackingNumber, String labelReference,
        ShipmentStatus status, Instant statusAt, Set<String> appliedUpdates, long version) {
    /** @throws InvalidInputException if a field is null or blank, there are no lines, or the version is below 1 */
    public Shipment {
        InvalidInputException.requireNonNull(id, "Shipment.id");
        InvalidInputException.requireNonNull(fulfillmentOrderId, "Shipment.fulfillmentOrderId");
        InvalidInputException.requireNonNull(orderId, "Shipment.orderId");
        InvalidInputException.requireNonNull(location, "Shipment.location");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "Shipment.lines"));
        if (lines.isEmpty()) {
            throw new InvalidInputException("Shipment.lines", "at least one line");
        }
        InvalidInputException.requireCode(carrier, "Shipment.carrier");
        InvalidInputException.requireCode(service, "Shipment.service");
        InvalidInputException.requireCode(trackingNumber, "Shipment.trackingNumber");
        InvalidInputException.requireCode(labelReference, "Shipment.labelReference");
        InvalidInputException.requireNonNull(status, "Shipment.status");
        InvalidInputException.requireNonNull(statusAt, "Shipment.statusAt");
        appliedUpdates = Collections.unmodifiableSet(new TreeSet<>(
                InvalidInputException.requireNonNull(appliedUpdates, "Shipment.appliedUpdates")));
        if (version < 1) {
            throw new InvalidInputException("Shipment.version", "must be at least 1 (was " + version + ")");
        }
    }

    /**
     * @param updateId the tracking update's id
     * @param nextStatus the status it reports, or the current one if it is older than what is known
     * @param at when the carrier reported it
     * @return this shipment one version later, with the update recorded
     */
    public Shipment apply(String updateId, ShipmentStatus nextStatus, Instant at) {
        Set<String> applied = new TreeSet<>(appliedUpdates);
        applied.add(updateId);
        return new Shipment(id, fulfillmentOrderId, orderId, location, lines, carrier, service, trackingNumber,
                labelReference, nextStatus, at, applied, version + 1);
    }

    /** Where a parcel is, as the carrier reports it. */
    public enum ShipmentStatus {
        /** Handed to the carrier with a label. */
        SHIPPED,
        /** Moving through the carrier's network. */
        IN_TRANSIT,
        /** On the van for delivery today. */
        OUT_FOR_DELIVERY,
        /** Delivered. */
        DELIVERED,
        /** A problem: damage, a failed attempt, an address issue. */
        EXCEPTION,
        /** On its way back, or back, at the sender. */
        RETURNED_TO_SENDER;

        /** @return whether no later carrier update can change it */
        public boolean isFinal() {
            return this == DELIVERED || this == RETURNED_TO_SENDER;
        }
    }
}
