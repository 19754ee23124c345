package dev.oms.fulfillment;

import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import java.time.Duration;
import java.util.Collections;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.money.MonetaryAmount;

/**
 * A place that can fulfil orders, with what routing needs to know about it.
 *
 * @param id the location id
 * @param type warehouse, store or drop-ship supplier
 * @param coordinates where it is, for great-circle distance
 * @param countriesServed ISO 3166-1 alpha-2 codes it ships to
 * @param ships whether it ships parcels
 * @param offersPickup whether customers can collect there
 * @param dailyOrderCapacity most fulfilment orders per day, if limited
 * @param dailyUnitCapacity most units per day, if limited
 * @param priority lower goes first when distance ties (1 before 2)
 * @param costPerShipment what one shipment from here costs the merchant
 * @param tags capabilities, for example {@code "hazmat"}; kept sorted
 * @param handlingTime how long from an order reaching the location to the parcel leaving it
 *     (for ship-by deadlines)
 */
public record Location(LocationId id, LocationType type, Coordinates coordinates, Set<String> countriesServed,
        boolean ships, boolean offersPickup, OptionalLong dailyOrderCapacity, OptionalLong dailyUnitCapacity,
        int priority, MonetaryAmount costPerShipment, Set<String> tags, Duration handlingTime) {
    /** @throws InvalidInputException if a field is null, a capacity negative or a code blank */
    public Location {
        InvalidInputException.requireNonNull(id, "Location.id");
        InvalidInputException.requireNonNull(type, "Location.type");
        InvalidInputException.requireNonNull(coordinates, "Location.coordinates");
        countriesServed = sorted(countriesServed, "Location.countriesServed");
        InvalidInputException.requireNonNull(dailyOrderCapacity, "Location.dailyOrderCapacity");
        InvalidInputException.requireNonNull(dailyUnitCapacity, "Location.dailyUnitCapacity");
        if (dailyOrderCapacity.orElse(0) < 0 || dailyUnitCapacity.orElse(0) < 0) {
            throw new InvalidInputException("Location.capacity", "must not be negative");
        }
        InvalidInputException.requireNonNull(costPerShipment, "Location.costPerShipment");
        tags = sorted(tags, "Location.tags");
        InvalidInputException.requireNonNull(handlingTime, "Location.handlingTime");
        if (handlingTime.isNegative()) {
            throw new InvalidInputException("Location.handlingTime", "must not be negative (was " + handlingTime + ")");
        }
    }

    private static Set<String> sorted(Set<String> values, String field) {
        SortedSet<String> copy = new TreeSet<>();
        for (String value : InvalidInputException.requireNonNull(values, field)) {
            copy.add(InvalidInputException.requireCode(value, field));
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    /**
     * Starts a builder for a location that ships, without capacity limits, priority 100, tags or
     * pickup, with a handling time of 24 hours.
     *
     * @param id the id
     * @param type the type
     * @param coordinates where it is
     * @param costPerShipment what one shipment costs
     * @return a builder
     */
    public static Builder builder(LocationId id, LocationType type, Coordinates coordinates,
            MonetaryAmount costPerShipment) {
        return new Builder(id, type, coordinates, costPerShipment);
    }

    /** @return whether this location can ship to {@code country} */
    public boolean serves(String country) {
        return countriesServed.contains(country);
    }

    /** Builds a {@link Location}. Not thread-safe. */
    public static final class Builder {
        private final LocationId id;
        private final LocationType type;
        private final Coordinates coordinates;
        private final MonetaryAmount cost;
        private final Set<String> countries = new TreeSet<>();
        private boolean ships = true;
        private boolean pickup;
        private Long orders;
        private Long units;
        private int priority = 100;
        private final Set<String> tags = new TreeSet<>();
        private Duration handling = Duration.ofHours(24);

        private Builder(LocationId id, LocationType type, Coordinates coordinates, MonetaryAmount cost) {
            this.id = id;
            this.type = type;
            this.coordinates = coordinates;
            this.cost = cost;
        }

        /** @param codes countries it ships to @return this builder */
        public Builder serves(String... codes) {
            countries.addAll(Set.of(codes));
            return this;
        }

        /** @param value whether it ships @return this builder */
        public Builder ships(boolean value) {
            this.ships = value;
            return this;
        }

        /** @return this builder, offering pickup */
        public Builder offersPickup() {
            this.pickup = true;
            return this;
        }

        /** @param perDay most fulfilment orders a day @return this builder */
        public Builder orderCapacity(long perDay) {
            this.orders = perDay;
            return this;
        }

        /** @param perDay most units a day @return this builder */
        public Builder unitCapacity(long perDay) {
            this.units = perDay;
            return this;
        }

        /** @param value lower goes first @return this builder */
        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        /** @param values capabilities @return this builder */
        public Builder tags(String... values) {
            tags.addAll(Set.of(values));
            return this;
        }

        /** @param value time from receiving an order to the parcel leaving @return this builder */
        public Builder handlingTime(Duration value) {
            this.handling = value;
            return this;
        }

        /** @return the location */
        public Location build() {
            return new Location(id, type, coordinates, countries, ships, pickup,
                    orders == null ? OptionalLong.empty() : OptionalLong.of(orders),
                    units == null ? OptionalLong.empty() : OptionalLong.of(units), priority, cost, tags, handling);
        }
    }

    /** What kind of place a location is. */
    public enum LocationType {
        /** A distribution centre. */
        WAREHOUSE,
        /** A shop, which may ship and offer pickup. */
        STORE,
        /** A supplier that ships on the merchant's behalf. */
        DROP_SHIP_SUPPLIER
    }
}
