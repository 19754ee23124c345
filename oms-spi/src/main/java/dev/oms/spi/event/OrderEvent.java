package dev.oms.spi.event;

import dev.oms.spi.EventId;
import dev.oms.spi.OrderId;
import java.time.Instant;

/**
 * A fact about an order: the closed family of everything that can happen to one.
 *
 * <p>Events are saved with the state change they describe, in one atomic step (the outbox), and
 * relayed at least once; consumers de-duplicate by {@link #eventId()}. Applying an order's events
 * in order, from nothing, reproduces the stored order exactly.
 */
public sealed interface OrderEvent permits OrderPlaced, OrderConfirmed, HoldPlaced, HoldReleased, OrderCancelled,
        LineCancelled, OrderEdited, PaymentAuthorised, PaymentCaptured, PaymentVoided, PaymentRefunded,
        PaymentDeclined, QuantitiesAllocated, QuantitiesDeallocated, QuantitiesShipped, QuantitiesDelivered,
        QuantitiesLost, QuantitiesReturned, OrderCompleted, OrderArchived, PersonalDataErased {

    /** @return id, order, version, time and causing command */
    EventMetadata metadata();

    /** @return the unique id of this event */
    default EventId eventId() {
        return metadata().eventId();
    }

    /** @return the order */
    default OrderId orderId() {
        return metadata().orderId();
    }

    /** @return the order version this change produced */
    default long orderVersion() {
        return metadata().orderVersion();
    }

    /** @return when it happened */
    default Instant occurredAt() {
        return metadata().occurredAt();
    }
}
