package dev.oms.benchmarks.routing;

import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.Router;
import dev.oms.fulfillment.Router.CapacityView;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.fulfillment.RoutingRequest.RouteLine;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How good the plans are, not how fast, on the path real networks take: seeded cases of 13 to 40
 * candidate locations (more than the router's exact-search limit of 12, so it searches
 * heuristically; every location stocks at least one requested SKU, so each is a candidate, and
 * the comparison checks that the router ranked them all), some with a daily unit capacity nearly used up, requests of 2 to 8 lines where
 * lines share SKUs and some lines form groups that must ship from one location. Each plan's number
 * of shipments is compared with the true optimum, which this class finds on its own, without the
 * router's code: subsets of increasing size, each tested for an exact assignment (every placement
 * of the groups, then a maximum flow from SKUs through locations' stock and capacity), so the
 * first size that works is proven the fewest. Cases no location set can serve, and cases whose
 * optimum is above {@link Networks#maxProven()} locations, are not counted (the result says how
 * many). {@link Networks#LARGE} does the same on 100 to 300 candidates, where the router's search
 * budget binds; a search budget of 0 measures greedy maximum coverage alone, the reference.
 */
public final class RoutingQuality {
    /**
     * Which cases to generate and how far to prove.
     *
     * @param minSites the fewest candidate locations
     * @param maxSites the most
     * @param maxProven the largest optimum proven; cases needing more are skipped and counted
     */
    public record Networks(int minSites, int maxSites, int maxProven) {
        /** The cases: 13 to 40 candidates, above the exact-search limit, optimum up to 5 proven. */
        public static final Networks MEDIUM = new Networks(13, 40, 5);
        /** Larger networks, where the router's search budget runs out before every pair and triple is tried. */
        public static final Networks LARGE = new Networks(100, 300, 3);

        /** @return "13-40" */
        public String range() {
            return minSites + "-" + maxSites;
        }
    }

    /**
     * The comparison over a number of cases.
     *
     * @param cases cases with a proven optimum
     * @param same plans with exactly the optimum's number of shipments
     * @param worse complete plans with more shipments
     * @param incomplete plans that left units unrouted although the optimum routes everything
     * @param splitCases cases whose optimum needs more than one location
     * @param worstGap the most shipments a complete plan used above the optimum
     * @param worstCase the seed and sizes of the case with the worst gap, to replay it
     * @param firstIncomplete the first case whose plan was incomplete, if any
     * @param unservable generated cases no set of locations could serve completely
     * @param beyondProof generated cases whose optimum is above {@link Networks#maxProven()}
     */
    public record Result(int cases, int same, int worse, int incomplete, int splitCases, int worstGap,
            String worstCase, String firstIncomplete, int unservable, int beyondProof) {
        /** @return the share of plans with the optimum's number of shipments */
        public double sameShare() {
            return cases == 0 ? 1 : (double) same / cases;
        }

        /** @return the worst case in words */
        public String worst() {
            String gap = worstGap == 0 ? "no complete plan worse" : "+" + worstGap + " shipment(s) (" + worstCase + ")";
            return incomplete == 0 ? gap : gap + "; first incomplete plan: " + firstIncomplete;
        }
    }

    private RoutingQuality() {
    }

    /**
     * @param seed the seed
     * @param wanted how many cases with a proven optimum to compare
     * @param networks which cases
     * @param searchBudget the router's {@link Router.Builder#searchBudget}
     * @return the comparison
     */
    public static Result compare(long seed, int wanted, Networks networks, long searchBudget) {
        int cases = 0;
        int same = 0;
        int worse = 0;
        int incomplete = 0;
        int split = 0;
        int worstGap = 0;
        String worstCase = "";
        String firstIncomplete = "";
        int unservable = 0;
        int beyond = 0;
        SplittableRandom random = new SplittableRandom(seed);
        while (cases < wanted) {
            long caseSeed = random.nextLong();
            Case c = Case.generate(caseSeed, networks);
            int optimum = c.optimum(networks.maxProven());
            if (optimum == Case.UNSERVABLE) {
                unservable++;
                continue;
            }
            if (optimum == Case.BEYOND_PROOF) {
                beyond++;
                continue;
            }
            RoutingPlan plan = c.route(searchBudget);
            long candidates = plan.explanation().stream().filter(v -> v instanceof RoutingPlan.Ranked).count();
            if (candidates != c.sites()) {
                throw new IllegalStateException("every location must be a candidate, so the case takes the router's"
                        + " path for " + c.sites() + " candidates; " + candidates + " were ranked: " + plan.explanation());
            }
            String described = String.format(Locale.ROOT, "case seed %d: %d locations, %d lines, optimum %d",
                    caseSeed, c.sites(), c.request.lines().size(), optimum);
            if (!plan.complete()) {
                if (incomplete++ == 0) {
                    firstIncomplete = described;
                }
            } else if (plan.shipments().size() == optimum) {
                same++;
            } else if (plan.shipments().size() > optimum) {
                worse++;
                int gap = plan.shipments().size() - optimum;
                if (gap > worstGap) {
                    worstGap = gap;
                    worstCase = described + ", plan " + plan.shipments().size();
                }
            } else {
                throw new IllegalStateException("a plan with fewer shipments than the proven optimum, "
                        + described + ": " + plan);
            }
            if (optimum > 1) {
                split++;
            }
            cases++;
        }
        return new Result(cases, same, worse, incomplete, split, worstGap, worstCase, firstIncomplete, unservable,
                beyond);
    }

    /** One seeded case: the network as plain arrays (what the proof reads) and as oms sees it. */
    static final class Case {
        static final int UNSERVABLE = -1;
        static final int BEYOND_PROOF = -2;
        final List<Location> locations = new ArrayList<>();
        final long[][] stock;
        final long[] cap;
        final int[] lineSku;
        final long[] quantity;
        final List<int[]> groups = new ArrayList<>();
        final boolean[] grouped;
        final RoutingRequest request;

        private Case(int sites, int skus, int lines) {
            stock = new long[sites][skus];
            cap = new long[sites];
            lineSku = new int[lines];
            quantity = new long[lines];
            grouped = new boolean[lines];
            request = null;
        }

        private Case(Case arrays, RoutingRequest request) {
            locations.addAll(arrays.locations);
            stock = arrays.stock;
            cap = arrays.cap;
            lineSku = arrays.lineSku;
            quantity = arrays.quantity;
            groups.addAll(arrays.groups);
            grouped = arrays.grouped;
            this.request = request;
        }

        static Case generate(long seed, Networks networks) {
            SplittableRandom r = new SplittableRandom(seed);
            int sites = networks.minSites() + r.nextInt(networks.maxSites() - networks.minSites() + 1);
            int skus = 6 + r.nextInt(10);
            int lines = 2 + r.nextInt(7);
            Case c = new Case(sites, skus, lines);
            for (int s = 0; s < sites; s++) {
                Location.Builder b = Location.builder(LocationId.of(String.format("loc-%02d", s)),
                        s % 5 == 0 ? LocationType.STORE : LocationType.WAREHOUSE,
                        Coordinates.of(47.5 + r.nextDouble() * 7, 6 + r.nextDouble() * 9),
                        Amounts.of(String.valueOf(3 + r.nextInt(5)), "EUR")).serves("DE");
                c.cap[s] = Long.MAX_VALUE;
                if (r.nextDouble() < 0.3) {
                    b.unitCapacity(500);
                    c.cap[s] = 1 + r.nextInt(8);
                }
                c.locations.add(b.build());
                for (int k = 0; k < skus; k++) {
                    c.stock[s][k] = r.nextDouble() < 0.25 ? 1 + r.nextInt(6) : 0;
                }
            }
            List<Integer> used = new ArrayList<>();
            for (int i = 0; i < lines; i++) {
                int sku;
                if (!used.isEmpty() && r.nextDouble() < 0.2) {
                    sku = used.get(r.nextInt(used.size()));
                } else {
                    do {
                        sku = r.nextInt(skus);
                    } while (used.contains(sku) && used.size() < skus);
                    used.add(sku);
                }
                c.lineSku[i] = sku;
                c.quantity[i] = 1 + r.nextInt(4);
            }
            String[] groupOf = new String[lines];
            for (String name : new String[] {"g1", "g2"}) {
                if (r.nextDouble() < (name.equals("g1") ? 0.35 : 0.15)) {
                    int a = r.nextInt(lines);
                    int b = r.nextInt(lines);
                    if (a != b && groupOf[a] == null && groupOf[b] == null) {
                        groupOf[a] = name;
                        groupOf[b] = name;
                        c.grouped[a] = true;
                        c.grouped[b] = true;
                        c.groups.add(new int[] {Math.min(a, b), Math.max(a, b)});
                    }
                }
            }
            for (int s = 0; s < sites; s++) {
                c.makeCandidate(s, r);
            }
            RouteLine[] routeLines = new RouteLine[lines];
            for (int i = 0; i < lines; i++) {
                RouteLine line = RouteLine.of(String.valueOf(i + 1), "SKU-" + c.lineSku[i], c.quantity[i],
                        Amounts.of("10.00", "EUR"));
                routeLines[i] = groupOf[i] == null ? line : line.inGroup(groupOf[i]);
            }
            Address to = Address.of("DE", "10115").withCoordinates(Coordinates.of(47.5 + r.nextDouble() * 7,
                    6 + r.nextDouble() * 9));
            return new Case(c, RoutingRequest.delivery(to, routeLines));
        }

        /** Gives a location that could take nothing some stock, so every location is a candidate. */
        private void makeCandidate(int s, SplittableRandom r) {
            List<Integer> ungrouped = new ArrayList<>();
            for (int i = 0; i < lineSku.length; i++) {
                if (!grouped[i]) {
                    ungrouped.add(i);
                    if (stock[s][lineSku[i]] > 0) {
                        return;
                    }
                }
            }
            for (int[] group : groups) {
                if (takesWhole(s, group)) {
                    return;
                }
            }
            if (!ungrouped.isEmpty()) {
                stock[s][lineSku[ungrouped.get(r.nextInt(ungrouped.size()))]] = 1 + r.nextInt(3);
                return;
            }
            int[] group = groups.get(0);
            long units = 0;
            for (int i : group) {
                units += quantity[i];
                long ofSku = 0;
                for (int j : group) {
                    ofSku += lineSku[j] == lineSku[i] ? quantity[j] : 0;
                }
                stock[s][lineSku[i]] = Math.max(stock[s][lineSku[i]], ofSku);
            }
            cap[s] = Math.max(cap[s], units);
        }

        private boolean takesWhole(int s, int[] group) {
            long[] left = stock[s].clone();
            long units = 0;
            for (int i : group) {
                left[lineSku[i]] -= quantity[i];
                units += quantity[i];
                if (left[lineSku[i]] < 0) {
                    return false;
                }
            }
            return units <= cap[s];
        }

        int sites() {
            return locations.size();
        }

        RoutingPlan route(long searchBudget) {
            Map<LocationId, Integer> index = new HashMap<>();
            for (int s = 0; s < sites(); s++) {
                index.put(locations.get(s).id(), s);
            }
            Router.StockView stockView = (sku, location) -> {
                Integer s = index.get(location);
                int k = Integer.parseInt(sku.value().substring("SKU-".length()));
                return s == null ? 0 : stock[s][k];
            };
            CapacityView capacity = new CapacityView() {
                @Override
                public long ordersLeft(LocationId location) {
                    return Long.MAX_VALUE;
                }

                @Override
                public long unitsLeft(LocationId location) {
                    return cap[index.get(location)];
                }
            };
            return Router.builder(locations, stockView).capacity(capacity).searchBudget(searchBudget).build()
                    .route(request);
        }

        /** The fewest locations that serve everything, proven by trying every smaller set. */
        int optimum(int maxProven) {
            int n = sites();
            int[] all = new int[n];
            for (int s = 0; s < n; s++) {
                all[s] = s;
            }
            if (!feasible(all, n)) {
                return UNSERVABLE;
            }
            for (int k = 1; k <= Math.min(maxProven, n); k++) {
                int[] idx = new int[k];
                for (int i = 0; i < k; i++) {
                    idx[i] = i;
                }
                while (true) {
                    if (mayCover(idx, k) && feasible(idx, k)) {
                        return k;
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
            }
            return BEYOND_PROOF;
        }

        private boolean mayCover(int[] subset, int k) {
            long[] need = new long[stock[0].length];
            long total = 0;
            for (int i = 0; i < lineSku.length; i++) {
                need[lineSku[i]] += quantity[i];
                total += quantity[i];
            }
            long capacity = 0;
            for (int s = 0; s < k; s++) {
                capacity = cap[subset[s]] >= Long.MAX_VALUE - capacity ? Long.MAX_VALUE : capacity + cap[subset[s]];
                for (int j = 0; j < need.length; j++) {
                    need[j] -= stock[subset[s]][j];
                }
            }
            for (long left : need) {
                if (left > 0) {
                    return false;
                }
            }
            return capacity >= total;
        }

        /** Whether these locations can take every unit: each group whole at one, the rest by flow. */
        boolean feasible(int[] subset, int k) {
            long[][] left = new long[k][];
            long[] capLeft = new long[k];
            for (int s = 0; s < k; s++) {
                left[s] = stock[subset[s]].clone();
                capLeft[s] = cap[subset[s]];
            }
            return placeGroups(0, left, capLeft, k);
        }

        private boolean placeGroups(int g, long[][] left, long[] capLeft, int k) {
            if (g == groups.size()) {
                return flowCoversRest(left, capLeft, k);
            }
            int[] group = groups.get(g);
            for (int s = 0; s < k; s++) {
                long units = 0;
                long[] after = left[s].clone();
                boolean fits = true;
                for (int line : group) {
                    after[lineSku[line]] -= quantity[line];
                    units += quantity[line];
                    fits &= after[lineSku[line]] >= 0;
                }
                if (fits && units <= capLeft[s]) {
                    long[] before = left[s];
                    left[s] = after;
                    capLeft[s] -= units;
                    boolean done = placeGroups(g + 1, left, capLeft, k);
                    left[s] = before;
                    capLeft[s] += units;
                    if (done) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Maximum flow source, SKUs (their need), locations (their stock of it), sink (their capacity). */
        private boolean flowCoversRest(long[][] left, long[] capLeft, int k) {
            int skus = stock[0].length;
            long[] need = new long[skus];
            long total = 0;
            for (int i = 0; i < lineSku.length; i++) {
                if (!grouped[i]) {
                    need[lineSku[i]] += quantity[i];
                    total += quantity[i];
                }
            }
            if (total == 0) {
                return true;
            }
            int nodes = 2 + skus + k;
            int source = 0;
            int sink = nodes - 1;
            long[][] residual = new long[nodes][nodes];
            for (int j = 0; j < skus; j++) {
                residual[source][1 + j] = need[j];
                for (int s = 0; s < k; s++) {
                    residual[1 + j][1 + skus + s] = left[s][j];
                }
            }
            for (int s = 0; s < k; s++) {
                residual[1 + skus + s][sink] = Math.min(capLeft[s], total);
            }
            long flow = 0;
            int[] parent = new int[nodes];
            while (true) {
                Arrays.fill(parent, -1);
                parent[source] = source;
                int[] queue = new int[nodes];
                int head = 0;
                int tail = 0;
                queue[tail++] = source;
                while (head < tail && parent[sink] < 0) {
                    int u = queue[head++];
                    for (int v = 0; v < nodes; v++) {
                        if (parent[v] < 0 && residual[u][v] > 0) {
                            parent[v] = u;
                            queue[tail++] = v;
                        }
                    }
                }
                if (parent[sink] < 0) {
                    return flow == total;
                }
                long push = Long.MAX_VALUE;
                for (int v = sink; v != source; v = parent[v]) {
                    push = Math.min(push, residual[parent[v]][v]);
                }
                for (int v = sink; v != source; v = parent[v]) {
                    residual[parent[v]][v] -= push;
                    residual[v][parent[v]] += push;
                }
                flow += push;
            }
        }
    }

    /**
     * Prints the comparisons: {@code RoutingQuality [cases] [seed]}, the networks and the
     * larger ones, each with the router's default budget and with greedy alone.
     *
     * @param args optional number of cases and seed
     */
    public static void main(String[] args) {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261122;
        long defaultBudget = Router.DEFAULT_SEARCH_BUDGET;
        for (Networks networks : new Networks[] {Networks.MEDIUM, Networks.LARGE}) {
            for (long budget : new long[] {defaultBudget, 0}) {
                long start = System.nanoTime();
                Result r = compare(seed, networks == Networks.LARGE ? cases / 10 : cases, networks, budget);
                System.out.printf(Locale.ROOT, "%s locations, budget %d: %d cases (%d needing a split): %.2f %% equal"
                        + " to the optimum, %d worse, %d incomplete; worst %s; skipped %d unservable, %d beyond %d;"
                        + " %.1f s%n", networks.range(), budget, r.cases(), r.splitCases(), 100 * r.sameShare(),
                        r.worse(), r.incomplete(), r.worst(), r.unservable(), r.beyondProof(), networks.maxProven(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }
}
