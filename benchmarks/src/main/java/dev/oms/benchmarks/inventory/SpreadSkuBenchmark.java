package dev.oms.benchmarks.inventory;

import dev.oms.inventory.ReservationOutcome;
import dev.oms.spi.CommandKey;
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
 * lock, so 2 threads should do nearly twice the work of 1. Each call is a new order under its own
 * key, numbered per thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpreadSkuBenchmark {
    private Window<Stock> stock;
    private final AtomicInteger threads = new AtomicInteger();

    /** Each thread's own SKU, and its own orders and keys. */
    @State(Scope.Thread)
    public static class Own extends Caller {
        Sku sku;

        /** @param shared the shared engine */
        @Setup(Level.Iteration)
        public void pick(SpreadSkuBenchmark shared) {
            sku = Sku.of("SPREAD-" + shared.threads.getAndIncrement() % 8);
        }

        ReservationOutcome reserve(Window<Stock> stock) {
            CommandKey key = nextKey();
            return stock.current(this).inventory.reserve(Stock.oneUnit(order(), sku), key);
        }
    }

    /** A fresh engine with eight SKUs, kept to {@value HotSkuBenchmark#LIVE_HOLDS} holds per thread. */
    @Setup(Level.Iteration)
    public void stock() {
        stock = new Window<>(() -> new Stock().stock("SPREAD", 8, Stock.PLENTY), HotSkuBenchmark.LIVE_HOLDS);
        threads.set(0);
    }

    /** @param own this thread's SKU @return the outcome */
    @Benchmark
    @Threads(1)
    public ReservationOutcome oms1Thread(Own own) {
        return own.reserve(stock);
    }

    /** @param own this thread's SKU @return the outcome */
    @Benchmark
    @Threads(2)
    public ReservationOutcome oms2Threads(Own own) {
        return own.reserve(stock);
    }
}
