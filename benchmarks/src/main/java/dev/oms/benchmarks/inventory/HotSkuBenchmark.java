package dev.oms.benchmarks.inventory;

import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.spi.OrderId;
import dev.oms.spi.Sku;
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
 * Reservations of one unit of one hot SKU, each with its hold record (the reservation, its ledger
 * movement, its idempotency record), from 1 and 2 threads; next to the hardware's limit for a
 * correct reservation (an {@code AtomicLong} compare-and-set loop that takes a unit only when one
 * is left) and a {@code synchronized} check-and-decrement. The engine is rebuilt each iteration,
 * so the holds of one iteration do not weigh on the next.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HotSkuBenchmark {
    private static final Sku HOT = Sku.of("HOT-0");
    private Stock stock;
    private ReserveRequest request;
    private final AtomicLong atomicUnits = new AtomicLong(Stock.PLENTY);
    private long lockedUnits = Stock.PLENTY;

    /** A fresh engine with the hot SKU stocked. */
    @Setup(Level.Iteration)
    public void stock() {
        stock = new Stock().stock("HOT", 1, Stock.PLENTY);
        request = Stock.oneUnit(OrderId.of("o-1"), HOT);
        atomicUnits.set(Stock.PLENTY);
        synchronized (this) {
            lockedUnits = Stock.PLENTY;
        }
    }

    private ReservationOutcome reserve() {
        return stock.inventory.reserve(request, stock.key());
    }

    private boolean atomic() {
        while (true) {
            long units = atomicUnits.get();
            if (units < 1) {
                return false;
            }
            if (atomicUnits.compareAndSet(units, units - 1)) {
                return true;
            }
        }
    }

    private synchronized boolean locked() {
        if (lockedUnits < 1) {
            return false;
        }
        lockedUnits--;
        return true;
    }

    /** @return the outcome */
    @Benchmark
    @Threads(1)
    public ReservationOutcome oms1Thread() {
        return reserve();
    }

    /** @return the outcome */
    @Benchmark
    @Threads(2)
    public ReservationOutcome oms2Threads() {
        return reserve();
    }

    /** @return whether a unit was taken */
    @Benchmark
    @Threads(1)
    public boolean atomicLong1Thread() {
        return atomic();
    }

    /** @return whether a unit was taken */
    @Benchmark
    @Threads(2)
    public boolean atomicLong2Threads() {
        return atomic();
    }

    /** @return whether a unit was taken */
    @Benchmark
    @Threads(1)
    public boolean synchronized1Thread() {
        return locked();
    }

    /** @return whether a unit was taken */
    @Benchmark
    @Threads(2)
    public boolean synchronized2Threads() {
        return locked();
    }
}
