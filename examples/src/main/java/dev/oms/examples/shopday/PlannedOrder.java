package dev.oms.examples.shopday;

import dev.oms.spi.CustomerRef;
import dev.oms.spi.LocationId;
import dev.oms.spi.order.ServiceLevel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An order a customer will place during the day, as the simulation planned it.
 *
 * @param number its position in the day (1 = first)
 * @param story what happens to it
 * @param channel the channel it comes from
 * @param externalId the channel's order number
 * @param customer who orders
 * @param city where it goes (or where the customer lives, for pickup)
 * @param serviceLevel how it is delivered
 * @param pickupStore for pickup orders, the store
 * @param placedAt when it is placed
 * @param lines what is ordered
 * @param couponCode a coupon worth 10.00 EUR, if used
 */
record PlannedOrder(int number, Story story, Channel channel, String externalId, CustomerRef customer,
        Network.City city, ServiceLevel serviceLevel, Optional<LocationId> pickupStore, Instant placedAt,
        List<PlannedLine> lines, Optional<String> couponCode) {

    /**
     * @param store the pickup store, or empty for delivery
     * @param level the service level that goes with it
     * @return this order collected elsewhere, or delivered
     */
    PlannedOrder withPickupStore(Optional<LocationId> store, ServiceLevel level) {
        return new PlannedOrder(number, story, channel, externalId, customer, city, level, store, placedAt, lines,
                couponCode);
    }

    /** A line: a product and how many. */
    record PlannedLine(Catalogue.Product product, long quantity) {
    }

    /** Where orders come from, and how they reach oms. */
    enum Channel {
        /** The web shop: JSON documents through oms' channel import. */
        WEB("web", "W"),
        /** The shop's app: placed through the Java API. */
        APP("app", "A"),
        /** A marketplace: JSON documents through oms' channel import. */
        MARKETPLACE("marketplace", "M"),
        /** A store's point of sale: ordered at the till, collected later. */
        STORE("store", "S");

        final String id;
        final String prefix;

        Channel(String id, String prefix) {
            this.id = id;
            this.prefix = prefix;
        }
    }
}
