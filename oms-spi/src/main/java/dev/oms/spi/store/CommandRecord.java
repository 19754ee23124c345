package dev.oms.spi.store;

import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import java.util.List;

/**
 * The first result of a command, kept under its key so that a repeat returns it and changes
 * nothing.
 *
 * @param key the command's idempotency key
 * @param fingerprint a digest of the command's content; a repeat with the same key but another
 *     fingerprint is a different command and is refused
 * @param orderId the order the command changed
 * @param orderVersion the version it produced
 * @param eventIds the events it produced, in order
 */
public record CommandRecord(CommandKey key, String fingerprint, OrderId orderId, long orderVersion,
        List<EventId> eventIds) {
    /**
     * @throws InvalidInputException if a field is null
     */
    public CommandRecord {
        InvalidInputException.requireNonNull(key, "CommandRecord.key");
        InvalidInputException.requireNonNull(fingerprint, "CommandRecord.fingerprint");
        InvalidInputException.requireNonNull(orderId, "CommandRecord.orderId");
        eventIds = List.copyOf(InvalidInputException.requireNonNull(eventIds, "CommandRecord.eventIds"));
    }
}
