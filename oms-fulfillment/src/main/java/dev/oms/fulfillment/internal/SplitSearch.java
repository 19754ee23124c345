package dev.oms.fulfillment.internal;

import dev.oms.fulfillment.Router.SplitPolicy;
import dev.oms.fulfillment.RoutingRequest;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * The router's search, without I/O: which of the locations that passed the filters take which
 * units. A single location that has everything wins; otherwise, if the request allows a split,
 * the fewest locations that cover everything (every combination, in ranking order, up to the
 * exact-search limit; above it greedy maximum coverage, then the smaller combinations within a
 * budget), kept only if every shipment meets the minimum shipment value; otherwise the most
 * units the allowed locations can cover. The
 * {@link dev.oms.fulfillment.Router} builds the sites, asks, and explains the answer.
 */
public final class SplitSearch {
    private SplitSearch() {
    }

    /**
     * @param sites the locations that passed the filters, in ranking order
     * @param request what to route
     * @param q the request's lines
     * @param exactSearchLimit up to how many sites the fewest locations are searched exactly
     * @param searchBudget above that limit, the steps spent looking for a split smaller than greedy's
     * @return the assignment: a complete one if any, else the most units the allowed locations cover, with the reason
     */
    public static Assignment choose(List<Site> sites, RoutingRequest request, Lines q, int exactSearchLimit,
            long searchBudget) {
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
        // greedy maximum coverage, run once: the search above the exact limit starts from it, and
        // it is what ships when no complete split meets the minimum
        Optional<Assignment> coverage = sites.size() <= exactSearchLimit ? null : greedy(sites, q);
        Optional<Assignment> split = coverage == null
                ? exactSplit(sites, request, q, sites.size(), Long.MAX_VALUE)
                : improvedGreedy(sites, request, q, coverage.filter(Assignment::complete), searchBudget);
        if (split.isPresent() && meetsMinimum(split.get(), request)) {
            return split.get();
        }
        // greedy's coverage routes at least what the best single location does (it starts there),
        // so it ships whenever each of its shipments meets the minimum
        Assignment most = (coverage == null ? greedy(sites, q) : coverage).orElse(bestSingle);
        return (meetsMinimum(most, request) ? most : bestSingle).because(split.isPresent()
                ? "a split would create a shipment below the minimum shipment value"
                : "not enough stock at the allowed locations");
    }

    /**
     * Above the exact-search limit: greedy maximum coverage gives a complete split of some size
     * {@code g}, then the combinations of 2 to {@code g - 1} locations are searched in ranking
     * order, as the exact search does, until one completes or the budget of steps is spent. So a
     * split greedy over-counts is found whenever the budget reaches it, and the answer is never
     * worse than greedy's. When greedy cannot complete the request although the candidates
     * together hold every SKU's need, combinations of every size are searched the same way.
     */
    private static Optional<Assignment> improvedGreedy(List<Site> sites, RoutingRequest request, Lines q,
            Optional<Assignment> greedy, long budget) {
        if (greedy.isEmpty()) {
            return q.heldTogether(sites) ? exactSplit(sites, request, q, sites.size(), budget) : greedy;
        }
        if (greedy.get().usedSites <= 2) {
            return greedy;
        }
        Optional<Assignment> smaller = exactSplit(sites, request, q, greedy.get().usedSites - 1, budget);
        if (smaller.isPresent() && (meetsMinimum(smaller.get(), request) || !meetsMinimum(greedy.get(), request))) {
            return smaller;
        }
        return greedy;
    }

    /** The fewest locations, 2 to {@code maxSize}, that complete the request ({@link Combinations}). */
    private static Optional<Assignment> exactSplit(List<Site> sites, RoutingRequest request, Lines q, int maxSize,
            long budget) {
        return Optional.ofNullable(Combinations.fewest(sites, request, q, maxSize, budget));
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

    static boolean meetsMinimum(Assignment a, RoutingRequest request) {
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
}
