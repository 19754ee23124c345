package dev.oms.fulfillment;

import dev.oms.fulfillment.Router.LocationRanking.Candidate;
import dev.oms.fulfillment.Router.SplitPolicy;
import dev.oms.fulfillment.RoutingPlan.Excluded;
import dev.oms.fulfillment.RoutingPlan.Ranked;
import dev.oms.fulfillment.RoutingPlan.Shipment;
import dev.oms.fulfillment.RoutingPlan.Unrouted;
import dev.oms.fulfillment.RoutingPlan.Verdict;
import dev.oms.fulfillment.internal.Assignment;
import dev.oms.fulfillment.internal.Lines;
import dev.oms.fulfillment.internal.Site;
import dev.oms.fulfillment.internal.SplitSearch;
import dev.oms.inventory.Availability;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownSkuException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The routing engine: decides which location fulfils which quantity of each line.
 *
 * <h2>How a request is routed</h2>
 * <ol>
 *   <li><b>Filters</b>, in this order, each with its name in the explanation: {@code excluded}
 *       (the request excludes it), {@code pickup-location} and {@code offers-pickup} (pickup
 *       orders go only to their store, which must offer pickup), {@code ships} and
 *       {@code serves-country} (delivery orders), {@code meets-deadline} (the location's handling
 *       time on the injected clock lands after the request's ship-by), {@code capacity} (no orders
 *       or units left today), then the host's {@link RoutingRule}s, then {@code stock} (nothing usable for
 *       any line: available after the inventory's safety stock, minus the request's routing
 *       safety stock, at a location with the tags each line requires).</li>
 *   <li><b>Rankings</b> order the remaining candidates: by default distance (great-circle),
 *       then priority, then cost per shipment; ties by location id, so the order is total.</li>
 *   <li><b>Strategy.</b> One location when a single candidate has everything (the best ranked
 *       one). Otherwise, if splitting is allowed, the fewest locations that together have
 *       everything: an exact search over combinations in ranking order when there are at most
 *       {@link Builder#exactSearchLimit} candidates (12 by default); beyond that, greedy maximum
 *       coverage gives a split, and every smaller combination is then tried in ranking order
 *       within a {@link Builder#searchBudget budget}, so greedy's answer is kept only when no
 *       smaller one is found (and when greedy falls short although the candidates together hold
 *       every SKU's need, every size is searched the same way). Lines of one group come from
 *       one location. If the complete split found would create a shipment worth less than the
 *       request's minimum shipment value, greedy maximum coverage ships what it can when each of
 *       its shipments meets the minimum and it routes more than the best single location, else
 *       the best single location does; if splitting is not allowed, the best single location
 *       ships what it has; the rest is unrouted with the reason. If nothing covers everything,
 *       greedy maximum coverage routes what it can.</li>
 *   <li><b>Assignment</b> within the chosen locations: groups first (to the first chosen location
 *       that has the whole group), then each line from the chosen locations in ranking order. If
 *       that leaves units over while searching combinations, the combination is filled a second
 *       way before it is given up: the lines fewest of its locations can serve first, each from
 *       the locations without a unit capacity first, so a limited location's capacity goes to
 *       the lines only it has.
 *       Stock of one SKU at one location is shared by every line that asks for it, so a plan
 *       never assigns more than is there.</li>
 * </ol>
 * Routing reads stock and capacity; it reserves nothing. Immutable and thread-safe if the views
 * and rules are.
 */
public final class Router {
    /**
     * The steps the router spends by default looking for a split smaller than greedy's
     * ({@link Builder#searchBudget}).
     */
    public static final long DEFAULT_SEARCH_BUDGET = 50_000;

    private final List<Location> locations;
    private final StockView stock;
    private final CapacityView capacity;
    private final List<RoutingRule> rules;
    private final List<LocationRanking> rankings;
    private final int exactSearchLimit;
    private final long searchBudget;
    private final java.time.Clock clock;

    private Router(Builder b) {
        List<Location> sorted = new ArrayList<>(b.locations);
        sorted.sort(Comparator.comparing(Location::id));
        this.locations = List.copyOf(sorted);
        this.stock = b.stock;
        this.capacity = b.capacity;
        this.rules = List.copyOf(b.rules);
        this.rankings = List.copyOf(b.rankings);
        this.exactSearchLimit = b.exactSearchLimit;
        this.searchBudget = b.searchBudget;
        this.clock = b.clock;
    }

    /**
     * @param locations every location the router may use (ids unique)
     * @param stock what is available where
     * @return a builder (unused capacity, no host rules, rankings distance, priority, cost)
     */
    public static Builder builder(List<Location> locations, StockView stock) {
        return new Builder(locations, stock);
    }

    /** @return the locations, by id */
    public List<Location> locations() {
        return locations;
    }

    /**
     * @param request what to route
     * @return the plan with its explanation
     */
    public RoutingPlan route(RoutingRequest request) {
        InvalidInputException.requireNonNull(request, "request");
        Lines q = new Lines(request);
        Verdict[] verdicts = new Verdict[locations.size()];
        List<Site> sites = new ArrayList<>();
        for (int l = 0; l < verdicts.length; l++) {
            Location location = locations.get(l);
            Optional<Excluded> excluded = filter(location, request);
            if (excluded.isPresent()) {
                verdicts[l] = excluded.get();
                continue;
            }
            Site site = new Site(location, l, request, q, stock, capacity);
            if (site.coverable == 0) {
                verdicts[l] = new Excluded(location.id(), "stock",
                        "nothing usable for any line (after safety stock and tag requirements)");
            } else {
                sites.add(site);
            }
        }
        sites.sort(siteOrder());
        Assignment chosen = SplitSearch.choose(sites, request, q, exactSearchLimit, searchBudget);
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            verdicts[s.index] = new Ranked(s.location.id(), i + 1, s.distanceKm, s.coverable, chosen.uses(s));
        }
        List<Verdict> explanation = java.util.Arrays.asList(verdicts);
        List<Shipment> shipments = chosen.shipments(sites, request);
        List<Unrouted> unrouted = chosen.unrouted(request);
        return new RoutingPlan(shipments, unrouted, explanation);
    }

    /** The filters, in order; the first that refuses the location names itself. Package-private for the tests. */
    Optional<Excluded> filter(Location l, RoutingRequest r) {
        LocationId id = l.id();
        if (r.excluded().contains(id)) {
            return Optional.of(new Excluded(id, "excluded", "the request excludes it"));
        }
        if (r.pickupLocation().isPresent()) {
            if (!r.pickupLocation().get().equals(id)) {
                return Optional.of(new Excluded(id, "pickup-location", "pickup orders go to "
                        + r.pickupLocation().get()));
            }
            if (!l.offersPickup()) {
                return Optional.of(new Excluded(id, "offers-pickup", "does not offer pickup"));
            }
        } else {
            if (!l.ships()) {
                return Optional.of(new Excluded(id, "ships", "does not ship parcels"));
            }
            if (!l.serves(r.destination().country())) {
                return Optional.of(new Excluded(id, "serves-country", "does not ship to "
                        + r.destination().country()));
            }
        }
        if (r.shipBy().isPresent() && clock.instant().plus(l.handlingTime()).isAfter(r.shipBy().get())) {
            return Optional.of(new Excluded(id, "meets-deadline", "ships at the earliest "
                    + clock.instant().plus(l.handlingTime()) + ", after the ship-by deadline " + r.shipBy().get()));
        }
        if (l.dailyOrderCapacity().isPresent() && capacity.ordersLeft(id) <= 0) {
            return Optional.of(new Excluded(id, "capacity", "no fulfilment orders left today"));
        }
        if (l.dailyUnitCapacity().isPresent() && capacity.unitsLeft(id) <= 0) {
            return Optional.of(new Excluded(id, "capacity", "no units left today"));
        }
        for (RoutingRule rule : rules) {
            Optional<String> veto = rule.veto(l, r);
            if (veto.isPresent()) {
                return Optional.of(new Excluded(id, rule.name(), veto.get()));
            }
        }
        return Optional.empty();
    }

    /** The rankings in order, the location id last so the order is total. Package-private for the tests. */
    Comparator<Candidate> candidateOrder() {
        Comparator<Candidate> order = (a, b) -> 0;
        for (LocationRanking ranking : rankings) {
            order = order.thenComparing(ranking.order());
        }
        return order.thenComparing(c -> c.location().id());
    }

    private Comparator<Site> siteOrder() {
        Comparator<Candidate> byCandidate = candidateOrder();
        return (a, b) -> byCandidate.compare(a.candidate, b.candidate);
    }

    /** Configures a {@link Router}. Not thread-safe; build once and share the router. */
    public static final class Builder {
        private final List<Location> locations;
        private final StockView stock;
        private CapacityView capacity = CapacityView.unused();
        private final List<RoutingRule> rules = new ArrayList<>();
        private List<LocationRanking> rankings = List.of(LocationRanking.distance(), LocationRanking.priority(),
                LocationRanking.cost());
        private int exactSearchLimit = 12;
        private long searchBudget = DEFAULT_SEARCH_BUDGET;
        private java.time.Clock clock = java.time.Clock.systemUTC();

        private Builder(List<Location> locations, StockView stock) {
            this.locations = List.copyOf(InvalidInputException.requireNonNull(locations, "locations"));
            this.stock = InvalidInputException.requireNonNull(stock, "stock");
            if (this.locations.stream().map(Location::id).distinct().count() != this.locations.size()) {
                throw new InvalidInputException("locations", "location ids must be unique");
            }
        }

        /** @param view capacity left today @return this builder */
        public Builder capacity(CapacityView view) {
            this.capacity = InvalidInputException.requireNonNull(view, "capacity");
            return this;
        }

        /** @param rule a host rule that may veto locations @return this builder */
        public Builder rule(RoutingRule rule) {
            this.rules.add(InvalidInputException.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Replaces the rankings (default: distance, priority, cost). Location id always breaks
         * the remaining ties.
         *
         * @param order the rankings, most important first
         * @return this builder
         */
        public Builder rankings(LocationRanking... order) {
            this.rankings = List.of(order);
            return this;
        }

        /**
         * Up to how many candidates the fewest-shipments search is exact (default 12).
         *
         * @param candidates at least 1
         * @return this builder
         */
        public Builder exactSearchLimit(int candidates) {
            if (candidates < 1) {
                throw new InvalidInputException("exactSearchLimit", "must be at least 1 (was " + candidates + ")");
            }
            this.exactSearchLimit = candidates;
            return this;
        }

        /**
         * Above the exact-search limit, how much work the router spends looking for a split
         * smaller than the greedy one before it keeps greedy's, and for a complete split when
         * greedy falls short although the candidates together hold every SKU's need (default
         * {@link #DEFAULT_SEARCH_BUDGET}; 0 keeps greedy's answer as it is and searches nothing).
         * A step adds one location's stock of one SKU to a partial combination, so adding one
         * location costs one step per distinct SKU of the request. The budget bounds the search
         * of combinations only: a combination whose stock and capacity cover the request is then
         * filled, which is not counted (see {@code RoutingBenchmark} in benchmarks/ for what a
         * route costs). A smaller split is preferred only if it meets the request's minimum
         * shipment value, or greedy's does not either. Up to the exact-search limit the search
         * has no budget.
         *
         * @param steps at least 0
         * @return this builder
         */
        public Builder searchBudget(long steps) {
            if (steps < 0) {
                throw new InvalidInputException("searchBudget", "must not be negative (was " + steps + ")");
            }
            this.searchBudget = steps;
            return this;
        }

        /** @param value where time comes from, for ship-by deadlines @return this builder */
        public Builder clock(java.time.Clock value) {
            this.clock = InvalidInputException.requireNonNull(value, "clock");
            return this;
        }

        /** @return the router */
        public Router build() {
            return new Router(this);
        }
    }

    /**
     * What routing may promise: units of a SKU available at a location, after the inventory's
     * safety stock. Routing reads it; it never reserves (the fulfilment order does).
     */
    @FunctionalInterface
    public interface StockView {
        /**
         * @param sku a SKU
         * @param location a location
         * @return units available to promise there, 0 if the SKU is not stocked there
         */
        long available(Sku sku, LocationId location);

        /**
         * @param availability the inventory's availability
         * @return a view over it; a SKU stocked nowhere is available nowhere
         */
        static StockView of(Availability availability) {
            InvalidInputException.requireNonNull(availability, "availability");
            return (sku, location) -> {
                try {
                    return availability.byLocation(sku).getOrDefault(location, 0L);
                } catch (UnknownSkuException notStocked) {
                    return 0;
                }
            };
        }
    }

    /**
     * How much of a location's daily capacity is left. The host keeps the count (fulfilment orders
     * created today); routing only reads it.
     */
    public interface CapacityView {
        /**
         * @param location a location with a daily order capacity
         * @return fulfilment orders it can still take today
         */
        long ordersLeft(LocationId location);

        /**
         * @param location a location with a daily unit capacity
         * @return units it can still take today
         */
        long unitsLeft(LocationId location);

        /** @return a view in which nothing has been used yet: the full daily capacities apply */
        static CapacityView unused() {
            return new CapacityView() {
                @Override
                public long ordersLeft(LocationId location) {
                    return Long.MAX_VALUE;
                }

                @Override
                public long unitsLeft(LocationId location) {
                    return Long.MAX_VALUE;
                }
            };
        }
    }

    /**
     * One criterion for ordering candidate locations, best first. The router applies its rankings in
     * order (by default distance, then priority, then cost), then breaks ties by location id, so the
     * order is total and the result deterministic. Hosts add their own, at any position.
     */
    public interface LocationRanking {
        /** @return a stable name for the explanation */
        String name();

        /** @return how candidates compare under this criterion, better first */
        Comparator<Candidate> order();

        /**
         * A location that passed every filter, with what the rankings look at.
         *
         * @param location the location
         * @param distanceKm great-circle distance to the destination (0 when the destination has no coordinates)
         * @param coverableUnits units of the request it could supply
         */
        record Candidate(Location location, double distanceKm, long coverableUnits) {
        }

        /** @return nearest first, by great-circle distance */
        static LocationRanking distance() {
            return of("distance", Comparator.comparingDouble(Candidate::distanceKm));
        }

        /** @return lower priority number first */
        static LocationRanking priority() {
            return of("priority", Comparator.comparingInt(c -> c.location().priority()));
        }

        /** @return cheaper shipment first */
        static LocationRanking cost() {
            return of("cost", (a, b) -> a.location().costPerShipment().compareTo(b.location().costPerShipment()));
        }

        /**
         * @param name a stable name
         * @param order the comparison, better first
         * @return a ranking
         */
        static LocationRanking of(String name, Comparator<Candidate> order) {
            return new LocationRanking() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Comparator<Candidate> order() {
                    return order;
                }
            };
        }
    }

    /**
     * A host-written rule that vetoes locations for a request, for example "no drop-ship for gift
     * orders" or "this store is closed for inventory today". Runs after the built-in filters; its
     * name appears in the explanation of every location it excludes.
     */
    public interface RoutingRule {
        /** @return a stable name for the explanation */
        String name();

        /**
         * @param location a candidate
         * @param request the request being routed
         * @return why the location may not be used, or empty to allow it
         */
        Optional<String> veto(Location location, RoutingRequest request);
    }

    /** Whether an order may be split across locations. */
    public enum SplitPolicy {
        /** One location, or what the best single location has, with the rest reported as unrouted. */
        NEVER,
        /** One location when possible; split across the fewest locations only when needed (the default). */
        WHEN_NEEDED
    }
}
