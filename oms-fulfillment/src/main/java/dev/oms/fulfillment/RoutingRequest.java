package dev.oms.fulfillment;

import dev.oms.fulfillment.Router.SplitPolicy;
import dev.oms.spi.Address;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.ServiceLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.money.MonetaryAmount;

/**
 * What to route and under which constraints.
 *
 * @param destination where the parcel goes (country for the country filter, coordinates for distance)
 * @param serviceLevel the order's service level
 * @param pickupLocation for pickup orders, the store the customer collects from
 * @param lines the lines to route; line ids are unique
 * @param excluded locations not to use (for example after a failed pick)
 * @param routingSafetyStock units per position that routing leaves alone, on top of the
 *     inventory safety stock
 * @param minimumShipmentValue a split is not made if it creates a shipment worth less
 * @param splitPolicy whether the order may be split
 * @param shipBy the deadline to ship by; locations that cannot ship by then are excluded
 */
public record RoutingRequest(Address destination, ServiceLevel serviceLevel, Optional<LocationId> pickupLocation,
        List<RouteLine> lines, Set<LocationId> excluded, Quantity routingSafetyStock,
        Optional<MonetaryAmount> minimumShipmentValue, SplitPolicy splitPolicy, Optional<Instant> shipBy) {
    /**
     * @throws InvalidInputException if a field is null, there are no lines or a line id repeats
     * @throws dev.oms.spi.InvalidInputException.CurrencyMismatchException if the values are in different currencies
     */
    public RoutingRequest {
        InvalidInputException.requireNonNull(destination, "RoutingRequest.destination");
        InvalidInputException.requireNonNull(serviceLevel, "RoutingRequest.serviceLevel");
        InvalidInputException.requireNonNull(pickupLocation, "RoutingRequest.pickupLocation");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "RoutingRequest.lines"));
        if (lines.isEmpty()) {
            throw new InvalidInputException("RoutingRequest.lines", "at least one line");
        }
        Set<LineId> ids = new HashSet<>();
        for (RouteLine line : lines) {
            if (!ids.add(line.lineId())) {
                throw new InvalidInputException("RoutingRequest.lines", "line " + line.lineId() + " appears twice");
            }
        }
        excluded = Collections.unmodifiableSet(new TreeSet<>(
                InvalidInputException.requireNonNull(excluded, "RoutingRequest.excluded")));
        InvalidInputException.requireNonNull(routingSafetyStock, "RoutingRequest.routingSafetyStock");
        InvalidInputException.requireNonNull(minimumShipmentValue, "RoutingRequest.minimumShipmentValue");
        InvalidInputException.requireNonNull(splitPolicy, "RoutingRequest.splitPolicy");
        InvalidInputException.requireNonNull(shipBy, "RoutingRequest.shipBy");
        javax.money.CurrencyUnit currency = lines.get(0).unitValue().getCurrency();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).unitValue().getCurrency().equals(currency)) {
                throw new dev.oms.spi.InvalidInputException.CurrencyMismatchException("RoutingRequest.lines[" + i
                        + "].unitValue", currency,
                        lines.get(i).unitValue().getCurrency());
            }
        }
        if (minimumShipmentValue.isPresent() && !minimumShipmentValue.get().getCurrency().equals(currency)) {
            throw new InvalidInputException.CurrencyMismatchException("RoutingRequest.minimumShipmentValue", currency,
                    minimumShipmentValue.get().getCurrency());
        }
        if (serviceLevel == ServiceLevel.PICKUP_IN_STORE && pickupLocation.isEmpty()) {
            throw new InvalidInputException("RoutingRequest.pickupLocation", "a pickup order names its store");
        }
    }

    /**
     * Routes the unallocated units of an order: to its shipping address, or to its pickup store.
     * Unit values are the unit price after the line discount.
     *
     * @param order the order
     * @return the request, splitting when needed, no exclusions, no routing safety stock
     * @throws InvalidInputException if nothing is unallocated
     */
    public static RoutingRequest forOrder(Order order) {
        InvalidInputException.requireNonNull(order, "order");
        List<RouteLine> lines = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            Quantity open = line.quantities().unallocated();
            if (open.isPositive()) {
                lines.add(new RouteLine(line.id(), line.sku(), open, line.unitPrice().subtract(line.unitDiscount()),
                        Optional.empty(), Set.of()));
            }
        }
        return new RoutingRequest(order.header().shippingAddress(), order.header().serviceLevel(),
                order.header().pickupLocation(), lines, Set.of(), Quantity.ZERO, Optional.empty(),
                SplitPolicy.WHEN_NEEDED, Optional.empty());
    }

    /**
     * A standard delivery request for the given lines.
     *
     * @param destination where to
     * @param lines what
     * @return the request
     */
    public static RoutingRequest delivery(Address destination, RouteLine... lines) {
        return new RoutingRequest(destination, ServiceLevel.STANDARD, Optional.empty(), List.of(lines), Set.of(),
                Quantity.ZERO, Optional.empty(), SplitPolicy.WHEN_NEEDED, Optional.empty());
    }

    /** @return this request never splitting */
    public RoutingRequest withSplitPolicy(SplitPolicy policy) {
        return new RoutingRequest(destination, serviceLevel, pickupLocation, lines, excluded, routingSafetyStock,
                minimumShipmentValue, policy, shipBy);
    }

    /** @return this request without the given locations */
    public RoutingRequest excluding(LocationId... locations) {
        Set<LocationId> next = new TreeSet<>(excluded);
        next.addAll(Set.of(locations));
        return new RoutingRequest(destination, serviceLevel, pickupLocation, lines, next, routingSafetyStock,
                minimumShipmentValue, splitPolicy, shipBy);
    }

    /** @return this request leaving {@code units} per position to other channels */
    public RoutingRequest withRoutingSafetyStock(Quantity units) {
        return new RoutingRequest(destination, serviceLevel, pickupLocation, lines, excluded, units,
                minimumShipmentValue, splitPolicy, shipBy);
    }

    /** @return this request refusing splits that create shipments worth less than {@code value} */
    public RoutingRequest withMinimumShipmentValue(MonetaryAmount value) {
        return new RoutingRequest(destination, serviceLevel, pickupLocation, lines, excluded, routingSafetyStock,
                Optional.of(value), splitPolicy, shipBy);
    }

    /** @return this request as a pickup at {@code store} */
    public RoutingRequest pickupAt(LocationId store) {
        return new RoutingRequest(destination, ServiceLevel.PICKUP_IN_STORE, Optional.of(store), lines, excluded,
                routingSafetyStock, minimumShipmentValue, splitPolicy, shipBy);
    }

    /** @return this request limited to locations that can ship by {@code deadline} */
    public RoutingRequest withShipBy(Instant deadline) {
        return new RoutingRequest(destination, serviceLevel, pickupLocation, lines, excluded, routingSafetyStock,
                minimumShipmentValue, splitPolicy, Optional.of(InvalidInputException.requireNonNull(deadline, "deadline")));
    }

    /**
     * One line to route.
     *
     * @param lineId the order line
     * @param sku the SKU
     * @param quantity units to route, {@code > 0}
     * @param unitValue what one unit is worth (for the minimum shipment value)
     * @param group lines with the same group are fulfilled from one location, all or none
     * @param requiredTags capabilities a location needs to take this line (for example {@code "hazmat"})
     */
    public record RouteLine(LineId lineId, Sku sku, Quantity quantity, MonetaryAmount unitValue, Optional<String> group,
            Set<String> requiredTags) {
        /** @throws InvalidInputException if a field is null or the quantity zero */
        public RouteLine {
            InvalidInputException.requireNonNull(lineId, "RouteLine.lineId");
            InvalidInputException.requireNonNull(sku, "RouteLine.sku");
            Quantity.requirePositive(quantity, "RouteLine.quantity");
            InvalidInputException.requireNonNull(unitValue, "RouteLine.unitValue");
            InvalidInputException.requireNonNull(group, "RouteLine.group");
            requiredTags = Collections.unmodifiableSet(new TreeSet<>(
                    InvalidInputException.requireNonNull(requiredTags, "RouteLine.requiredTags")));
        }

        /**
         * A line without group or tag requirements.
         *
         * @param lineId the line
         * @param sku the SKU
         * @param quantity units
         * @param unitValue value of one unit
         * @return the line
         */
        public static RouteLine of(String lineId, String sku, long quantity, MonetaryAmount unitValue) {
            return new RouteLine(LineId.of(lineId), Sku.of(sku), Quantity.positive(quantity, "RouteLine.quantity"),
                    unitValue, Optional.empty(), Set.of());
        }

        /** @return this line kept together with the other lines of {@code name} */
        public RouteLine inGroup(String name) {
            return new RouteLine(lineId, sku, quantity, unitValue, Optional.of(InvalidInputException.requireCode(name,
                    "group")), requiredTags);
        }

        /** @return this line requiring the given location tags */
        public RouteLine requiring(String... tags) {
            return new RouteLine(lineId, sku, quantity, unitValue, group, Set.of(tags));
        }
    }
}
