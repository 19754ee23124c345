package dev.oms.fulfillment.internal;

import dev.oms.fulfillment.RoutingRequest;
import java.util.List;

/**
 * The search for the fewest locations that complete a request: combinations of a given size, in
 * ranking order (lexicographic over the ranked sites, so the first complete one is the best
 * ranked), with a bound that skips whole branches. Each site's units are bounded above by
 * {@link Lines#upperBound} (its capacity, and per SKU the smaller of its stock and the need); a
 * branch whose chosen sites plus the best bound left cannot reach the request's units, or whose
 * stock of some SKU cannot reach its need even if every site still to come had the most any site
 * has of it, is never entered; the sums are kept per depth, so a step costs one addition per SKU.
 * A combination whose stock and capacity cover the need is filled in ranking order (groups first,
 * then each line from the sites in order, as {@link Assignment#of} does). The bounds only skip
 * combinations that fill could not complete, so with an unlimited budget the answer is the
 * plain exhaustive search's. The search stops when its budget of steps is spent.
 */
final class Combinations {
    private final List<Site> sites;
    private final RoutingRequest request;
    private final Lines q;
    private final long[] bound;
    private final long[] bestFrom;
    private final long[] mostOf;
    private final Site[] subset;
    private final long budget;
    private long steps;
    private long[][] stockSums;
    private long[] capacitySums;
    private boolean exhausted;
    private Assignment found;
    private Assignment firstComplete;

    private Combinations(List<Site> sites, RoutingRequest request, Lines q, long budget) {
        this.sites = sites;
        this.request = request;
        this.q = q;
        this.budget = budget;
        int n = sites.size();
        this.bound = new long[n];
        this.bestFrom = new long[n + 1];
        this.mostOf = new long[q.need.length];
        for (int i = 0; i < n; i++) {
            Site site = sites.get(i);
            bound[i] = q.upperBound(site);
            for (int j = 0; j < mostOf.length; j++) {
                mostOf[j] = Math.max(mostOf[j], Math.min(site.usable[j], q.need[j]));
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            bestFrom[i] = Math.max(bound[i], bestFrom[i + 1]);
        }
        this.subset = new Site[n];
    }

    /**
     * @param sites the candidates in ranking order
     * @param request what to route
     * @param q its lines
     * @param maxSize the largest combination to try
     * @param budget the most steps to take (a step adds one location's stock of one SKU to a
     *     partial combination)
     * @return the first complete combination of the smallest size that meets the minimum
     *     shipment value; else the first complete one of that size; else null
     */
    static Assignment fewest(List<Site> sites, RoutingRequest request, Lines q, int maxSize, long budget) {
        Combinations search = new Combinations(sites, request, q, budget);
        for (int k = 2; k <= Math.min(maxSize, sites.size()); k++) {
            search.stockSums = new long[k + 1][q.need.length];
            search.capacitySums = new long[k + 1];
            search.extend(0, k, 0, 0);
            if (search.found != null) {
                return search.found;
            }
            if (search.firstComplete != null || search.exhausted) {
                return search.firstComplete;
            }
        }
        return null;
    }

    /** @return true when the search is over (found, or the budget spent) */
    private boolean extend(int depth, int k, int from, long units) {
        int n = sites.size();
        int after = k - depth - 1;
        for (int i = from; i <= n - (k - depth); i++) {
            if (steps >= budget) {
                exhausted = true;
                return true;
            }
            if (units + (after + 1) * bestFrom[i] < q.totalNeed) {
                return false;
            }
            if (units + bound[i] + after * bestFrom[i + 1] < q.totalNeed || !add(depth, i, after)) {
                continue;
            }
            subset[depth] = sites.get(i);
            if (after > 0 ? extend(depth + 1, k, i + 1, units + bound[i]) : tryCombination(k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds site {@code i}'s stock to the sums at {@code depth + 1}; false if some SKU, or the
     * capacity, cannot reach the need even if every location still to come had the most of it.
     */
    private boolean add(int depth, int i, int after) {
        Site site = sites.get(i);
        long[] before = stockSums[depth];
        long[] now = stockSums[depth + 1];
        steps += now.length;
        boolean reachable = true;
        for (int j = 0; j < now.length; j++) {
            now[j] = before[j] + Math.min(site.usable[j], q.need[j]);
            reachable &= now[j] + after * mostOf[j] >= q.need[j];
        }
        long cap = capacitySums[depth];
        capacitySums[depth + 1] = site.unitCap >= Long.MAX_VALUE - cap ? Long.MAX_VALUE : cap + site.unitCap;
        return reachable && (after > 0 || capacitySums[depth + 1] >= q.totalNeed);
    }

    private boolean tryCombination(int k) {
        Assignment a = Assignment.of(subset, k, q);
        if (!a.complete()) {
            a = Assignment.scarceFirst(subset, k, q);
        }
        if (!a.complete() || a.usedSites != k) {
            return false;
        }
        if (SplitSearch.meetsMinimum(a, request)) {
            found = a;
            return true;
        }
        if (firstComplete == null) {
            firstComplete = a;
        }
        return false;
    }
}
