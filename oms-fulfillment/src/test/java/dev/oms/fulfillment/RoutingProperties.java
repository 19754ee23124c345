package dev.oms.fulfillment;

import static dev.oms.fulfillment.RoutingFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingPlan.Excluded;
import dev.oms.fulfillment.RoutingPlan.Shipment;
import dev.oms.fulfillment.RoutingPlan.Unrouted;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.fulfillment.RoutingRequest.RouteLine;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import dev.oms.spi.order.LineQuantity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of any plan over random networks, stock and requests. */
class RoutingProperties {
    private static final List<String> SKUS = List.of("A", "B", "C");

    /** A random network: locations, stock, and a request with some exclusions. */
    record Scenario(List<Location> locations, Stock stock, RoutingRequest request) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Location> location = Combinators.combine(Arbitraries.doubles().between(43, 55),
                Arbitraries.doubles().between(-1, 15), Arbitraries.subsetOf("DE", "FR").ofMinSize(1),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 9))
                .as((lat, lon, countries, priority, ships) -> Location.builder(LocationId.of("x"),
                        LocationType.WAREHOUSE, Coordinates.of(lat, lon), eur("5.00"))
                        .serves(countries.toArray(String[]::new)).priority(priority).ships(ships > 0).build());
        Arbitrary<List<Location>> network = location.list().ofMinSize(1).ofMaxSize(8).map(ls -> {
            List<Location> named = new ArrayList<>();
            for (int i = 0; i < ls.size(); i++) {
                Location l = ls.get(i);
                named.add(new Location(LocationId.of("loc-" + i), l.type(), l.coordinates(), l.countriesServed(),
                        l.ships(), l.offersPickup(), l.dailyOrderCapacity(), l.dailyUnitCapacity(), l.priority(),
                        l.costPerShipment(), l.tags(), l.handlingTime()));
            }
            return named;
        });
        Arbitrary<List<RouteLine>> lines = Combinators.combine(Arbitraries.of(SKUS), Arbitraries.longs().between(1, 6))
                .as((sku, qty) -> RouteLine.of("x", sku, qty, eur("10.00"))).list().ofMinSize(1).ofMaxSize(4).map(ls -> {
                    List<RouteLine> numbered = new ArrayList<>();
                    for (int i = 0; i < ls.size(); i++) {
                        RouteLine l = ls.get(i);
                        numbered.add(RouteLine.of(String.valueOf(i + 1), l.sku().value(), l.quantity().value(),
                                l.unitValue()));
                    }
                    return numbered;
                });
        return network.flatMap(locations -> Combinators.combine(
                Arbitraries.integers().between(0, 6).list().ofSize(locations.size() * SKUS.size()), lines,
                Arbitraries.of("DE", "FR"), Arbitraries.integers().between(0, 5).list().ofMaxSize(2))
                .as((units, ls, country, excluded) -> {
                    Stock stock = new Stock();
                    int k = 0;
                    for (Location l : locations) {
                        for (String sku : SKUS) {
                            stock.put(sku, l.id().value(), units.get(k++));
                        }
                    }
                    RoutingRequest request = RoutingRequest.delivery(Address.of(country, "1")
                            .withCoordinates(Coordinates.of(50, 8)), ls.toArray(RouteLine[]::new));
                    for (int e : excluded) {
                        request = request.excluding(LocationId.of("loc-" + e));
                    }
                    return new Scenario(locations, stock, request);
                }));
    }

    @Property(tries = 1000)
    void a_plan_respects_stock_routes_each_unit_once_avoids_excluded_locations_and_is_no_worse_than_greedy(
            @ForAll("scenarios") Scenario s) {
        RoutingPlan plan = Router.builder(s.locations(), s.stock()).build().route(s.request());

        // never more than a location's available stock, per SKU
        Map<String, Long> taken = new HashMap<>();
        Map<LineId, Sku> skuOf = new HashMap<>();
        s.request().lines().forEach(l -> skuOf.put(l.lineId(), l.sku()));
        for (Shipment shipment : plan.shipments()) {
            for (LineQuantity lq : shipment.lines()) {
                taken.merge(skuOf.get(lq.lineId()) + "@" + shipment.location(), lq.quantity().value(), Long::sum);
            }
        }
        taken.forEach((key, units) -> {
            String[] parts = key.split("@");
            assertThat(units).as("taken at " + key)
                    .isLessThanOrEqualTo(s.stock().available(Sku.of(parts[0]), LocationId.of(parts[1])));
        });

        // every line's quantity exactly once: routed plus unrouted equals requested
        for (RouteLine line : s.request().lines()) {
            long routed = plan.shipments().stream().flatMap(sh -> sh.lines().stream())
                    .filter(lq -> lq.lineId().equals(line.lineId())).mapToLong(lq -> lq.quantity().value()).sum();
            long unrouted = plan.unrouted().stream().filter(u -> u.lineId().equals(line.lineId()))
                    .mapToLong(u -> u.quantity().value()).sum();
            assertThat(routed + unrouted).as("line " + line.lineId()).isEqualTo(line.quantity().value());
        }

        // never an excluded location, and every location has exactly one verdict
        Set<LocationId> excluded = new HashSet<>();
        plan.explanation().stream().filter(Excluded.class::isInstance).forEach(v -> excluded.add(v.location()));
        assertThat(excluded).containsAll(s.request().excluded().stream()
                .filter(id -> s.locations().stream().anyMatch(l -> l.id().equals(id))).toList());
        assertThat(plan.shipments()).noneMatch(sh -> excluded.contains(sh.location()));
        assertThat(plan.explanation()).hasSize(s.locations().size());

        // no more shipments than a greedy baseline that covers everything
        int baseline = greedyShipments(s, excluded);
        if (baseline > 0) {
            assertThat(plan.complete()).as("the baseline covers everything, so the plan does").isTrue();
            assertThat(plan.shipments().size()).isLessThanOrEqualTo(baseline);
        }
        if (!plan.complete()) {
            assertThat(plan.unrouted()).extracting(Unrouted::reason).allMatch(r -> !r.isBlank());
        }
    }

    /** Repeatedly takes the allowed location that supplies the most still-needed units; 0 if it never covers everything. */
    private static int greedyShipments(Scenario s, Set<LocationId> excluded) {
        Map<String, Long> need = new HashMap<>();
        s.request().lines().forEach(l -> need.merge(l.sku().value(), l.quantity().value(), Long::sum));
        List<Location> left = new ArrayList<>(s.locations().stream().filter(l -> !excluded.contains(l.id())).toList());
        int shipments = 0;
        while (need.values().stream().anyMatch(n -> n > 0)) {
            Location best = null;
            long bestUnits = 0;
            for (Location l : left) {
                long units = 0;
                for (Map.Entry<String, Long> e : need.entrySet()) {
                    units += Math.min(e.getValue(), s.stock().available(Sku.of(e.getKey()), l.id()));
                }
                if (units > bestUnits) {
                    best = l;
                    bestUnits = units;
                }
            }
            if (best == null) {
                return 0;
            }
            for (Map.Entry<String, Long> e : need.entrySet()) {
                e.setValue(e.getValue() - Math.min(e.getValue(), s.stock().available(Sku.of(e.getKey()), best.id())));
            }
            left.remove(best);
            shipments++;
        }
        return shipments;
    }
}
