package dev.oms.benchmarks.inventory;

import dev.oms.inventory.ReservationOutcome;
import dev.oms.spi.CommandKey;
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
 * Reservations of one unit of one hot SKU, each for a new order under its own key, with its hold
 * record (the reservation, its ledger movement, its idempotency record), from 1 and 2 threads;
 * next to the same recorded work in plain Java ({@link PlainReservations}: a compare-and-set, a
 * map entry, a chunked ledger append), the hardware's limit for a correct reservation (an
 * {@code AtomicLong} compare-and-set loop that takes a unit only when one is left) and a
 * {@code synchronized} check-and-decrement. The engine and the plain reference are started afresh
 * every {@value #LIVE_HOLDS} calls of a thread ({@link Window}), so what is measured is the reservation,
 * not the collector copying an ever larger set of live holds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HotSkuBenchmark {
    private static final Sku HOT = Sku.of("HOT-0");
    /** Every this many calls a thread starts a fresh store (for all threads). */
    public static final int LIVE_HOLDS = 10_000;
    private Window<Stock> stock;
    private Window<PlainReservations> plain;
    private final AtomicLong atomicUnits = new AtomicLong(Stock.PLENTY);
    private long lockedUnits = Stock.PLENTY;

    /** A fresh engine with the hot SKU stocked. */
    @Setup(Level.Iteration)
    public void stock() {
        stock = new Window<>(() -> new Stock().stock("HOT", 1, Stock.PLENTY), LIVE_HOLDS);
        plain = new Window<>(() -> new PlainReservations(HOT.value(), Stock.PLENTY), LIVE_HOLDS);
        atomicUnits.set(Stock.PLENTY);
        synchronized (this) {
            lockedUnits = Stock.PLENTY;
        }
    }

    private ReservationOutcome reserve(Caller caller) {
        CommandKey key = caller.nextKey();
        return stock.current(caller).inventory.reserve(Stock.oneUnit(caller.order(), HOT), key);
    }

    private PlainReservations.Hold reservePlain(Caller caller) {
        caller.nextKey();
        return plain.current(caller).reserve(caller.keyText(), caller.order().value(), 1);
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

    /** @param caller this thread's orders and keys @return the outcome */
    @Benchmark
    @Threads(1)
    public ReservationOutcome oms1Thread(Caller caller) {
        return reserve(caller);
    }

    /** @param caller this thread's orders and keys @return the outcome */
    @Benchmark
    @Threads(2)
    public ReservationOutcome oms2Threads(Caller caller) {
        return reserve(caller);
    }

    /** @param caller this thread's orders and keys @return the hold */
    @Benchmark
    @Threads(1)
    public PlainReservations.Hold plain1Thread(Caller caller) {
        return reservePlain(caller);
    }

    /** @param caller this thread's orders and keys @return the hold */
    @Benchmark
    @Threads(2)
    public PlainReservations.Hold plain2Threads(Caller caller) {
        return reservePlain(caller);
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
