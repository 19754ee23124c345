package dev.oms.spi.returns;

import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReturnId;
import java.time.Instant;

/**
 * What every return event carries.
 *
 * @param eventId unique, for de-duplication by consumers
 * @param returnId the return
 * @param orderId the order it belongs to
 * @param returnVersion the return's version this event produced
 * @param occurredAt when
 */
public record ReturnEventMetadata(EventId eventId, ReturnId returnId, OrderId orderId, long returnVersion,
        Instant occurredAt) {
    /** @throws InvalidInputException if a field is null or the version below 1 */
    public ReturnEventMetadata {
        InvalidInputException.requireNonNull(eventId, "ReturnEventMetadata.eventId");
        InvalidInputException.requireNonNull(returnId, "ReturnEventMetadata.returnId");
        InvalidInputException.requireNonNull(orderId, "ReturnEventMetadata.orderId");
        if (returnVersion < 1) {
            throw new InvalidInputException("ReturnEventMetadata.returnVersion",
                    "must be at least 1 (was " + returnVersion + ")");
        }
        InvalidInputException.requireNonNull(occurredAt, "ReturnEventMetadata.occurredAt");
    }
}
