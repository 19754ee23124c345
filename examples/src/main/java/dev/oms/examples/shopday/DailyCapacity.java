package dev.oms.examples.shopday;

import dev.oms.core.OrderService.OrderEventListener;
import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Router.CapacityView;
import dev.oms.spi.LocationId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.QuantitiesAllocated;
import dev.oms.spi.order.Order;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The host's count of fulfilment orders each location took today, which routing reads to keep
 * stores within their daily capacity (oms only reads it; counting is the host's, as the CapacityView
 * contract says). It counts from the orders' changes: every fulfilment order the flow creates
 * allocates its units to its location first (one {@link QuantitiesAllocated} event). A new day
 * starts at midnight UTC on the injected clock. Thread-safe.
 */
final class DailyCapacity implements CapacityView, OrderEventListener {
    private final Map<LocationId, Location> locations;
    private final Clock clock;
    private final Map<String, Long> used = new ConcurrentHashMap<>();

    DailyCapacity(List<Location> locations, Clock clock) {
        this.locations = locations.stream().collect(Collectors.toMap(Location::id, Function.identity()));
        this.clock = clock;
    }

    @Override
    public void onChange(Order order, List<OrderEvent> events) {
        for (OrderEvent e : events) {
            if (e instanceof QuantitiesAllocated allocated) {
                used.merge(key(allocated.location(), allocated.occurredAt()), 1L, Long::sum);
            }
        }
    }

    @Override
    public long ordersLeft(LocationId location) {
        Location l = locations.get(location);
        if (l == null || l.dailyOrderCapacity().isEmpty()) {
            return Long.MAX_VALUE;
        }
        return l.dailyOrderCapacity().getAsLong() - used.getOrDefault(key(location, clock.instant()), 0L);
    }

    @Override
    public long unitsLeft(LocationId location) {
        return Long.MAX_VALUE;
    }

    private static String key(LocationId location, Instant at) {
        return location.value() + "@" + LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
