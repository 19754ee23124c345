package dev.oms.fulfillment;

import dev.oms.fulfillment.LocationRanking.Candidate;
import dev.oms.fulfillment.RoutingPlan.Excluded;
import dev.oms.fulfillment.RoutingPlan.Ranked;
import dev.oms.fulfillment.RoutingPlan.Shipment;
import dev.oms.fulfillment.RoutingPlan.Unrouted;
import dev.oms.fulfillment.RoutingPlan.Verdict;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.order.LineQuantity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.money.MonetaryAmount;

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
 *       {@link Builder#exactSearchLimit} candidates (12 by default), greedy maximum coverage
 *       beyond that. Lines of one group come from one location. If the only complete split would
 *       create a shipment worth less than the request's minimum shipment value, or splitting is
 *       not allowed, the best single location ships what it has and the rest is unrouted. If
 *       nothing covers everything, greedy maximum coverage routes what it can.</li>
 *   <li><b>Assignment</b> within the chosen locations: groups first (to the first chosen location
 *       that has the whole group), then each line from the chosen locations in ranking order.
 *       Stock of one SKU at one location is shared by every line that asks for it, so a plan
 *       never assigns more than is there.</li>
 * </ol>
 * Routing reads stock and capacity; it reserves nothing. Immutable and thread-safe if the views
 * and rules are.
 */
public final class Router {
    private final List<Location> locations;
    private final StockView stock;
    private final CapacityView capacity;
    private final List<RoutingRule> rules;
    private final List<LocationRanking> rankings;
    private final int exactSearchLimit;
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
        Assignment chosen = choose(sites, request, q);
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            verdicts[s.index] = new Ranked(s.location.id(), i + 1, s.distanceKm, s.coverable, chosen.uses(s));
        }
        List<Verdict> explanation = java.util.Arrays.asList(verdicts);
        List<Shipment> shipments = new ArrayList<>();
        for (Site s : sites) {
            int at = chosen.indexOf(s);
            if (at >= 0 && chosen.siteUnits[at] > 0) {
                List<LineQuantity> lqs = new ArrayList<>(chosen.taken[at]);
                for (int t = 0; t < chosen.taken[at]; t++) {
                    int line = chosen.lineOrder[at][t];
                    lqs.add(new LineQuantity(request.lines().get(line).lineId(), Quantity.of(chosen.units[at][line])));
                }
                shipments.add(new Shipment(s.location.id(), lqs));
            }
        }
        List<Unrouted> unrouted = new ArrayList<>();
        for (int i = 0; i < q.count; i++) {
            if (chosen.remaining[i] > 0) {
                unrouted.add(new Unrouted(request.lines().get(i).lineId(), Quantity.of(chosen.remaining[i]),
                        chosen.reason));
            }
        }
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

    private Assignment choose(List<Site> sites, RoutingRequest request, Lines q) {
        if (sites.isEmpty()) {
            return Assignment.nothing(q, "no location passed the filters");
        }
        // A site alone is complete exactly when it covers every unit; the first such one wins.
        Site best = null;
        for (Site site : sites) {
            if (site.coverable == q.totalNeed) {
                return Assignment.of(new Site[] {site}, 1, q);
            }
            if (best == null || site.coverable > best.coverable) {
                best = site;
            }
        }
        Assignment bestSingle = Assignment.of(new Site[] {best}, 1, q);
        if (request.splitPolicy() == SplitPolicy.NEVER) {
            return bestSingle.because("no single location has everything and splitting is not allowed");
        }
        Optional<Assignment> split = sites.size() <= exactSearchLimit ? exactSplit(sites, request, q)
                : greedy(sites, q).filter(Assignment::complete);
        if (split.isPresent()) {
            if (meetsMinimum(split.get(), request)) {
                return split.get();
            }
            return bestSingle.because("a split would create a shipment below the minimum shipment value");
        }
        Assignment most = greedy(sites, q).orElse(bestSingle);
        return (meetsMinimum(most, request) ? most : bestSingle)
                .because("not enough stock at the allowed locations");
    }

    /**
     * The fewest locations that cover everything, combinations tried in ranking order. A
     * combination whose stock and unit capacity together fall short of the request is skipped
     * without assigning anything: no assignment could complete it.
     */
    private static Optional<Assignment> exactSplit(List<Site> sites, RoutingRequest request, Lines q) {
        int n = sites.size();
        Assignment firstComplete = null;
        Site[] subset = new Site[n];
        for (int k = 2; k <= n; k++) {
            int[] idx = new int[k];
            for (int i = 0; i < k; i++) {
                idx[i] = i;
            }
            while (true) {
                for (int i = 0; i < k; i++) {
                    subset[i] = sites.get(idx[i]);
                }
                if (q.mayCover(subset, k)) {
                    Assignment a = Assignment.of(subset, k, q);
                    if (a.complete() && a.usedSites == k) {
                        if (meetsMinimum(a, request)) {
                            return Optional.of(a);
                        }
                        if (firstComplete == null) {
                            firstComplete = a;
                        }
                    }
                }
                int i = k - 1;
                while (i >= 0 && idx[i] == n - k + i) {
                    i--;
                }
                if (i < 0) {
                    break;
                }
                idx[i]++;
                for (int j = i + 1; j < k; j++) {
                    idx[j] = idx[j - 1] + 1;
                }
            }
            if (firstComplete != null) {
                return Optional.of(firstComplete);
            }
        }
        return Optional.empty();
    }

    /**
     * Adds, one at a time, the location that routes the most further units; ties to the better
     * ranked. A location added last only takes what the ones before it left, so what it adds is
     * computed from the current assignment alone, and only the winner's assignment is built.
     */
    private static Optional<Assignment> greedy(List<Site> sites, Lines q) {
        Site[] chosen = new Site[sites.size()];
        boolean[] taken = new boolean[sites.size()];
        int k = 0;
        Assignment current = Assignment.nothing(q, "");
        while (!current.complete()) {
            long bestGain = 0;
            int bestSite = -1;
            for (int s = 0; s < sites.size(); s++) {
                if (!taken[s]) {
                    long gain = current.gainFrom(sites.get(s), q);
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestSite = s;
                    }
                }
            }
            if (bestSite < 0) {
                break;
            }
            chosen[k++] = sites.get(bestSite);
            taken[bestSite] = true;
            current = Assignment.of(chosen, k, q);
        }
        return k == 0 ? Optional.empty() : Optional.of(current);
    }

    private static boolean meetsMinimum(Assignment a, RoutingRequest request) {
        if (request.minimumShipmentValue().isEmpty() || a.usedSites <= 1) {
            return true;
        }
        MonetaryAmount minimum = request.minimumShipmentValue().get();
        for (int s = 0; s < a.size; s++) {
            if (a.siteUnits[s] == 0) {
                continue;
            }
            MonetaryAmount value = minimum.multiply(0);
            for (int t = 0; t < a.taken[s]; t++) {
                int line = a.lineOrder[s][t];
                value = value.add(request.lines().get(line).unitValue().multiply(a.units[s][line]));
            }
            if (value.isLessThan(minimum)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A request's lines as arrays: each line's SKU as an index into the request's distinct SKUs
     * (lines asking for the same SKU share its stock), quantities, groups in order of first
     * appearance; and scratch space for the search's quick check.
     */
    private static final class Lines {
        final int count;
        final int[] sku;
        final long[] quantity;
        final boolean[] grouped;
        final List<int[]> groups = new ArrayList<>();
        final List<Sku> skus = new ArrayList<>();
        final long[] need;
        final long totalNeed;
        private final long[] scratch;

        Lines(RoutingRequest request) {
            List<RouteLine> lines = request.lines();
            count = lines.size();
            sku = new int[count];
            quantity = new long[count];
            grouped = new boolean[count];
            Map<Sku, Integer> skuIndex = new HashMap<>();
            Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
            long total = 0;
            for (int i = 0; i < count; i++) {
                RouteLine line = lines.get(i);
                Integer index = skuIndex.get(line.sku());
                if (index == null) {
                    index = skus.size();
                    skuIndex.put(line.sku(), index);
                    skus.add(line.sku());
                }
                sku[i] = index;
                quantity[i] = line.quantity().value();
                total += quantity[i];
                if (line.group().isPresent()) {
                    grouped[i] = true;
                    byGroup.computeIfAbsent(line.group().get(), g -> new ArrayList<>()).add(i);
                }
            }
            byGroup.values().forEach(g -> groups.add(g.stream().mapToInt(Integer::intValue).toArray()));
            need = new long[skus.size()];
            for (int i = 0; i < count; i++) {
                need[sku[i]] += quantity[i];
            }
            totalNeed = total;
            scratch = new long[skus.size()];
        }

        /** Whether these sites' stock and unit capacity together could cover every line at all. */
        boolean mayCover(Site[] subset, int k) {
            java.util.Arrays.fill(scratch, 0);
            long cap = 0;
            for (int s = 0; s < k; s++) {
                long[] usable = subset[s].usable;
                for (int j = 0; j < usable.length; j++) {
                    scratch[j] += usable[j];
                }
                cap = cap > Long.MAX_VALUE - subset[s].unitCap ? Long.MAX_VALUE : cap + subset[s].unitCap;
            }
            for (int j = 0; j < scratch.length; j++) {
                if (scratch[j] < need[j]) {
                    return false;
                }
            }
            return cap >= totalNeed;
        }
    }

    /** One candidate location with its usable stock for this request. */
    private static final class Site {
        final Location location;
        final int index;
        final double distanceKm;
        final long[] usable;
        final boolean[] tagsOk;
        final long unitCap;
        final long coverable;
        final Candidate candidate;

        Site(Location location, int index, RoutingRequest request, Lines q, StockView stock, CapacityView capacity) {
            this.location = location;
            this.index = index;
            this.distanceKm = request.destination().coordinates()
                    .map(c -> location.coordinates().kilometresTo(c)).orElse(0.0);
            this.tagsOk = new boolean[q.count];
            for (int i = 0; i < q.count; i++) {
                tagsOk[i] = location.tags().containsAll(request.lines().get(i).requiredTags());
            }
            this.usable = new long[q.skus.size()];
            for (int j = 0; j < usable.length; j++) {
                usable[j] = Math.max(0, stock.available(q.skus.get(j), location.id())
                        - request.routingSafetyStock().value());
            }
            this.unitCap = location.dailyUnitCapacity().isPresent() ? capacity.unitsLeft(location.id())
                    : Long.MAX_VALUE;
            this.coverable = Assignment.nothing(q, "").gainFrom(this, q);
            this.candidate = new Candidate(location, distanceKm, coverable);
        }
    }

    /**
     * Units per (site, line) for a list of sites, filled in order: groups first, each whole from
     * the first site that has all of it; then each line from the sites in order. Per site, the
     * lines in the order they were first given units there.
     */
    private static final class Assignment {
        final Site[] sites;
        final int size;
        final long[][] units;
        final int[][] lineOrder;
        final int[] taken;
        final long[] siteUnits;
        final long[] remaining;
        int usedSites;
        long total;
        String reason = "";

        private Assignment(Site[] subset, int size, Lines q) {
            this.sites = java.util.Arrays.copyOf(subset, size);
            this.size = size;
            this.units = new long[size][q.count];
            this.lineOrder = new int[size][q.count];
            this.taken = new int[size];
            this.siteUnits = new long[size];
            this.remaining = q.quantity.clone();
        }

        static Assignment nothing(Lines q, String reason) {
            return new Assignment(new Site[0], 0, q).because(reason);
        }

        static Assignment of(Site[] subset, int size, Lines q) {
            Assignment a = new Assignment(subset, size, q);
            long[][] left = new long[size][];
            long[] capLeft = new long[size];
            for (int s = 0; s < size; s++) {
                left[s] = subset[s].usable.clone();
                capLeft[s] = subset[s].unitCap;
            }
            for (int[] group : q.groups) {
                for (int s = 0; s < size; s++) {
                    if (canTakeWhole(subset[s], group, q, left[s], capLeft[s])) {
                        for (int i : group) {
                            a.take(s, i, q.quantity[i], q, left, capLeft);
                        }
                        break;
                    }
                }
            }
            for (int i = 0; i < q.count; i++) {
                if (q.grouped[i]) {
                    continue;
                }
                for (int s = 0; s < size; s++) {
                    if (a.remaining[i] == 0) {
                        break;
                    }
                    if (!subset[s].tagsOk[i]) {
                        continue;
                    }
                    long take = Math.min(a.remaining[i], Math.min(left[s][q.sku[i]], capLeft[s]));
                    if (take > 0) {
                        a.take(s, i, take, q, left, capLeft);
                    }
                }
            }
            return a;
        }

        private static boolean canTakeWhole(Site s, int[] group, Lines q, long[] left, long capLeft) {
            long[] need = new long[left.length];
            long units = 0;
            for (int i : group) {
                if (!s.tagsOk[i]) {
                    return false;
                }
                need[q.sku[i]] += q.quantity[i];
                units += q.quantity[i];
            }
            for (int j = 0; j < need.length; j++) {
                if (need[j] > 0 && left[j] < need[j]) {
                    return false;
                }
            }
            return units <= capLeft;
        }

        private void take(int s, int line, long amount, Lines q, long[][] left, long[] capLeft) {
            left[s][q.sku[line]] -= amount;
            capLeft[s] -= amount;
            remaining[line] -= amount;
            if (units[s][line] == 0) {
                lineOrder[s][taken[s]++] = line;
            }
            if (siteUnits[s] == 0) {
                usedSites++;
            }
            units[s][line] += amount;
            siteUnits[s] += amount;
            total += amount;
        }

        /**
         * The units a site would add if appended after these sites: whole groups none of them
         * took, then each line's remaining units, in line order, from its stock and capacity.
         */
        long gainFrom(Site site, Lines q) {
            long[] left = site.usable.clone();
            long capLeft = site.unitCap;
            long gain = 0;
            for (int[] group : q.groups) {
                if (remaining[group[0]] > 0 && canTakeWhole(site, group, q, left, capLeft)) {
                    for (int i : group) {
                        left[q.sku[i]] -= q.quantity[i];
                        capLeft -= q.quantity[i];
                        gain += q.quantity[i];
                    }
                }
            }
            for (int i = 0; i < q.count; i++) {
                if (q.grouped[i] || remaining[i] == 0 || !site.tagsOk[i]) {
                    continue;
                }
                long take = Math.min(remaining[i], Math.min(left[q.sku[i]], capLeft));
                if (take > 0) {
                    left[q.sku[i]] -= take;
                    capLeft -= take;
                    gain += take;
                }
            }
            return gain;
        }

        int indexOf(Site site) {
            for (int s = 0; s < size; s++) {
                if (sites[s] == site) {
                    return s;
                }
            }
            return -1;
        }

        boolean uses(Site site) {
            int s = indexOf(site);
            return s >= 0 && siteUnits[s] > 0;
        }

        boolean complete() {
            for (long r : remaining) {
                if (r > 0) {
                    return false;
                }
            }
            return true;
        }

        Assignment because(String why) {
            this.reason = why;
            return this;
        }
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
}
