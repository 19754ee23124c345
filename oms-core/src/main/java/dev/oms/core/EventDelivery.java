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
 * every subscriber whose type matches; an event is marked published once every one of them has
 * it.
 *
 * <p><b>A failing subscriber holds up only itself.</b> If a subscriber throws, it gets that event
 * again on the next delivery, and none of the stream's later events before that; the other
 * subscribers and the other streams go on (each gets each event once: a delivery remembers who
 * already has an event that is not yet marked). After {@code maxAttempts} failures on one event
 * ({@link Builder#maxAttempts}, default 5) the event is set aside for that subscriber
 * ({@link #setAside()}, {@link #redeliver}, {@link #drop}) and it goes on with the next one. The
 * stream's events wait in the outbox meanwhile, at most a batch ahead for the others. Failures
 * are logged at WARN and counted; nothing is thrown.
 *
 * <p>At least once: after a restart the delivery's memory of who has what is gone, and events not
 * yet marked reach every subscriber again; de-duplicate on the event id. With several application
 * instances delivering from one store, events may reach subscribers twice; the PostgreSQL
 * adapter's {@code OutboxRelay} shares the work between instances instead, with {@link #dispatch}
 * as its publisher. oms starts no thread. Thread-safe (deliveries are serialised).
 */
public final class EventDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    private record Subscription(Class<?> type, Consumer<Object> subscriber) {
    }

    /**
     * An event a subscriber kept failing on, set aside for it after its attempts.
     *
     * @param stream the outbox stream ({@code order}, {@code inventory}, {@code fulfilment}, {@code return})
     * @param eventId the event's id
     * @param event the event
     * @param subscriber which subscription, by its place in the builder (from 0), and its type
     * @param attempts failed attempts
     * @param lastError the last failure
     */
    public record SetAside(String stream, EventId eventId, Object event, String subscriber, int attempts,
            String lastError) {
    }

    private record Pending(String stream, Object event, int subscription) {
    }

    /** Per event not yet marked: the subscriptions that have it, and failures so far per subscription. */
    private final java.util.Map<EventId, java.util.Set<Integer>> handed = new java.util.HashMap<>();
    private final java.util.Map<EventId, java.util.Map<Integer, Integer>> failures = new java.util.HashMap<>();
    private final java.util.Map<SetAside, Pending> setAside = new java.util.LinkedHashMap<>();
    /** Whether a subscriber failed in the last delivery (so a {@link #deliverAll} counts one attempt per call). */
    private boolean failedLastTime;

    private final OrderStore orders;
    private final InventoryStore inventory;
    private final FulfillmentStore fulfillment;
    private final ReturnStore returns;
    private final List<Subscription> subscriptions;
    private final int batchSize;
    private final int maxAttempts;

    private EventDelivery(Builder b) {
        this.orders = b.orders;
        this.inventory = b.inventory;
        this.fulfillment = b.fulfillment;
        this.returns = b.returns;
        this.subscriptions = List.copyOf(b.subscriptions);
        this.batchSize = b.batchSize;
        this.maxAttempts = b.maxAttempts;
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
     * @return events marked published (every matching subscriber has them)
     */
    public synchronized int deliver() {
        failedLastTime = false;
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
     * Delivers batches until every outbox is empty, or nothing more can be marked now, or a
     * subscriber failed (it gets the event again on the next call: each call counts at most one
     * attempt, so the host's schedule is the retry pace).
     *
     * @return events marked published
     */
    public synchronized int deliverAll() {
        int total = 0;
        while (true) {
            int n = deliver();
            total += n;
            if (n == 0 || failedLastTime) {
                return total;
            }
        }
    }

    private <R, E> int stream(String name, List<R> entries, Function<R, E> event, Function<E, EventId> id,
            Consumer<List<EventId>> mark) {
        List<EventId> done = new ArrayList<>();
        java.util.Set<Integer> blocked = new java.util.HashSet<>();
        for (R entry : entries) {
            E e = event.apply(entry);
            EventId eventId = id.apply(e);
            java.util.Set<Integer> has = handed.computeIfAbsent(eventId, k -> new java.util.HashSet<>());
            boolean complete = true;
            for (int i = 0; i < subscriptions.size(); i++) {
                Subscription s = subscriptions.get(i);
                if (!s.type().isInstance(e) || has.contains(i)) {
                    continue;
                }
                if (blocked.contains(i)) {
                    complete = false; // it failed on an earlier event of this stream: in order, after that one
                    continue;
                }
                try {
                    s.subscriber().accept(e);
                    has.add(i);
                } catch (RuntimeException failed) {
                    failedLastTime = true;
                    int n = failures.computeIfAbsent(eventId, k -> new java.util.HashMap<>()).merge(i, 1, Integer::sum);
                    String error = failed.getClass().getName() + ": " + failed.getMessage();
                    if (n >= maxAttempts) {
                        LOG.warn("{} event {} set aside for subscriber {} after {} failures: {}", name, eventId,
                                describe(i), n, error);
                        setAside.put(new SetAside(name, eventId, e, describe(i), n, error), new Pending(name, e, i));
                        has.add(i);
                    } else {
                        LOG.warn("{} event {}: subscriber {} failed (attempt {} of {}): {}", name, eventId, describe(i),
                                n, maxAttempts, error);
                        blocked.add(i);
                        complete = false;
                    }
                }
            }
            if (complete) {
                done.add(eventId);
                handed.remove(eventId);
                failures.remove(eventId);
            }
        }
        mark.accept(done);
        return done.size();
    }

    private String describe(int subscription) {
        return "#" + subscription + " (" + subscriptions.get(subscription).type().getSimpleName() + ")";
    }

    /** @return the events set aside for a subscriber after its attempts, oldest first */
    public synchronized List<SetAside> setAside() {
        return List.copyOf(setAside.keySet());
    }

    /**
     * Hands a set-aside event to its subscriber again (after it was fixed); on success it is no
     * longer set aside.
     *
     * @param entry an entry of {@link #setAside()}
     * @return whether the subscriber took it (false: it failed again, or the entry is unknown)
     */
    public synchronized boolean redeliver(SetAside entry) {
        Pending p = setAside.get(InvalidInputException.requireNonNull(entry, "entry"));
        if (p == null) {
            return false;
        }
        try {
            subscriptions.get(p.subscription()).subscriber().accept(p.event());
        } catch (RuntimeException failedAgain) {
            LOG.warn("{} event {}: subscriber {} failed again on redelivery: {}", p.stream(), entry.eventId(),
                    describe(p.subscription()), failedAgain.toString());
            return false;
        }
        setAside.remove(entry);
        return true;
    }

    /**
     * Gives a set-aside event up for its subscriber.
     *
     * @param entry an entry of {@link #setAside()}
     * @return whether it was set aside
     */
    public synchronized boolean drop(SetAside entry) {
        return setAside.remove(InvalidInputException.requireNonNull(entry, "entry")) != null;
    }

    /** Configures an {@link EventDelivery}. Not thread-safe; build once. */
    public static final class Builder {
        private final OrderStore orders;
        private InventoryStore inventory;
        private FulfillmentStore fulfillment;
        private ReturnStore returns;
        private final List<Subscription> subscriptions = new ArrayList<>();
        private int batchSize = 100;
        private int maxAttempts = 5;

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

        /**
         * @param value failures of one subscriber on one event after which the event is set aside
         *     for it, {@code > 0}
         * @return this builder
         */
        public Builder maxAttempts(int value) {
            if (value <= 0) {
                throw new InvalidInputException("maxAttempts", "must be positive (was " + value + ")");
            }
            this.maxAttempts = value;
            return this;
        }

        /** @return the delivery */
        public EventDelivery build() {
            return new EventDelivery(this);
        }
    }
}
