package dev.oms.core;

import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.store.OrderStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events from the stores' outboxes to the host's subscribers (customer notifications,
 * reporting, search indexing), at least once.
 *
 * <pre>{@code
 * EventDelivery delivery = EventDelivery.from(orderStore).returns(returnStore)
 *         .subscribe(OrderConfirmed.class, e -> mailer.confirmed(e.orderId()))
 *         .subscribe(OrderEvent.class, e -> reporting.record(e))   // every order event
 *         .build();
 * delivery.deliverAll();   // from the host's scheduler, or after each request
 * }</pre>
 *
 * <p>A subscription names a type: one event record ({@code OrderConfirmed.class}), a family
 * ({@code OrderEvent.class}, {@code FulfillmentEvent.class}, {@code ReturnEvent.class},
 * {@code InventoryEvent.class}) or
 * {@code Object.class} for all. Each stream's unpublished events are handed, in save order, to
 * every subscriber whose type matches, then marked published. If a subscriber throws, that event
 * and the ones after it stay unpublished and come again on the next delivery (subscribers that
 * already had it see it again: de-duplicate on the event id); the events before it are marked.
 * With several application instances delivering from one store, events may reach subscribers
 * twice; the PostgreSQL adapter's {@code OutboxRelay} shares the work between instances instead,
 * with {@link #dispatch} as its publisher. oms starts no thread. Thread-safe, but deliveries
 * should not overlap (one scheduler).
 */
public final class EventDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    private record Subscription(Class<?> type, Consumer<Object> subscriber) {
    }

    private final OrderStore orders;
    private final InventoryStore inventory;
    private final FulfillmentStore fulfillment;
    private final ReturnStore returns;
    private final List<Subscription> subscriptions;
    private final int batchSize;

    private EventDelivery(Builder b) {
        this.orders = b.orders;
        this.inventory = b.inventory;
        this.fulfillment = b.fulfillment;
        this.returns = b.returns;
        this.subscriptions = List.copyOf(b.subscriptions);
        this.batchSize = b.batchSize;
    }

    /**
     * @param orders the order store, whose outbox is delivered
     * @return a builder (add the inventory, fulfilment and return stores if their events matter)
     */
    public static Builder from(OrderStore orders) {
        return new Builder(InvalidInputException.requireNonNull(orders, "orders"));
    }

    /**
     * Hands one event to every matching subscriber, in subscription order (for a relay of the host's).
     *
     * @param event an order, inventory, fulfilment or return event
     * @throws RuntimeException whatever a subscriber throws
     */
    public void dispatch(Object event) {
        InvalidInputException.requireNonNull(event, "event");
        for (Subscription s : subscriptions) {
            if (s.type().isInstance(event)) {
                s.subscriber().accept(event);
            }
        }
    }

    /**
     * Delivers one batch of every stream.
     *
     * @return events delivered (and marked published)
     */
    public int deliver() {
        int delivered = stream("order", orders.unpublished(batchSize), e -> e.event(), OrderEvent::eventId,
                orders::markPublished);
        if (inventory != null) {
            delivered += stream("inventory", inventory.unpublished(batchSize), e -> e.event(), InventoryEvent::eventId,
                    inventory::markPublished);
        }
        if (fulfillment != null) {
            delivered += stream("fulfilment", fulfillment.unpublished(batchSize), e -> e.event(),
                    FulfillmentEvent::eventId, fulfillment::markPublished);
        }
        if (returns != null) {
            delivered += stream("return", returns.unpublished(batchSize), e -> e.event(), ReturnEvent::eventId,
                    returns::markPublished);
        }
        return delivered;
    }

    /**
     * Delivers batches until every outbox is empty, or until a subscriber fails.
     *
     * @return events delivered
     * @throws RuntimeException whatever a subscriber threw (the events delivered before it are marked)
     */
    public int deliverAll() {
        int total = 0;
        for (int n = deliver(); n > 0; n = deliver()) {
            total += n;
        }
        return total;
    }

    private <R, E> int stream(String name, List<R> entries, Function<R, E> event, Function<E, EventId> id,
            Consumer<List<EventId>> mark) {
        List<EventId> done = new ArrayList<>();
        try {
            for (R entry : entries) {
                E e = event.apply(entry);
                dispatch(e);
                done.add(id.apply(e));
            }
        } catch (RuntimeException failed) {
            LOG.debug("delivering the {} outbox stopped after {} events: {}", name, done.size(), failed.toString());
            mark.accept(done);
            throw failed;
        }
        mark.accept(done);
        return done.size();
    }

    /** Configures an {@link EventDelivery}. Not thread-safe; build once. */
    public static final class Builder {
        private final OrderStore orders;
        private InventoryStore inventory;
        private FulfillmentStore fulfillment;
        private ReturnStore returns;
        private final List<Subscription> subscriptions = new ArrayList<>();
        private int batchSize = 100;

        private Builder(OrderStore orders) {
            this.orders = orders;
        }

        /** @param store the inventory store, whose outbox is delivered too @return this builder */
        public Builder inventory(InventoryStore store) {
            this.inventory = InvalidInputException.requireNonNull(store, "inventory");
            return this;
        }

        /** @param store the fulfilment store, whose outbox is delivered too @return this builder */
        public Builder fulfillment(FulfillmentStore store) {
            this.fulfillment = InvalidInputException.requireNonNull(store, "fulfillment");
            return this;
        }

        /** @param store the return store, whose outbox is delivered too @return this builder */
        public Builder returns(ReturnStore store) {
            this.returns = InvalidInputException.requireNonNull(store, "returns");
            return this;
        }

        /**
         * @param <E> the event type
         * @param type an event record, a family, or {@code Object.class} for all
         * @param subscriber receives matching events
         * @return this builder
         */
        public <E> Builder subscribe(Class<E> type, Consumer<? super E> subscriber) {
            InvalidInputException.requireNonNull(type, "type");
            InvalidInputException.requireNonNull(subscriber, "subscriber");
            subscriptions.add(new Subscription(type, e -> subscriber.accept(type.cast(e))));
            return this;
        }

        /** @param value events per stream and batch, {@code > 0} @return this builder */
        public Builder batchSize(int value) {
            if (value <= 0) {
                throw new InvalidInputException("batchSize", "must be positive (was " + value + ")");
            }
            this.batchSize = value;
            return this;
        }

        /** @return the delivery */
        public EventDelivery build() {
            return new EventDelivery(this);
        }
    }
}
