package dev.oms.spi.fulfillment;

import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Purgeable;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.StaleVersionException.FulfillmentConflictException;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.internal.Rewrites;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where fulfilment orders and shipments live, with their events, the fulfilment outbox and
 * command keys.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Atomic save.</b> {@link #save} writes the snapshot, appends its events to the
 *       fulfilment order's log and to the outbox, writes the shipment if the change carries one,
 *       and records the command key: all or nothing.</li>
 *   <li><b>Optimistic versions.</b> The fulfilment order is written only if its stored version
 *       equals {@link FulfillmentChange#expectedVersion()} (0: must not exist), the shipment only
 *       if its stored version is {@code shipment.version() - 1} (0: must not exist); otherwise
 *       {@link FulfillmentConflictException} and nothing is written. Across threads and JVMs at
 *       most one save per version succeeds.</li>
 *   <li><b>Tracking numbers are unique</b>: a shipment whose tracking number belongs to another
 *       shipment is refused with {@link InvalidInputException} and nothing is written.</li>
 *   <li><b>Command keys</b> are recorded at most once; a change whose key is recorded throws
 *       {@link CommandKeyConflictException} and writes nothing.</li>
 *   <li><b>Outbox.</b> {@link #unpublished} returns unpublished events in save order;
 *       {@link #markPublished} is idempotent and ignores unknown ids.</li>
 *   <li><b>Rewrites.</b> The {@link FulfillmentChange#rewrites()} of a change (only an erasure of
 *       personal data has any) replace the logged events with the same ids, and their outbox
 *       entries, in the same atomic save; a rewrite that is not an event of the fulfilment order's
 *       log, at its version and of its type, throws {@link dev.oms.spi.InvalidInputException} and
 *       nothing is written.</li>
 *   <li><b>Reads</b> return what the last successful save wrote, never half a change.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface FulfillmentStore extends EventOutbox<FulfillmentEvent>, Purgeable {
    /**
     * Saves a change atomically (see the contract above).
     *
     * @param change the change
     * @throws FulfillmentConflictException if a stored version is not the expected one
     * @throws CommandKeyConflictException if the command key is already recorded
     * @throws InvalidInputException if the shipment's tracking number belongs to another shipment
     */
    void save(FulfillmentChange change);

    /** @return the fulfilment order, if saved */
    Optional<FulfillmentOrder> load(FulfillmentOrderId id);

    /** @return an order's fulfilment orders, oldest first */
    List<FulfillmentOrder> ofOrder(OrderId orderId);

    /** @return a location's fulfilment orders that are not finished (created, picking, packed, partially shipped, ready for pickup), oldest first */
    List<FulfillmentOrder> openAt(LocationId location);

    /** @return the shipment, if saved */
    Optional<Shipment> shipment(ShipmentId id);

    /** @return the shipment with this tracking number, if any */
    Optional<Shipment> shipmentByTracking(String trackingNumber);

    /** @return a fulfilment order's shipments, oldest first */
    List<Shipment> shipmentsOf(FulfillmentOrderId id);

    /** @return every event of the fulfilment order, oldest first */
    List<FulfillmentEvent> events(FulfillmentOrderId id);

    /** @return the record saved with the key, if any */
    Optional<CommandRecord> findCommand(CommandKey key);

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
    record FulfillmentChange(FulfillmentOrder order, long expectedVersion, List<FulfillmentEvent> events,
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
}
