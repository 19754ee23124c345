package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.order.LineQuantity;
import java.util.List;

/**
 * Open units were allocated to a location for fulfilment.
 *
 * @param metadata id, order, version, time and causing command
 * @param location the location that fulfils them
 * @param lines units per line
 */
public record QuantitiesAllocated(EventMetadata metadata, LocationId location,
        List<LineQuantity> lines) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public QuantitiesAllocated {
        InvalidInputException.requireNonNull(metadata, "QuantitiesAllocated.metadata");
        InvalidInputException.requireNonNull(location, "QuantitiesAllocated.location");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "QuantitiesAllocated.lines"));
    }
}
