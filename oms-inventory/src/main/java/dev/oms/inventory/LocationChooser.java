package dev.oms.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import java.util.Comparator;
import java.util.Map;

/**
 * Picks the location that should hold stock for an order line. The fulfilment module's routing
 * engine is the full answer; these defaults cover a host without one.
 */
@FunctionalInterface
public interface LocationChooser {
    /**
     * @param order the order
     * @param line one of its lines
     * @return where to reserve the line
     */
    LocationId locationFor(Order order, OrderLine line);

    /**
     * @param location the one location (a single warehouse)
     * @return a chooser that always picks it
     */
    static LocationChooser fixed(LocationId location) {
        InvalidInputException.requireNonNull(location, "location");
        return (order, line) -> location;
    }

    /**
     * The location with the most available to promise for the line's SKU, ties to the smaller
     * location id, so the choice is deterministic.
     *
     * @param availability the inventory's availability
     * @return the chooser
     */
    static LocationChooser mostAvailable(Availability availability) {
        InvalidInputException.requireNonNull(availability, "availability");
        return (order, line) -> availability.byLocation(line.sku()).entrySet().stream()
                .max(Map.Entry.<LocationId, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey();
    }
}
