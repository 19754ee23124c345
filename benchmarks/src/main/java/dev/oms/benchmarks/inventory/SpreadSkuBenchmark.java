package dev.oms.benchmarks.inventory;

import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.spi.OrderId;
import dev.oms.spi.Sku;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Reservations on different SKUs, one per thread, from 1 and 2 threads: the engine has no global
 * lock, so 2 threads should do nearly twice the work of 1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpreadSkuBenchmark {
    private Stock stock;
    private final AtomicInteger threads = new AtomicInteger();

    /** Each thread's own SKU. */
    @State(Scope.Thread)
    public static class Own {
        ReserveRequest request;

        /** @param shared the shared engine */
        @Setup(Level.Iteration)
        public void pick(SpreadSkuBenchmark shared) {
            int n = shared.threads.getAndIncrement() % 8;
            request = Stock.oneUnit(OrderId.of("o-" + n), Sku.of("SPREAD-" + n));
        }
    }

    /** A fresh engine with eight SKUs. */
    @Setup(Level.Iteration)
    public void stock() {
        stock = new Stock().stock("SPREAD", 8, Stock.PLENTY);
        threads.set(0);
    }

    /** @param own this thread's SKU @return the outcome */
    @Benchmark
    @Threads(1)
    public ReservationOutcome oms1Thread(Own own) {
        return stock.inventory.reserve(own.request, stock.key());
    }

    /** @param own this thread's SKU @return the outcome */
    @Benchmark
    @Threads(2)
    public ReservationOutcome oms2Threads(Own own) {
        return stock.inventory.reserve(own.request, stock.key());
    }
}
