package dev.oms.benchmarks.inventory;

import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reservation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * All-or-nothing reservations of 1 to 5 random SKUs out of 10,000, one unit each. One SKU in
 * twenty has nothing available, so about one request in six is refused, all of it, and changes
 * nothing. Next to them, the same engine reserving three single SKUs in turn and one three-line
 * request: a multi-line reservation should cost little more than one single.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MultiSkuBenchmark {
    static final int SKUS = 10_000;
    private Stock stock;
    private final List<ReserveRequest> requests = new ArrayList<>();
    private final List<ReserveRequest[]> singles = new ArrayList<>();
    private final List<ReserveRequest> triples = new ArrayList<>();
    private int next;

    /** Ten thousand SKUs, one in twenty empty; a thousand prepared requests of each kind. */
    @Setup(Level.Iteration)
    public void stock() {
        stock = new Stock().stock("S", SKUS, 0);
        for (int i = 0; i < SKUS; i++) {
            if (i % 20 != 0) {
                stock.inventory.receive(Sku.of("S-" + i), Stock.WAREHOUSE, Quantity.of(Stock.PLENTY),
                        dev.oms.spi.inventory.Reference.of(dev.oms.spi.inventory.Reference.Type.RECEIPT, "po"),
                        stock.key());
            }
        }
        SplittableRandom random = new SplittableRandom(42);
        requests.clear();
        singles.clear();
        triples.clear();
        for (int r = 0; r < 1000; r++) {
            OrderId order = OrderId.of("o-" + r);
            requests.add(request(order, random, 1 + random.nextInt(5), true));
            ReserveRequest triple = request(order, random, 3, false);
            triples.add(triple);
            singles.add(triple.lines().stream().map(l -> ReserveRequest.of(order, l)).toArray(ReserveRequest[]::new));
        }
        next = 0;
    }

    private static ReserveRequest request(OrderId order, SplittableRandom random, int lines, boolean mayBeEmpty) {
        List<ReserveLine> out = new ArrayList<>();
        List<Integer> taken = new ArrayList<>();
        while (out.size() < lines) {
            int sku = random.nextInt(SKUS);
            if (taken.contains(sku) || (!mayBeEmpty && sku % 20 == 0)) {
                continue;
            }
            taken.add(sku);
            out.add(new ReserveLine(LineId.of(String.valueOf(out.size() + 1)), Sku.of("S-" + sku), Stock.WAREHOUSE,
                    Quantity.of(1)));
        }
        return new ReserveRequest(order, out, Reservation.ReservePolicy.ALL_OR_NOTHING, java.util.Optional.empty(),
                0);
    }

    /** @return the outcome of a request of 1 to 5 SKUs */
    @Benchmark
    public ReservationOutcome randomSkus() {
        return stock.inventory.reserve(requests.get(next++ % requests.size()), stock.key());
    }

    /** @return the outcome of a three-line request */
    @Benchmark
    public ReservationOutcome threeLines() {
        return stock.inventory.reserve(triples.get(next++ % triples.size()), stock.key());
    }

    /** @return the last of three single reservations of the same three SKUs */
    @Benchmark
    public ReservationOutcome threeSingles() {
        ReserveRequest[] three = singles.get(next++ % singles.size());
        stock.inventory.reserve(three[0], stock.key());
        stock.inventory.reserve(three[1], stock.key());
        return stock.inventory.reserve(three[2], stock.key());
    }
}
