package dev.oms.jdbc;

import dev.oms.spi.EventId;

/**
 * An event handed to the host by the {@link OutboxRelay}.
 *
 * @param stream {@code "order"}, {@code "inventory"} or {@code "return"}
 * @param sequence its place in the outbox (increasing in save order)
 * @param eventId its unique id: consumers de-duplicate on it (delivery is at least once)
 * @param event the event: an {@code OrderEvent}, an {@code InventoryEvent}, a {@code FulfillmentEvent} or a {@code ReturnEvent}
 */
public record RelayedEvent(String stream, long sequence, EventId eventId, Object event) {
}
