package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;

/**
 * An inventory event waiting in the outbox to be relayed.
 *
 * @param sequence increases in save order
 * @param event the event
 */
public record InventoryOutboxEntry(long sequence, InventoryEvent event) {
    /** @throws InvalidInputException if the event is null */
    public InventoryOutboxEntry {
        InvalidInputException.requireNonNull(event, "InventoryOutboxEntry.event");
    }
}
