package dev.oms.fulfillment;

import dev.oms.fulfillment.RoutingRequest;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.ServiceLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which confirmed orders are routed and fulfilled: by service level (same day,
 * express, pickup, standard), then by ship-by deadline, then placement time, then id. The
 * ship-by deadline is the placement time plus the service level's promise; pass it to
 * {@link RoutingRequest#withShipBy} so an express order only goes to locations that can make it.
 * Immutable and thread-safe.
 */
public final class FulfillmentQueue {
    private static final List<ServiceLevel> URGENCY = List.of(ServiceLevel.SAME_DAY, ServiceLevel.EXPRESS,
            ServiceLevel.PICKUP_IN_STORE, ServiceLevel.STANDARD);

    private final Map<ServiceLevel, Duration> shipWithin;

    /**
     * A queue entry.
     *
     * @param orderId the order
     * @param serviceLevel its service level
     * @param shipBy its ship-by deadline
     * @param placedAt when it was placed
     */
    public record Entry(OrderId orderId, ServiceLevel serviceLevel, Instant shipBy, Instant placedAt) {
    }

    private FulfillmentQueue(Map<ServiceLevel, Duration> shipWithin) {
        this.shipWithin = new EnumMap<>(shipWithin);
    }

    /**
     * @param shipWithin how long after placement each service level must ship; every level needs one
     * @return the queue
     * @throws InvalidInputException if a level is missing or a duration negative
     */
    public static FulfillmentQueue of(Map<ServiceLevel, Duration> shipWithin) {
        InvalidInputException.requireNonNull(shipWithin, "shipWithin");
        for (ServiceLevel level : ServiceLevel.values()) {
            Duration d = shipWithin.get(level);
            if (d == null || d.isNegative()) {
                throw new InvalidInputException("shipWithin." + level, "needs a non-negative duration");
            }
        }
        return new FulfillmentQueue(shipWithin);
    }

    /** @return same day within 4 hours, express and pickup within 24 hours, standard within 72 hours */
    public static FulfillmentQueue standardPromises() {
        return of(Map.of(ServiceLevel.SAME_DAY, Duration.ofHours(4), ServiceLevel.EXPRESS, Duration.ofHours(24),
                ServiceLevel.PICKUP_IN_STORE, Duration.ofHours(24), ServiceLevel.STANDARD, Duration.ofHours(72)));
    }

    /**
     * @param order an order
     * @return when it must ship
     */
    public Instant shipBy(Order order) {
        return order.header().placedAt().plus(shipWithin.get(order.header().serviceLevel()));
    }

    /**
     * @param orders orders waiting for fulfilment
     * @return them in fulfilment order, most urgent first
     */
    public List<Entry> order(Collection<Order> orders) {
        return InvalidInputException.requireNonNull(orders, "orders").stream()
                .map(o -> new Entry(o.id(), o.header().serviceLevel(), shipBy(o), o.header().placedAt()))
                .sorted(Comparator.comparingInt((Entry e) -> URGENCY.indexOf(e.serviceLevel()))
                        .thenComparing(Entry::shipBy).thenComparing(Entry::placedAt).thenComparing(Entry::orderId))
                .toList();
    }
}
