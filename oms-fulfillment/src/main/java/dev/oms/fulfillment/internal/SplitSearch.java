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
 * exact-search limit; greedy maximum coverage above it), kept only if every shipment meets the
 * minimum shipment value; otherwise the most units the allowed locations can cover. The
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
     * @return the assignment: a complete one if any, else the most units the allowed locations cover, with the reason
     */
    public static Assignment choose(List<Site> sites, RoutingRequest request, Lines q, int exactSearchLimit) {
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



}
