package dev.oms.fulfillment;

import dev.oms.fulfillment.Router.CapacityView;
import dev.oms.fulfillment.Router.LocationRanking;
import dev.oms.fulfillment.Router.LocationRanking.Candidate;
import dev.oms.fulfillment.Router.SplitPolicy;
import dev.oms.fulfillment.Router.StockView;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingPlan.Excluded;
import dev.oms.fulfillment.RoutingPlan.Ranked;
import dev.oms.fulfillment.RoutingPlan.Shipment;
import dev.oms.fulfillment.RoutingPlan.Unrouted;
import dev.oms.fulfillment.RoutingPlan.Verdict;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.fulfillment.RoutingRequest.RouteLine;
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
 * The router as it was before its search moved to primitive arrays, kept as the plain reference
 * the new one must agree with ({@code RouterEquivalenceProperties}): every combination tried in
 * ranking order, with no bounds, each filled in order and, if that falls short, scarce lines
 * first. Above the exact-search limit it does what the router does with
 * an unlimited search budget (greedy, then every smaller combination), or with a budget of 0
 * (greedy alone).
 */
final class ReferenceRouter {
    private final Router router;
    private final List<Location> locations;
    private final StockView stock;
    private final CapacityView capacity;
    private final int exactSearchLimit;
    private final boolean searchBelowGreedy;

    /**
     * @param router the new router, whose locations, filters and rankings (unchanged) the reference uses
     * @param stock its stock view
     * @param capacity its capacity view
     * @param exactSearchLimit its search limit
     * @param searchBelowGreedy whether the router's search budget is unlimited (true) or 0 (false)
     */
    ReferenceRouter(Router router, StockView stock, CapacityView capacity, int exactSearchLimit,
            boolean searchBelowGreedy) {
        this.router = router;
        this.locations = router.locations();
        this.stock = stock;
        this.capacity = capacity;
        this.exactSearchLimit = exactSearchLimit;
        this.searchBelowGreedy = searchBelowGreedy;
    }

    /**
     * @param request what to route
     * @return the plan with its explanation
     */
    public RoutingPlan route(RoutingRequest request) {
        InvalidInputException.requireNonNull(request, "request");
        Map<LocationId, Verdict> verdicts = new LinkedHashMap<>();
        List<Site> sites = new ArrayList<>();
        for (Location location : locations) {
            Optional<Excluded> excluded = router.filter(location, request);
            if (excluded.isPresent()) {
                verdicts.put(location.id(), excluded.get());
                continue;
            }
            Site site = new Site(location, request, stock, capacity);
            if (site.coverable == 0) {
                verdicts.put(location.id(), new Excluded(location.id(), "stock",
                        "nothing usable for any line (after safety stock and tag requirements)"));
            } else {
                sites.add(site);
            }
        }
        sites.sort(siteOrder());
        Assignment chosen = choose(sites, request);
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            verdicts.put(s.location.id(), new Ranked(s.location.id(), i + 1, s.distanceKm, s.coverable,
                    chosen.byLocation.containsKey(s.location.id())));
        }
        List<Verdict> explanation = new ArrayList<>();
        for (Location location : locations) {
            explanation.add(verdicts.get(location.id()));
        }
        List<Shipment> shipments = new ArrayList<>();
        for (Site s : sites) {
            Map<Integer, Long> lines = chosen.byLocation.get(s.location.id());
            if (lines != null) {
                List<LineQuantity> lqs = new ArrayList<>();
                lines.forEach((index, units) -> lqs.add(new LineQuantity(request.lines().get(index).lineId(),
                        Quantity.of(units))));
                shipments.add(new Shipment(s.location.id(), lqs));
            }
        }
        List<Unrouted> unrouted = new ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (chosen.remaining[i] > 0) {
                unrouted.add(new Unrouted(request.lines().get(i).lineId(), Quantity.of(chosen.remaining[i]),
                        chosen.reason));
            }
        }
        return new RoutingPlan(shipments, unrouted, explanation);
    }

    private Comparator<Site> siteOrder() {
        Comparator<Candidate> byCandidate = router.candidateOrder();
        return (a, b) -> byCandidate.compare(a.candidate(), b.candidate());
    }

    private Assignment choose(List<Site> sites, RoutingRequest request) {
        if (sites.isEmpty()) {
            return Assignment.nothing(request, "no location passed the filters");
        }
        for (Site site : sites) {
            Assignment single = Assignment.of(List.of(site), request);
            if (single.complete()) {
                return single;
            }
        }
        Assignment bestSingle = bestSingle(sites, request);
        if (request.splitPolicy() == SplitPolicy.NEVER) {
            return bestSingle.because("no single location has everything and splitting is not allowed");
        }
        Optional<Assignment> split = sites.size() <= exactSearchLimit ? exactSplit(sites, request, sites.size())
                : belowGreedy(sites, request);
        if (split.isPresent() && meetsMinimum(split.get(), request)) {
            return split.get();
        }
        Assignment most = greedy(sites, request).orElse(bestSingle);
        return (meetsMinimum(most, request) ? most : bestSingle).because(split.isPresent()
                ? "a split would create a shipment below the minimum shipment value"
                : "not enough stock at the allowed locations");
    }

    private static Assignment bestSingle(List<Site> sites, RoutingRequest request) {
        Assignment best = null;
        for (Site site : sites) {
            Assignment a = Assignment.of(List.of(site), request);
            if (best == null || a.units() > best.units()) {
                best = a;
            }
        }
        return best;
    }

    /** Greedy's complete split, or a smaller one found by trying every smaller combination. */
    private Optional<Assignment> belowGreedy(List<Site> sites, RoutingRequest request) {
        Optional<Assignment> greedy = greedy(sites, request).filter(Assignment::complete);
        if (searchBelowGreedy && greedy.isEmpty()) {
            return exactSplit(sites, request, sites.size());
        }
        if (!searchBelowGreedy || greedy.isEmpty() || greedy.get().byLocation.size() <= 2) {
            return greedy;
        }
        Optional<Assignment> smaller = exactSplit(sites, request, greedy.get().byLocation.size() - 1);
        if (smaller.isPresent() && (meetsMinimum(smaller.get(), request) || !meetsMinimum(greedy.get(), request))) {
            return smaller;
        }
        return greedy;
    }

    /** The fewest locations (at most {@code maxSize}) that cover everything, combinations tried in ranking order. */
    private static Optional<Assignment> exactSplit(List<Site> sites, RoutingRequest request, int maxSize) {
        int n = sites.size();
        Assignment firstComplete = null;
        for (int k = 2; k <= maxSize; k++) {
            int[] idx = new int[k];
            for (int i = 0; i < k; i++) {
                idx[i] = i;
            }
            while (true) {
                List<Site> subset = new ArrayList<>(k);
                for (int i : idx) {
                    subset.add(sites.get(i));
                }
                Assignment a = Assignment.of(subset, request);
                if (!a.complete()) {
                    a = Assignment.scarceFirst(subset, request);
                }
                if (a.complete() && a.byLocation.size() == k) {
                    if (meetsMinimum(a, request)) {
                        return Optional.of(a);
                    }
                    if (firstComplete == null) {
                        firstComplete = a;
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

    /** Adds, one at a time, the location that routes the most further units; ties to the better ranked. */
    private static Optional<Assignment> greedy(List<Site> sites, RoutingRequest request) {
        List<Site> chosen = new ArrayList<>();
        Assignment current = Assignment.nothing(request, "");
        while (!current.complete()) {
            Assignment best = null;
            Site bestSite = null;
            for (Site site : sites) {
                if (chosen.contains(site)) {
                    continue;
                }
                List<Site> trial = new ArrayList<>(chosen);
                trial.add(site);
                Assignment a = Assignment.of(trial, request);
                if (a.units() > current.units() && (best == null || a.units() > best.units())) {
                    best = a;
                    bestSite = site;
                }
            }
            if (best == null) {
                break;
            }
            chosen.add(bestSite);
            current = best;
        }
        return chosen.isEmpty() ? Optional.empty() : Optional.of(current);
    }

    private static boolean meetsMinimum(Assignment a, RoutingRequest request) {
        if (request.minimumShipmentValue().isEmpty() || a.byLocation.size() <= 1) {
            return true;
        }
        MonetaryAmount minimum = request.minimumShipmentValue().get();
        for (Map<Integer, Long> lines : a.byLocation.values()) {
            MonetaryAmount value = minimum.multiply(0);
            for (Map.Entry<Integer, Long> e : lines.entrySet()) {
                value = value.add(request.lines().get(e.getKey()).unitValue().multiply(e.getValue()));
            }
            if (value.isLessThan(minimum)) {
                return false;
            }
        }
        return true;
    }

    /** One candidate location with its usable stock for this request. */
    private static final class Site {
        final Location location;
        final double distanceKm;
        final Map<Sku, Long> usable = new HashMap<>();
        final boolean[] tagsOk;
        final long unitCap;
        final long coverable;

        Site(Location location, RoutingRequest request, StockView stock, CapacityView capacity) {
            this.location = location;
            this.distanceKm = request.destination().coordinates()
                    .map(c -> location.coordinates().kilometresTo(c)).orElse(0.0);
            this.tagsOk = new boolean[request.lines().size()];
            for (int i = 0; i < tagsOk.length; i++) {
                RouteLine line = request.lines().get(i);
                tagsOk[i] = location.tags().containsAll(line.requiredTags());
                usable.computeIfAbsent(line.sku(), sku -> Math.max(0,
                        stock.available(sku, location.id()) - request.routingSafetyStock().value()));
            }
            this.unitCap = location.dailyUnitCapacity().isPresent() ? capacity.unitsLeft(location.id())
                    : Long.MAX_VALUE;
            this.coverable = Assignment.of(List.of(this), request).units();
        }

        Candidate candidate() {
            return new Candidate(location, distanceKm, coverable);
        }
    }

    /** Units per (location, line index) and what is left per line. */
    private static final class Assignment {
        final Map<LocationId, Map<Integer, Long>> byLocation = new LinkedHashMap<>();
        final long[] remaining;
        String reason = "";

        private Assignment(RoutingRequest request) {
            remaining = request.lines().stream().mapToLong(l -> l.quantity().value()).toArray();
        }

        static Assignment nothing(RoutingRequest request, String reason) {
            return new Assignment(request).because(reason);
        }

        static Assignment of(List<Site> sites, RoutingRequest request) {
            return fill(sites, request, false);
        }

        /** Lines that fewest of these sites serve first; sites without a unit capacity before the others. */
        static Assignment scarceFirst(List<Site> sites, RoutingRequest request) {
            return fill(sites, request, true);
        }

        private static Assignment fill(List<Site> sites, RoutingRequest request, boolean scarceFirst) {
            Assignment a = new Assignment(request);
            Map<Site, Map<Sku, Long>> left = new HashMap<>();
            Map<Site, Long> capLeft = new HashMap<>();
            for (Site s : sites) {
                left.put(s, new HashMap<>(s.usable));
                capLeft.put(s, s.unitCap);
            }
            List<RouteLine> lines = request.lines();
            // Groups first: the whole group from the first site that has all of it.
            Map<String, List<Integer>> groups = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                int index = i;
                lines.get(i).group().ifPresent(g -> groups.computeIfAbsent(g, k -> new ArrayList<>()).add(index));
            }
            for (List<Integer> group : groups.values()) {
                for (Site s : sites) {
                    if (canTakeWhole(s, group, lines, left.get(s), capLeft.get(s))) {
                        for (int i : group) {
                            a.take(s, i, lines.get(i).quantity().value(), lines, left, capLeft);
                        }
                        break;
                    }
                }
            }
            List<Integer> lineOrder = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                lineOrder.add(i);
            }
            List<Site> siteOrder = new ArrayList<>(sites);
            if (scarceFirst) {
                Map<Integer, Long> servers = new HashMap<>();
                for (int i = 0; i < lines.size(); i++) {
                    int line = i;
                    servers.put(i, sites.stream().filter(s -> s.tagsOk[line]
                            && s.usable.get(lines.get(line).sku()) > 0).count());
                }
                lineOrder.sort(Comparator.comparing(servers::get));
                siteOrder.sort(Comparator.comparing(s -> s.unitCap != Long.MAX_VALUE));
            }
            for (int i : lineOrder) {
                if (lines.get(i).group().isPresent()) {
                    continue;
                }
                for (Site s : siteOrder) {
                    if (a.remaining[i] == 0) {
                        break;
                    }
                    if (!s.tagsOk[i]) {
                        continue;
                    }
                    long take = Math.min(a.remaining[i], Math.min(left.get(s).get(lines.get(i).sku()), capLeft.get(s)));
                    if (take > 0) {
                        a.take(s, i, take, lines, left, capLeft);
                    }
                }
            }
            return a;
        }

        private static boolean canTakeWhole(Site s, List<Integer> group, List<RouteLine> lines, Map<Sku, Long> left,
                long capLeft) {
            Map<Sku, Long> need = new HashMap<>();
            long units = 0;
            for (int i : group) {
                if (!s.tagsOk[i]) {
                    return false;
                }
                need.merge(lines.get(i).sku(), lines.get(i).quantity().value(), Long::sum);
                units += lines.get(i).quantity().value();
            }
            for (Map.Entry<Sku, Long> e : need.entrySet()) {
                if (left.get(e.getKey()) < e.getValue()) {
                    return false;
                }
            }
            return units <= capLeft;
        }

        private void take(Site s, int line, long units, List<RouteLine> lines, Map<Site, Map<Sku, Long>> left,
                Map<Site, Long> capLeft) {
            left.get(s).merge(lines.get(line).sku(), -units, Long::sum);
            capLeft.merge(s, -units, Long::sum);
            remaining[line] -= units;
            byLocation.computeIfAbsent(s.location.id(), k -> new LinkedHashMap<>()).merge(line, units, Long::sum);
        }

        boolean complete() {
            for (long r : remaining) {
                if (r > 0) {
                    return false;
                }
            }
            return true;
        }

        long units() {
            return byLocation.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        }

        Assignment because(String why) {
            this.reason = why;
            return this;
        }
    }
}
