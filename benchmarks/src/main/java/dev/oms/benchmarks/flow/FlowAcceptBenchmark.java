package dev.oms.benchmarks.flow;

import dev.oms.flow.FlowResult;
import dev.oms.flow.FlowStores;
import dev.oms.flow.OrderFlow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The flow's accept path, as a host calls it for every order: {@code OrderFlow.accept} of a new
 * three-line order (its process record, the fraud screen, the authorisation with the fake
 * gateway, confirm, routing over three warehouses, the reservation, the fulfilment order), on the
 * in-memory stores, keyed. Every iteration starts with fresh stores and stock enough for all of
 * it, so each accept does the whole path and the heap does not carry earlier iterations; and so
 * does every {@value #LIVE_ORDERS}th accept (the thread that draws its number builds the fresh
 * world, paid inside the measurement; the other thread goes on with the old one until it sees
 * it), as the reservation benchmarks' window does: the stores keep every accept's records (about
 * 9.5 KB), and without a bound the collector's copying of that growing live set decided the
 * figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FlowAcceptBenchmark {
    /** How many accepted orders a world holds at most before a fresh one. */
    public static final int LIVE_ORDERS = 10_000;
    private final AtomicLong next = new AtomicLong();
    private volatile OrderFlow flow;

    /** Fresh stores, three warehouses in Germany, and a million units of each SKU at each. */
    @Setup(Level.Iteration)
    public void freshFlow() {
        flow = AcceptWorld.flow(FlowStores.inMemory(), 1_000_000);
    }

    /** @return the accepted order with its fulfilment order */
    @Benchmark
    @Threads(1)
    public FlowResult accept1Thread() {
        return accept();
    }

    /** @return the accepted order with its fulfilment order */
    @Benchmark
    @Threads(2)
    public FlowResult accept2Threads() {
        return accept();
    }

    private FlowResult accept() {
        long n = next.incrementAndGet();
        if (n % LIVE_ORDERS == 0) {
            flow = AcceptWorld.flow(FlowStores.inMemory(), 1_000_000);
        }
        return AcceptWorld.accept(flow, n);
    }
}
