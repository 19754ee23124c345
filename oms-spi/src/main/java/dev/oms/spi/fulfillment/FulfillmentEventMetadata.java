package dev.oms.spi.fulfillment;

import dev.oms.spi.EventId;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import java.time.Instant;

/**
 * What every fulfilment event carries.
 *
 * @param eventId unique, for de-duplication by consumers
 * @param fulfillmentOrderId the fulfilment order
 * @param orderId the order it fulfils
 * @param version the fulfilment order's version this event produced
 * @param occurredAt when
 */
public record FulfillmentEventMetadata(EventId eventId, FulfillmentOrderId fulfillmentOrderId, OrderId orderId,
        long version, Instant occurredAt) {
    /** @throws InvalidInputException if a field is null or the version below 1 */
    public FulfillmentEventMetadata {
        InvalidInputException.requireNonNull(eventId, "FulfillmentEventMetadata.eventId");
        InvalidInputException.requireNonNull(fulfillmentOrderId, "FulfillmentEventMetadata.fulfillmentOrderId");
        InvalidInputException.requireNonNull(orderId, "FulfillmentEventMetadata.orderId");
        if (version < 1) {
            throw new InvalidInputException("FulfillmentEventMetadata.version", "must be at least 1 (was " + version + ")");
        }
        InvalidInputException.requireNonNull(occurredAt, "FulfillmentEventMetadata.occurredAt");
    }
}
