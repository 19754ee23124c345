package dev.oms.spi.store;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;

/**
 * An event waiting in the outbox to be relayed.
 *
 * @param sequence increases with every event saved, in save order; relays hand events on in
 *     this order
 * @param event the event
 */
public record OutboxEntry(long sequence, OrderEvent event) {
    /**
     * @throws InvalidInputException if the event is null
     */
    public OutboxEntry {
        InvalidInputException.requireNonNull(event, "OutboxEntry.event");
    }
}
