package dev.oms.benchmarks.inventory;

import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.spi.OrderId;
import dev.oms.spi.Sku;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A reservation while many unexpired holds exist (checkout holds with an expiry an hour away, on a
 * thousand SKUs), against the same reservation with none: what is held must not make the next
 * reservation slower.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LiveHoldsBenchmark {
    /** How many unexpired holds exist while measuring. */
    @Param({"0", "1000000"})
    public int holds;

    private Stock stock;
    private ReserveRequest request;

    /** The holds, made once per trial. */
    @Setup(Level.Trial)
    public void hold() {
        stock = new Stock().stock("HELD", 1000, Stock.PLENTY).stock("FREE", 1, Stock.PLENTY);
        Instant inAnHour = Instant.parse("2026-11-20T11:00:00Z");
        for (int i = 0; i < holds; i++) {
            stock.inventory.reserve(Stock.oneUnit(OrderId.of("cart-" + i), Sku.of("HELD-" + (i % 1000)))
                    .expiringAt(inAnHour), stock.key());
        }
        request = Stock.oneUnit(OrderId.of("o-1"), Sku.of("FREE-0"));
    }

    /** @return the outcome */
    @Benchmark
    public ReservationOutcome reserve() {
        return stock.inventory.reserve(request, stock.key());
    }
}
