package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.order.LineQuantity;
import java.util.List;

/**
 * Allocated units were shipped and are in transit.
 *
 * @param metadata id, order, version, time and causing command
 * @param shipment the shipment carrying them
 * @param lines units per line
 */
public record QuantitiesShipped(EventMetadata metadata, ShipmentId shipment,
        List<LineQuantity> lines) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public QuantitiesShipped {
        InvalidInputException.requireNonNull(metadata, "QuantitiesShipped.metadata");
        InvalidInputException.requireNonNull(shipment, "QuantitiesShipped.shipment");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "QuantitiesShipped.lines"));
    }
}
