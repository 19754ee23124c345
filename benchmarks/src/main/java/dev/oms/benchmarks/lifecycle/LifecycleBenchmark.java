package dev.oms.benchmarks.lifecycle;

import dev.oms.benchmarks.lifecycle.Peers.Status;
import dev.oms.benchmarks.lifecycle.Peers.Step;
import dev.oms.benchmarks.lifecycle.Peers.StoredOrder;
import dev.oms.benchmarks.lifecycle.Peers.Transitioned;
import dev.oms.core.PlaceOrder;
import dev.oms.spi.order.Order;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A whole lifecycle: place, confirm, allocate, ship, deliver, complete. oms decides each step on
 * the order the previous one produced (quantities, money and events included); each peer starts a
 * machine at pending and fires the five steps. Nothing is saved.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LifecycleBenchmark {
    private final OmsOrders oms = new OmsOrders();
    private final PlaceOrder place = OmsOrders.threeLines("W-2");
    private final StoredOrder pending = new StoredOrder("W-2", Status.PENDING, true);
    private final EnumTable enumTable = new EnumTable();
    private final Stateless4jMachine stateless4j = new Stateless4jMachine();
    private final SquirrelMachine squirrel = new SquirrelMachine();
    private final SpringMachine spring = new SpringMachine();

    /** @return the completed order */
    @Benchmark
    public Order oms() {
        return oms.lifecycle(place);
    }

    /** @return the last event */
    @Benchmark
    public Transitioned enumTable() {
        StoredOrder order = pending;
        Transitioned last = null;
        for (Step step : Peers.LIFECYCLE) {
            last = enumTable.fire(order, step);
            order = new StoredOrder(order.id(), last.to(), order.screened());
        }
        return last;
    }

    /** @return the last event */
    @Benchmark
    public Transitioned stateless4j() {
        StoredOrder order = pending;
        Transitioned last = null;
        for (Step step : Peers.LIFECYCLE) {
            last = stateless4j.fire(order, step);
            order = new StoredOrder(order.id(), last.to(), order.screened());
        }
        return last;
    }

    /** @return the events */
    @Benchmark
    public Transitioned[] squirrel() {
        return squirrel.lifecycle(pending);
    }

    /** @return the events */
    @Benchmark
    public Transitioned[] springStatemachine() {
        return spring.lifecycle(pending);
    }
}
