package dev.oms.benchmarks.lifecycle;

import dev.oms.core.OrderCommand;
import dev.oms.core.PlaceOrder;
import dev.oms.spi.CommandKey;
import dev.oms.spi.OrderId;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
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
 * The keyed path a host takes for every order: {@code OrderService.place} and then
 * {@code handle(confirm)}, each with its command key (the fingerprint, the key and version checks,
 * the save of the snapshot, its events and its command record into the in-memory store, and the
 * outbox), next to the same two decisions by the decider alone (no store, no key). Each
 * invocation places a new three-line order. The store starts empty in every iteration and again
 * every {@value #LIVE_ORDERS} calls (its set-up paid inside the measurement), as the reservation
 * benchmarks' window does: a store keeps every order, and without a bound the collector's copying
 * of the growing live set, which the decider alone does not have, decided the figure (and
 * iterations of the same run differed four times over).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyedHandleBenchmark {
    /** How many orders the keyed benchmark's store holds at most before a fresh one. */
    public static final int LIVE_ORDERS = 10_000;
    private static final OrderCommand CONFIRM = new OrderCommand.Confirm();
    private static final OrderCommand HOLD = new OrderCommand.PlaceHold(HoldType.CUSTOMER_REQUEST, "call", "asked");
    private static final OrderCommand RELEASE = new OrderCommand.ReleaseHold(HoldType.CUSTOMER_REQUEST, "call", "done");
    private OmsOrders oms;
    private long next;
    private OrderId longLived;

    /** A fresh store and decider for each iteration, with one order whose log the last benchmark grows. */
    @Setup(Level.Iteration)
    public void freshStore() {
        oms = new OmsOrders();
        next = 0;
        longLived = oms.service.place(OmsOrders.threeLines("LONG"), CommandKey.of("long")).order().id();
    }

    /** @return the confirmed order, saved with its events and both command records */
    @Benchmark
    public Order keyedPlaceAndConfirm() {
        long n = next++;
        if (n > 0 && n % LIVE_ORDERS == 0) {
            oms = new OmsOrders();
        }
        PlaceOrder place = OmsOrders.threeLines("K-" + n);
        Order placed = oms.service.place(place, CommandKey.of("place-" + n)).order();
        return oms.service.handle(placed.id(), CONFIRM, CommandKey.of("confirm-" + n)).order();
    }

    /**
     * A hold placed and released on one order, keyed, again and again: the order's event log grows
     * by two events per call, so a store that copies the log on every save gets slower as the
     * iteration goes on.
     *
     * @return the order after the release
     */
    @Benchmark
    public Order keyedHoldAndReleaseOnALongOrder() {
        long n = next++;
        oms.service.handle(longLived, HOLD, CommandKey.of("hold-" + n));
        return oms.service.handle(longLived, RELEASE, CommandKey.of("release-" + n)).order();
    }

    /** @return the confirmed order, decided and evolved only */
    @Benchmark
    public Order deciderAlone() {
        PlaceOrder place = OmsOrders.threeLines("K-" + next++);
        Order placed = oms.decider.place(place).orThrow().order();
        return oms.decider.decide(placed, CONFIRM).orThrow().order();
    }
}
