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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The latency distribution (p99 in the table) of routing 10 lines over 50 locations. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingLatencyBenchmark {
    private Router router;
    private final List<RoutingRequest> requests = new ArrayList<>();
    private int next;

    /** The network and the requests. */
    @Setup
    public void build() {
        Network network = new Network(11, 50, 2000, 1.0 / 3);
        router = Router.builder(network.locations, network.stock()).build();
        for (int i = 0; i < 256; i++) {
            requests.add(network.request(10));
        }
    }

    /** @return the plan */
    @Benchmark
    public RoutingPlan tenLinesFiftyLocations() {
        return router.route(requests.get(next++ & 255));
    }
}
