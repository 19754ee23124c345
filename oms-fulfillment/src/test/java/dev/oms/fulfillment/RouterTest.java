package dev.oms.fulfillment;

import static dev.oms.fulfillment.RoutingFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.Router.CapacityView;
import dev.oms.fulfillment.Router.LocationRanking;
import dev.oms.fulfillment.Router.RoutingRule;
import dev.oms.fulfillment.Router.SplitPolicy;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingPlan.Excluded;
import dev.oms.fulfillment.RoutingPlan.Ranked;
import dev.oms.fulfillment.RoutingPlan.Shipment;
import dev.oms.fulfillment.RoutingPlan.Verdict;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.fulfillment.RoutingRequest.RouteLine;
import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.order.LineQuantity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Routing on named scenarios. */
class RouterTest {
    private final Location berlin = warehouse("wh-berlin", BERLIN, "DE");
    private final Location hamburg = warehouse("wh-hamburg", HAMBURG, "DE");
    private final Location munich = warehouse("wh-munich", MUNICH, "DE", "FR");
    private final Location paris = warehouse("wh-paris", PARIS, "FR");
    private final List<Location> all = List.of(berlin, hamburg, munich, paris);

    private static Verdict verdict(RoutingPlan plan, String location) {
        return plan.explanation().stream().filter(v -> v.location().value().equals(location)).findFirst().orElseThrow();
    }

    /** The same capacity left at every location. */
    private static CapacityView capacityLeft(long orders, long units) {
        return new CapacityView() {
            @Override
            public long ordersLeft(LocationId location) {
                return orders;
            }

            @Override
            public long unitsLeft(LocationId location) {
                return units;
            }
        };
    }

    private static List<String> used(RoutingPlan plan) {
        return plan.shipments().stream().map(s -> s.location().value()).toList();
    }

    @Test
    void the_nearest_location_with_full_stock_wins() {
        Stock stock = new Stock().put("A", "wh-berlin", 5).put("A", "wh-hamburg", 5).put("A", "wh-munich", 5);
        RoutingPlan plan = Router.builder(all, stock).build().route(RoutingRequest.delivery(TO_POTSDAM,
                RouteLine.of("1", "A", 2, eur("10.00"))));
        assertThat(used(plan)).containsExactly("wh-berlin");
        assertThat(plan.complete()).isTrue();
        assertThat(verdict(plan, "wh-berlin")).isInstanceOfSatisfying(Ranked.class, r -> assertThat(r.rank()).isEqualTo(1));
        assertThat(((Ranked) verdict(plan, "wh-hamburg")).distanceKm())
                .isGreaterThan(((Ranked) verdict(plan, "wh-berlin")).distanceKm());
    }

    @Test
    void one_farther_location_with_everything_beats_two_nearer_ones() {
        Stock stock = new Stock().put("A", "wh-berlin", 5).put("B", "wh-hamburg", 5).put("A", "wh-munich", 5)
                .put("B", "wh-munich", 5);
        RoutingPlan plan = Router.builder(all, stock).build().route(RoutingRequest.delivery(TO_POTSDAM,
                RouteLine.of("1", "A", 1, eur("10.00")), RouteLine.of("2", "B", 1, eur("10.00"))));
        assertThat(used(plan)).containsExactly("wh-munich");
    }

    @Test
    void a_split_only_when_no_single_location_has_everything_and_then_the_fewest_locations() {
        Stock stock = new Stock().put("A", "wh-berlin", 3).put("B", "wh-hamburg", 3).put("A", "wh-munich", 1)
                .put("B", "wh-munich", 1);
        RoutingPlan plan = Router.builder(all, stock).build().route(RoutingRequest.delivery(TO_POTSDAM,
                RouteLine.of("1", "A", 2, eur("10.00")), RouteLine.of("2", "B", 2, eur("10.00"))));
        assertThat(used(plan)).containsExactly("wh-berlin", "wh-hamburg");
        assertThat(plan.shipments()).flatExtracting(Shipment::lines).containsExactly(LineQuantity.of("1", 2),
                LineQuantity.of("2", 2));
    }

    @Test
    void a_location_at_capacity_or_in_the_wrong_country_is_excluded_with_the_reason() {
        Location full = Location.builder(LocationId.of("wh-full"), LocationType.WAREHOUSE, BERLIN, eur("1.00"))
                .serves("DE").orderCapacity(100).build();
        CapacityView none = capacityLeft(0, 10);
        Stock stock = new Stock().put("A", "wh-full", 9).put("A", "wh-paris", 9).put("A", "wh-hamburg", 9);
        RoutingPlan plan = Router.builder(List.of(full, paris, hamburg), stock).capacity(none).build()
                .route(RoutingRequest.delivery(TO_POTSDAM, RouteLine.of("1", "A", 1, eur("10.00"))));
        assertThat(used(plan)).containsExactly("wh-hamburg");
        assertThat(verdict(plan, "wh-full")).isEqualTo(new Excluded(LocationId.of("wh-full"), "capacity",
                "no fulfilment orders left today"));
        assertThat(verdict(plan, "wh-paris")).isEqualTo(new Excluded(LocationId.of("wh-paris"), "serves-country",
                "does not ship to DE"));
    }

    @Test
    void pickup_orders_go_only_to_their_pickup_store() {
        Location store = Location.builder(LocationId.of("store-berlin"), LocationType.STORE, BERLIN, eur("0.00"))
                .serves("DE").offersPickup().build();
        Location shop = Location.builder(LocationId.of("store-hamburg"), LocationType.STORE, HAMBURG, eur("0.00"))
                .serves("DE").build();
        Stock stock = new Stock().put("A", "store-berlin", 1).put("A", "wh-berlin", 9).put("A", "store-hamburg", 9);
        Router router = Router.builder(List.of(store, shop, berlin), stock).build();
        RoutingPlan plan = router.route(RoutingRequest.delivery(TO_POTSDAM, RouteLine.of("1", "A", 1, eur("10.00")))
                .pickupAt(LocationId.of("store-berlin")));
        assertThat(used(plan)).containsExactly("store-berlin");
        assertThat(((Excluded) verdict(plan, "wh-berlin")).rule()).isEqualTo("pickup-location");
        RoutingPlan notPickup = router.route(RoutingRequest.delivery(TO_POTSDAM, RouteLine.of("1", "A", 1,
                eur("10.00"))).pickupAt(LocationId.of("store-hamburg")));
        assertThat(notPickup.shipments()).isEmpty();
        assertThat(((Excluded) verdict(notPickup, "store-hamburg")).rule()).isEqualTo("offers-pickup");
        assertThat(notPickup.unrouted()).singleElement().satisfies(u -> assertThat(u.quantity()).isEqualTo(Quantity.of(1)));
    }

    @Test
    void ties_are_broken_by_location_id_so_the_result_is_deterministic() {
        Location b = warehouse("wh-b", BERLIN, "DE");
        Location a = warehouse("wh-a", BERLIN, "DE");
        Stock stock = new Stock().put("A", "wh-a", 5).put("A", "wh-b", 5);
        for (int i = 0; i < 5; i++) {
            List<Location> order = i % 2 == 0 ? List.of(a, b) : List.of(b, a);
            RoutingPlan plan = Router.builder(order, stock).build().route(RoutingRequest.delivery(TO_POTSDAM,
                    RouteLine.of("1", "A", 1, eur("10.00"))));
            assertThat(used(plan)).containsExactly("wh-a");
        }
    }

    @Test
    void a_host_rule_vetoes_a_location() {
        Stock stock = new Stock().put("A", "wh-berlin", 5).put("A", "wh-hamburg", 5);
        RoutingRule stocktaking = new RoutingRule() {
            @Override
            public String name() {
                return "closed-for-stocktaking";
            }

            @Override
            public Optional<String> veto(Location location, RoutingRequest request) {
                return location.id().value().equals("wh-berlin") ? Optional.of("stocktaking until 18:00")
                        : Optional.empty();
            }
        };
        RoutingPlan plan = Router.builder(all, stock).rule(stocktaking).build().route(RoutingRequest.delivery(TO_POTSDAM,
                RouteLine.of("1", "A", 1, eur("10.00"))));
        assertThat(used(plan)).containsExactly("wh-hamburg");
        assertThat(verdict(plan, "wh-berlin")).isEqualTo(new Excluded(LocationId.of("wh-berlin"),
                "closed-for-stocktaking", "stocktaking until 18:00"));
    }

    @Test
    void groups_stay_together_and_tags_and_routing_safety_stock_limit_what_a_location_can_take() {
        Location hazmat = Location.builder(LocationId.of("wh-hazmat"), LocationType.WAREHOUSE, MUNICH, eur("9.00"))
                .serves("DE").tags("hazmat").build();
        Stock stock = new Stock().put("A", "wh-berlin", 2).put("B", "wh-berlin", 1).put("A", "wh-hazmat", 2)
                .put("B", "wh-hazmat", 2).put("C", "wh-berlin", 5).put("C", "wh-hazmat", 5);
        Router router = Router.builder(List.of(berlin, hazmat), stock).build();
        RoutingPlan grouped = router.route(RoutingRequest.delivery(TO_POTSDAM,
                RouteLine.of("1", "A", 2, eur("10.00")).inGroup("bundle"),
                RouteLine.of("2", "B", 2, eur("10.00")).inGroup("bundle")));
        assertThat(used(grouped)).containsExactly("wh-hazmat");
        RoutingPlan tagged = router.route(RoutingRequest.delivery(TO_POTSDAM,
                RouteLine.of("1", "C", 2, eur("10.00")).requiring("hazmat")));
        assertThat(used(tagged)).containsExactly("wh-hazmat");
        // Routing safety stock 4 leaves 1 usable unit at each location: 2 need a split, 3 cannot be routed.
        RoutingPlan safety = router.route(RoutingRequest.delivery(TO_POTSDAM, RouteLine.of("1", "C", 2,
                eur("10.00"))).withRoutingSafetyStock(Quantity.of(4)));
        assertThat(safety.shipments()).flatExtracting(Shipment::lines).containsExactly(LineQuantity.of("1", 1),
                LineQuantity.of("1", 1));
        RoutingPlan short3 = router.route(RoutingRequest.delivery(TO_POTSDAM, RouteLine.of("1", "C", 3,
                eur("10.00"))).withRoutingSafetyStock(Quantity.of(4)));
        assertThat(short3.unrouted()).singleElement().satisfies(u -> assertThat(u.quantity()).isEqualTo(Quantity.of(1)));
    }

    @Test
    void no_split_below_the_minimum_shipment_value_and_none_at_all_when_splitting_is_not_allowed() {
        Stock stock = new Stock().put("A", "wh-berlin", 1).put("B", "wh-hamburg", 1);
        Router router = Router.builder(all, stock).build();
        RoutingRequest request = RoutingRequest.delivery(TO_POTSDAM, RouteLine.of("1", "A", 1, eur("50.00")),
                RouteLine.of("2", "B", 1, eur("4.00")));
        assertThat(used(router.route(request))).containsExactly("wh-berlin", "wh-hamburg");
        RoutingPlan minimum = router.route(request.withMinimumShipmentValue(eur("5.00")));
        assertThat(used(minimum)).containsExactly("wh-berlin");
        assertThat(minimum.unrouted()).singleElement().satisfies(u -> assertThat(u.reason()).contains("minimum"));
        RoutingPlan never = router.route(request.withSplitPolicy(SplitPolicy.NEVER));
        assertThat(used(never)).containsExactly("wh-berlin");
        assertThat(never.unrouted()).singleElement().satisfies(u -> assertThat(u.reason()).contains("splitting"));
    }

    @Test
    void stock_of_one_sku_is_shared_by_the_lines_that_ask_for_it() {
        Stock stock = new Stock().put("A", "wh-berlin", 3).put("A", "wh-hamburg", 3);
        RoutingPlan plan = Router.builder(all, stock).build().route(RoutingRequest.delivery(TO_POTSDAM,
                RouteLine.of("1", "A", 2, eur("10.00")), RouteLine.of("2", "A", 2, eur("10.00"))));
        assertThat(plan.complete()).isTrue();
        assertThat(plan.shipments()).hasSize(2);
        assertThat(plan.shipments().get(0).units()).isEqualTo(3);
    }

    @Test
    void rankings_can_be_replaced_and_mixed_currencies_are_refused() {
        Location cheapFar = Location.builder(LocationId.of("wh-cheap"), LocationType.WAREHOUSE, MUNICH, eur("1.00"))
                .serves("DE").build();
        Stock stock = new Stock().put("A", "wh-cheap", 5).put("A", "wh-berlin", 5);
        RoutingPlan byCost = Router.builder(List.of(berlin, cheapFar), stock)
                .rankings(LocationRanking.cost(), LocationRanking.distance()).build()
                .route(RoutingRequest.delivery(TO_POTSDAM, RouteLine.of("1", "A", 1, eur("10.00"))));
        assertThat(used(byCost)).containsExactly("wh-cheap");
        assertThatThrownBy(() -> RoutingRequest.delivery(TO_POTSDAM, RouteLine.of("1", "A", 1, eur("1.00")),
                RouteLine.of("2", "B", 1, Amounts.of("1.00", "USD")))).isInstanceOf(CurrencyMismatchException.class);
    }

    /**
     * Greedy takes the location with the most first (Berlin: 4 of 6 units), then needs two more;
     * Hamburg and Munich together have everything. With 14 candidates the router is above its
     * exact-search limit, and its search below greedy's answer finds the pair; with a budget of
     * 0 it keeps greedy's three.
     */
    @Test
    void above_the_exact_search_limit_a_split_smaller_than_greedys_is_found_within_the_budget() {
        Stock stock = new Stock().put("A", "wh-berlin", 2).put("B", "wh-berlin", 1).put("C", "wh-berlin", 1)
                .put("A", "wh-hamburg", 2).put("B", "wh-hamburg", 2).put("C", "wh-munich", 2);
        List<Location> network = new java.util.ArrayList<>(List.of(berlin, hamburg, munich));
        for (int i = 0; i < 11; i++) {
            String id = "wh-filler-" + i;
            network.add(warehouse(id, PARIS, "DE"));
            stock.put("A", id, 1);
        }
        RoutingRequest request = RoutingRequest.delivery(TO_POTSDAM, RouteLine.of("1", "A", 2, eur("10.00")),
                RouteLine.of("2", "B", 2, eur("10.00")), RouteLine.of("3", "C", 2, eur("10.00")));
        RoutingPlan searched = Router.builder(network, stock).build().route(request);
        assertThat(searched.complete()).isTrue();
        assertThat(used(searched)).containsExactly("wh-hamburg", "wh-munich");
        RoutingPlan greedyAlone = Router.builder(network, stock).searchBudget(0).build().route(request);
        assertThat(greedyAlone.complete()).isTrue();
        assertThat(used(greedyAlone)).hasSize(3).startsWith("wh-berlin");
        assertThat(searched.explanation().stream().filter(v -> v instanceof Ranked)).hasSize(14);
    }

    @Test
    void a_negative_search_budget_or_exact_search_limit_is_refused_naming_it() {
        assertThatThrownBy(() -> Router.builder(all, new Stock()).searchBudget(-1))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class).hasMessageContaining("searchBudget");
        assertThatThrownBy(() -> Router.builder(all, new Stock()).exactSearchLimit(0))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class).hasMessageContaining("exactSearchLimit");
    }

    /**
     * Berlin can take 5 more units today and is the only one with B; filled in order, lines 1 and 2
     * use its capacity up on A, which Hamburg also has, and B is left. The second fill serves the
     * scarce line first and takes A from the location without a limit first, so the pair ships
     * everything.
     */
    @Test
    void a_location_s_scarce_capacity_is_kept_for_the_line_only_it_can_serve() {
        Location limited = Location.builder(LocationId.of("wh-berlin"), LocationType.WAREHOUSE, BERLIN, eur("5.00"))
                .serves("DE").unitCapacity(500).build();
        Stock stock = new Stock().put("A", "wh-berlin", 5).put("B", "wh-berlin", 2).put("A", "wh-hamburg", 5);
        CapacityView fiveLeft = capacityLeft(100, 5);
        RoutingPlan plan = Router.builder(List.of(limited, hamburg), stock).capacity(fiveLeft).build()
                .route(RoutingRequest.delivery(TO_POTSDAM, RouteLine.of("1", "A", 2, eur("10.00")),
                        RouteLine.of("2", "A", 4, eur("10.00")), RouteLine.of("3", "B", 1, eur("10.00")),
                        RouteLine.of("4", "A", 3, eur("10.00"))));
        assertThat(plan.complete()).isTrue();
        assertThat(used(plan)).containsExactly("wh-berlin", "wh-hamburg");
        assertThat(plan.shipments().get(0).units()).isEqualTo(5);
        assertThat(plan.shipments().get(0).lines()).contains(LineQuantity.of("3", 1));
    }

    /**
     * Berlin can take two units and is the only one with B and D; Hamburg has A, Munich C. The
     * only complete split (B and D from Berlin, A from Hamburg, C from Munich) ships A alone from
     * Hamburg, worth less than the minimum, so it is not taken; the plan is then never less than
     * greedy's coverage (A and B from Berlin, C from Munich: three units, each shipment above the
     * minimum), not just the best single location's two units.
     */
    @Test
    void a_complete_split_below_the_minimum_never_routes_less_than_greedy_would() {
        Location limited = Location.builder(LocationId.of("wh-berlin"), LocationType.WAREHOUSE, BERLIN, eur("5.00"))
                .serves("DE").unitCapacity(500).build();
        Stock stock = new Stock().put("A", "wh-berlin", 1).put("B", "wh-berlin", 1).put("D", "wh-berlin", 1)
                .put("A", "wh-hamburg", 1).put("C", "wh-munich", 1);
        RoutingRequest request = RoutingRequest.delivery(TO_POTSDAM, RouteLine.of("1", "A", 1, eur("10.00")),
                RouteLine.of("2", "B", 1, eur("100.00")), RouteLine.of("3", "D", 1, eur("100.00")),
                RouteLine.of("4", "C", 1, eur("60.00"))).withMinimumShipmentValue(eur("50.00"));
        for (int limit : new int[] {2, 12}) {
            RoutingPlan plan = Router.builder(List.of(limited, hamburg, munich), stock).capacity(capacityLeft(100, 2))
                    .exactSearchLimit(limit).build().route(request);
            assertThat(plan.shipments().stream().mapToLong(Shipment::units).sum()).as("limit " + limit).isEqualTo(3);
            assertThat(used(plan)).containsExactly("wh-berlin", "wh-munich");
            assertThat(plan.unrouted()).singleElement().satisfies(u -> {
                assertThat(u.lineId().value()).isEqualTo("3");
                assertThat(u.reason()).contains("minimum");
            });
        }
    }
}
