package dev.oms.spi.fulfillment;

import dev.oms.spi.InvalidInputException;

/**
 * A fulfilment event waiting in the outbox to be relayed.
 *
 * @param sequence increases with every event saved, in save order
 * @param event the event
 */
public record FulfillmentOutboxEntry(long sequence, FulfillmentEvent event) {
    /** @throws InvalidInputException if the event is null */
    public FulfillmentOutboxEntry {
        InvalidInputException.requireNonNull(event, "FulfillmentOutboxEntry.event");
    }
}
