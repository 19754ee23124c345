package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.Hold;

/**
 * A hold was placed; fulfilment is blocked while any hold is active.
 *
 * @param metadata id, order, version, time and causing command
 * @param hold the hold
 */
public record HoldPlaced(EventMetadata metadata, Hold hold) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public HoldPlaced {
        InvalidInputException.requireNonNull(metadata, "HoldPlaced.metadata");
        InvalidInputException.requireNonNull(hold, "HoldPlaced.hold");
    }
}
