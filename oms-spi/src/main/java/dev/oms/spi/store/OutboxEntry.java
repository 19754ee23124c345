package dev.oms.spi.store;

import dev.oms.spi.InvalidInputException;

/**
 * An event waiting in an outbox to be relayed: an order's, a fulfilment order's, a return's or
 * the inventory's.
 *
 * @param <E> the event family
 * @param sequence increases with every event saved to this outbox, in save order; relays hand
 *     events on in this order
 * @param event the event
 */
public record OutboxEntry<E>(long sequence, E event) {
    /**
     * @throws InvalidInputException if the event is null
     */
    public OutboxEntry {
        InvalidInputException.requireNonNull(event, "OutboxEntry.event");
    }
}
