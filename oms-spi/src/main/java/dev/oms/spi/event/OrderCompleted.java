package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;

/**
 * Every open unit was delivered and the order was completed.
 *
 * @param metadata id, order, version, time and causing command

 */
public record OrderCompleted(EventMetadata metadata) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public OrderCompleted {
        InvalidInputException.requireNonNull(metadata, "OrderCompleted.metadata");
    }
}
