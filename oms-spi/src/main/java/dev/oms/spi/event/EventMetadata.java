package dev.oms.spi.event;

import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import java.time.Instant;
import java.util.Optional;

/**
 * What every order event carries: its own unique id (for de-duplication), the order, the order
 * version the change produced, when it happened, and the key of the command that caused it.
 *
 * @param eventId unique id of the event
 * @param orderId the order
 * @param orderVersion the version of the order after the change; all events of one change share it
 * @param occurredAt when the change happened (from the injected clock)
 * @param commandKey the idempotency key of the causing command, if it had one
 */
public record EventMetadata(EventId eventId, OrderId orderId, long orderVersion, Instant occurredAt,
        Optional<CommandKey> commandKey) {
    /**
     * @throws InvalidInputException if a field is null or the version below 1
     */
    public EventMetadata {
        InvalidInputException.requireNonNull(eventId, "EventMetadata.eventId");
        InvalidInputException.requireNonNull(orderId, "EventMetadata.orderId");
        if (orderVersion < 1) {
            throw new InvalidInputException("EventMetadata.orderVersion", "must be at least 1 (was " + orderVersion + ")");
        }
        InvalidInputException.requireNonNull(occurredAt, "EventMetadata.occurredAt");
        InvalidInputException.requireNonNull(commandKey, "EventMetadata.commandKey");
    }
}
