package dev.oms.fulfillment;

import static dev.oms.fulfillment.RoutingFixtures.eur;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.Router.CapacityView;
import dev.oms.fulfillment.Router.SplitPolicy;
import dev.oms.fulfillment.Router.StockView;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.fulfillment.RoutingRequest.RouteLine;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.order.ServiceLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The router's search works on primitive arrays; it must plan exactly as the straightforward
 * version it replaced ({@link ReferenceRouter}) did: the same shipments, lines in the same order,
 * the same unrouted units and reasons, the same verdict for every location. Random networks with
 * groups, required tags, shared SKUs, unit capacities, exclusions, routing safety stock, minimum
 * shipment values, both split policies, every search limit, and above it a search budget of 0
 * (greedy alone) or unlimited (every combination smaller than greedy's, which the router's bounds
 * must never wrongly skip).
 */
class RouterEquivalenceProperties {
    private static final String[] SKUS = {"A", "B", "C", "D"};
    private static final String[] TAGS = {"hazmat", "cold"};

    @Property(tries = 3000)
    void the_array_based_search_plans_exactly_as_the_reference(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Location> locations = new ArrayList<>();
        Map<String, Long> units = new HashMap<>();
        Map<LocationId, Long> unitsLeft = new HashMap<>();
        int count = 1 + r.nextInt(16);
        for (int i = 0; i < count; i++) {
            LocationId id = LocationId.of("loc-" + i);
            Set<String> tags = r.nextInt(3) == 0 ? Set.of(TAGS[r.nextInt(2)]) : Set.of();
            OptionalLong unitCap = r.nextInt(4) == 0 ? OptionalLong.of(5) : OptionalLong.empty();
            locations.add(new Location(id, LocationType.WAREHOUSE, Coordinates.of(45 + r.nextDouble() * 10,
                    r.nextDouble() * 15), r.nextInt(6) == 0 ? Set.of("FR") : Set.of("DE", "FR"), r.nextInt(8) > 0, false,
                    OptionalLong.empty(), unitCap, 1 + r.nextInt(3), eur(String.valueOf(3 + r.nextInt(4))), tags,
                    Duration.ofHours(2)));
            unitsLeft.put(id, (long) r.nextInt(8));
            for (String sku : SKUS) {
                units.put(sku + "@" + id.value(), r.nextInt(3) == 0 ? 0L : (long) r.nextInt(7));
            }
        }
        List<RouteLine> lines = new ArrayList<>();
        int lineCount = 1 + r.nextInt(6);
        for (int i = 0; i < lineCount; i++) {
            Optional<String> group = r.nextInt(4) == 0 ? Optional.of("g" + r.nextInt(2)) : Optional.empty();
            Set<String> required = r.nextInt(5) == 0 ? Set.of(TAGS[r.nextInt(2)]) : Set.of();
            lines.add(new RouteLine(dev.oms.spi.LineId.of(String.valueOf(i + 1)), Sku.of(SKUS[r.nextInt(SKUS.length)]),
                    Quantity.of(1 + r.nextInt(6)), eur(String.valueOf(1 + r.nextInt(30)) + ".00"), group, required));
        }
        Address to = r.nextInt(8) == 0 ? Address.of("DE", "1")
                : Address.of("DE", "1").withCoordinates(Coordinates.of(50, 8));
        java.util.Set<LocationId> excluded = r.nextInt(3) == 0 ? Set.of(LocationId.of("loc-" + r.nextInt(count)))
                : Set.of();
        RoutingRequest request = new RoutingRequest(to, ServiceLevel.STANDARD, Optional.empty(), lines, excluded,
                Quantity.of(r.nextInt(3) == 0 ? 1 : 0),
                r.nextInt(4) == 0 ? Optional.of(eur(String.valueOf(5 + r.nextInt(40)) + ".00")) : Optional.empty(),
                r.nextInt(5) == 0 ? SplitPolicy.NEVER : SplitPolicy.WHEN_NEEDED, Optional.empty());
        StockView stock = (sku, location) -> units.getOrDefault(sku.value() + "@" + location.value(), 0L);
        CapacityView capacity = new CapacityView() {
            @Override
            public long ordersLeft(LocationId location) {
                return Long.MAX_VALUE;
            }

            @Override
            public long unitsLeft(LocationId location) {
                return unitsLeft.get(location);
            }
        };
        int limit = 1 + r.nextInt(12);
        boolean searchBelowGreedy = r.nextBoolean();

        Router router = Router.builder(locations, stock).capacity(capacity).exactSearchLimit(limit)
                .searchBudget(searchBelowGreedy ? Long.MAX_VALUE : 0).build();
        RoutingPlan expected = new ReferenceRouter(router, stock, capacity, limit, searchBelowGreedy).route(request);
        RoutingPlan actual = router.route(request);
        assertThat(actual).isEqualTo(expected);
    }
}
