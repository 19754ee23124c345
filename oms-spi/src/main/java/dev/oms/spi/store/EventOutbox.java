package dev.oms.spi.store;

import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import java.util.Collection;
import java.util.List;

/**
 * The outbox side of a store: the events it saved with its state changes, in save order, until a
 * relay has handed them on. Every store with events has one ({@link OrderStore},
 * {@code FulfillmentStore}, {@code ReturnStore}, {@code InventoryStore}); a relay, a delivery to
 * subscribers or a publisher needs only this part.
 *
 * <p>Contract: an event is in {@link #unpublished} from the moment the change it belongs to is
 * saved (in the same atomic step) until {@link #markPublished} names it; entries come oldest
 * first by {@link OutboxEntry#sequence()}; {@link #markPublished} is idempotent. Thread-safe.
 *
 * @param <E> the event family
 */
public interface EventOutbox<E> {
    /**
     * @param limit the most entries to return, {@code > 0}
     * @return the oldest unpublished events, in save order
     */
    List<OutboxEntry<E>> unpublished(int limit);

    /**
     * Marks events as published; they no longer appear in {@link #unpublished}.
     *
     * @param eventIds the events; unknown or already published ids are ignored
     */
    void markPublished(Collection<EventId> eventIds);

    /**
     * An event waiting in an outbox to be relayed: an order's, a fulfilment order's, a return's or
     * the inventory's.
     *
     * @param <E> the event family
     * @param sequence increases with every event saved to this outbox, in save order; relays hand
     *     events on in this order
     * @param event the event
     */
    record OutboxEntry<E>(long sequence, E event) {
        /**
         * @throws InvalidInputException if the event is null
         */
        public OutboxEntry {
            InvalidInputException.requireNonNull(event, "OutboxEntry.event");
        }
    }
}
