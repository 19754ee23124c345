package dev.oms.benchmarks.routing;

import dev.oms.fulfillment.Router;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.fulfillment.RoutingRequest.RouteLine;

/**
 * How good the plans are, not how fast: on seeded small cases (4 to 12 locations, 1 to 8 lines,
 * sparse stock so splits are needed), the number of shipments in the router's plan against the
 * fewest locations that together hold every line, found by trying every subset. Only cases some
 * subset can serve completely count.
 */
public final class RoutingQuality {
    /**
     * The comparison over a number of cases.
     *
     * @param cases cases that could be served completely
     * @param same plans with exactly the fewest shipments possible
     * @param worse plans with more (never fewer: that would be a bug in the search)
     * @param splitCases cases that needed more than one location
     */
    public record Result(int cases, int same, int worse, int splitCases) {
        /** @return the share of plans with the fewest shipments possible */
        public double sameShare() {
            return cases == 0 ? 1 : (double) same / cases;
        }
    }

    private RoutingQuality() {
    }

    /**
     * @param seed the seed
     * @param wanted how many servable cases to compare
     * @return the comparison
     */
    public static Result compare(long seed, int wanted) {
        int cases = 0;
        int same = 0;
        int worse = 0;
        int split = 0;
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        while (cases < wanted) {
            int locations = 4 + random.nextInt(9);
            Network network = new Network(random.nextLong(), locations, 12, 0.3);
            RoutingRequest request = network.request(1 + random.nextInt(8));
            int fewest = fewestLocations(network, request);
            if (fewest < 0) {
                continue;
            }
            RoutingPlan plan = Router.builder(network.locations, network.stock()).build().route(request);
            if (!plan.complete()) {
                worse++;
            } else if (plan.shipments().size() == fewest) {
                same++;
            } else if (plan.shipments().size() > fewest) {
                worse++;
            } else {
                throw new IllegalStateException("a plan with fewer shipments than the exhaustive minimum: " + plan);
            }
            if (fewest > 1) {
                split++;
            }
            cases++;
        }
        return new Result(cases, same, worse, split);
    }

    /** The smallest number of locations whose stock together covers every line; -1 if none does. */
    static int fewestLocations(Network network, RoutingRequest request) {
        int n = network.locations.size();
        int best = -1;
        for (int mask = 1; mask < (1 << n); mask++) {
            int size = Integer.bitCount(mask);
            if (best != -1 && size >= best) {
                continue;
            }
            if (covers(network, request, mask)) {
                best = size;
            }
        }
        return best;
    }

    private static boolean covers(Network network, RoutingRequest request, int mask) {
        for (RouteLine line : request.lines()) {
            long[] at = network.units.get(line.sku());
            long total = 0;
            for (int i = 0; i < at.length; i++) {
                if ((mask & (1 << i)) != 0) {
                    total += at[i];
                }
            }
            if (total < line.quantity().value()) {
                return false;
            }
        }
        return true;
    }
}
