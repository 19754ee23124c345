package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;

/**
 * The order was archived; no further command is accepted.
 *
 * @param metadata id, order, version, time and causing command

 */
public record OrderArchived(EventMetadata metadata) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public OrderArchived {
        InvalidInputException.requireNonNull(metadata, "OrderArchived.metadata");
    }
}
