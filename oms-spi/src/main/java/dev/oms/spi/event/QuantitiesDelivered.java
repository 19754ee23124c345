package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.order.LineQuantity;
import java.time.Instant;
import java.util.List;

/**
 * Units in transit were delivered.
 *
 * @param metadata id, order, version, time and causing command
 * @param shipment the shipment that delivered them
 * @param lines units per line
 * @param deliveredAt when the carrier delivered them (or the customer collected them), never
 *     after the event was recorded; return windows run from it
 */
public record QuantitiesDelivered(EventMetadata metadata, ShipmentId shipment,
        List<LineQuantity> lines, Instant deliveredAt) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public QuantitiesDelivered {
        InvalidInputException.requireNonNull(metadata, "QuantitiesDelivered.metadata");
        InvalidInputException.requireNonNull(shipment, "QuantitiesDelivered.shipment");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "QuantitiesDelivered.lines"));
        InvalidInputException.requireNonNull(deliveredAt, "QuantitiesDelivered.deliveredAt");
    }
}
