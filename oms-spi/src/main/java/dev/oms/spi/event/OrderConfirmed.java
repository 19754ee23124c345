package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;

/**
 * The order was confirmed for fulfilment.
 *
 * @param metadata id, order, version, time and causing command

 */
public record OrderConfirmed(EventMetadata metadata) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public OrderConfirmed {
        InvalidInputException.requireNonNull(metadata, "OrderConfirmed.metadata");
    }
}
