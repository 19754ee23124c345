package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.order.LineQuantity;
import java.util.List;

/**
 * Allocated units went back to unallocated (for re-routing).
 *
 * @param metadata id, order, version, time and causing command
 * @param location the location they were allocated to
 * @param lines units per line
 */
public record QuantitiesDeallocated(EventMetadata metadata, LocationId location,
        List<LineQuantity> lines) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public QuantitiesDeallocated {
        InvalidInputException.requireNonNull(metadata, "QuantitiesDeallocated.metadata");
        InvalidInputException.requireNonNull(location, "QuantitiesDeallocated.location");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "QuantitiesDeallocated.lines"));
    }
}
