package dev.oms.spi.fulfillment;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.internal.Rewrites;
import dev.oms.spi.store.CommandRecord;
import java.util.List;
import java.util.Optional;

/**
 * One change of a fulfilment order to save atomically: the new snapshot, the version it replaces,
 * its events (for the event log and the outbox), a shipment it creates or updates, and the
 * command record if the operation had a key.
 *
 * <p>Checked on construction: {@code order.version() == expectedVersion + 1}; at least one event,
 * each of this fulfilment order at the new version; the shipment, if any, belongs to it. A
 * shipment replaces the stored version {@code shipment.version() - 1} (0: a new one). Rewrites
 * (earlier events of this fulfilment order stored in place of the logged ones with the same ids,
 * and of their outbox entries) come only with a {@link FulfillmentEvent.PersonalDataErased}.
 *
 * @param order the new snapshot
 * @param expectedVersion the version it replaces; 0 for a new fulfilment order
 * @param events the events of this change, in order
 * @param shipment a shipment to save with it
 * @param command the command record to keep under its key
 * @param rewrites earlier events to store in place of the logged ones with the same ids; empty
 *     except for an erasure of personal data
 */
public record FulfillmentChange(FulfillmentOrder order, long expectedVersion, List<FulfillmentEvent> events,
        Optional<Shipment> shipment, Optional<CommandRecord> command, List<FulfillmentEvent> rewrites) {
    /** @throws InvalidInputException if a field is null or the parts do not belong together */
    public FulfillmentChange {
        InvalidInputException.requireNonNull(order, "FulfillmentChange.order");
        events = List.copyOf(InvalidInputException.requireNonNull(events, "FulfillmentChange.events"));
        InvalidInputException.requireNonNull(shipment, "FulfillmentChange.shipment");
        InvalidInputException.requireNonNull(command, "FulfillmentChange.command");
        rewrites = List.copyOf(InvalidInputException.requireNonNull(rewrites, "FulfillmentChange.rewrites"));
        if (order.version() != expectedVersion + 1) {
            throw new InvalidInputException("FulfillmentChange.expectedVersion", "fulfilment order version "
                    + order.version() + " must be expectedVersion + 1 (expectedVersion was " + expectedVersion + ")");
        }
        if (events.isEmpty()) {
            throw new InvalidInputException("FulfillmentChange.events", "a change has at least one event");
        }
        for (FulfillmentEvent event : events) {
            if (!event.fulfillmentOrderId().equals(order.id()) || event.metadata().version() != order.version()) {
                throw new InvalidInputException("FulfillmentChange.events", "event " + event.eventId()
                        + " does not belong to fulfilment order " + order.id() + " version " + order.version());
            }
        }
        if (shipment.isPresent() && !shipment.get().fulfillmentOrderId().equals(order.id())) {
            throw new InvalidInputException("FulfillmentChange.shipment", "shipment " + shipment.get().id()
                    + " belongs to fulfilment order " + shipment.get().fulfillmentOrderId() + ", not " + order.id());
        }
        Rewrites.require("FulfillmentChange.rewrites", events, rewrites, FulfillmentEvent.PersonalDataErased.class,
                FulfillmentEvent::eventId, e -> e.fulfillmentOrderId().equals(order.id())
                        && e.metadata().version() < order.version(), PersonalData::erased);
        if (!rewrites.isEmpty() && shipment.isPresent()) {
            throw new InvalidInputException("FulfillmentChange.rewrites", "an erasure saves no shipment");
        }
    }

    /**
     * A change that rewrites no earlier event: every change but an erasure of personal data.
     *
     * @param order the new snapshot
     * @param expectedVersion the version it replaces; 0 for a new fulfilment order
     * @param events the events of this change, in order
     * @param shipment a shipment to save with it
     * @param command the command record to keep under its key
     * @throws InvalidInputException if a field is null or the parts do not belong together
     */
    public FulfillmentChange(FulfillmentOrder order, long expectedVersion, List<FulfillmentEvent> events,
            Optional<Shipment> shipment, Optional<CommandRecord> command) {
        this(order, expectedVersion, events, shipment, command, List.of());
    }
}
