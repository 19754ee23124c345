package dev.oms.benchmarks.routing;

import dev.oms.fulfillment.Router;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How long a plan takes as candidate locations (10 to 1,000) and lines (1 to 50) grow: a seeded
 * network, 256 prepared requests cycled. Locations stock a third of 2,000 SKUs each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingBenchmark {
    /** Candidate locations. */
    @Param({"10", "50", "100", "1000"})
    public int locations;
    /** Lines per request. */
    @Param({"1", "10", "50"})
    public int lines;
    /** The router's search budget: its default, and 0 (greedy alone) as the reference. */
    @Param({"0", "50000"})
    public long searchBudget;

    private Router router;
    private final List<RoutingRequest> requests = new ArrayList<>();
    private int next;

    /** The network and the requests. */
    @Setup
    public void build() {
        Network network = new Network(7, locations, 2000, 1.0 / 3);
        router = Router.builder(network.locations, network.stock()).searchBudget(searchBudget).build();
        for (int i = 0; i < 256; i++) {
            requests.add(network.request(lines));
        }
    }

    /** @return the plan */
    @Benchmark
    public RoutingPlan route() {
        return router.route(requests.get(next++ & 255));
    }
}
