package dev.oms.spi.returns;

import dev.oms.spi.InvalidInputException;

/**
 * A return event waiting in the outbox to be relayed.
 *
 * @param sequence increases with every event saved, in save order
 * @param event the event
 */
public record ReturnOutboxEntry(long sequence, ReturnEvent event) {
    /** @throws InvalidInputException if the event is null */
    public ReturnOutboxEntry {
        InvalidInputException.requireNonNull(event, "ReturnOutboxEntry.event");
    }
}
