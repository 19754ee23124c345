package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.ReturnId;
import dev.oms.spi.order.LineQuantity;
import java.util.List;

/**
 * Delivered units came back.
 *
 * @param metadata id, order, version, time and causing command
 * @param returnId the return that brought them
 * @param lines units per line
 */
public record QuantitiesReturned(EventMetadata metadata, ReturnId returnId,
        List<LineQuantity> lines) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public QuantitiesReturned {
        InvalidInputException.requireNonNull(metadata, "QuantitiesReturned.metadata");
        InvalidInputException.requireNonNull(returnId, "QuantitiesReturned.returnId");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "QuantitiesReturned.lines"));
    }
}
