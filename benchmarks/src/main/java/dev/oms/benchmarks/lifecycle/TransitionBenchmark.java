package dev.oms.benchmarks.lifecycle;

import dev.oms.benchmarks.lifecycle.Peers.Status;
import dev.oms.benchmarks.lifecycle.Peers.Step;
import dev.oms.benchmarks.lifecycle.Peers.StoredOrder;
import dev.oms.benchmarks.lifecycle.Peers.Transitioned;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider.Decision;
import dev.oms.spi.OrderId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request pattern: restore a stored order and fire one guarded transition that emits its
 * event (confirm, guarded by "the fraud screen passed"). oms restores the order snapshot from its
 * in-memory store and decides; each peer restores its machine at the stored status (a map lookup
 * for the record, as oms' store is) and fires. Nothing is saved by anyone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransitionBenchmark {
    private final OmsOrders oms = new OmsOrders();
    private final Map<String, StoredOrder> peerStore = new HashMap<>();
    private final EnumTable enumTable = new EnumTable();
    private final Stateless4jMachine stateless4j = new Stateless4jMachine();
    private final SquirrelMachine squirrel = new SquirrelMachine();
    private final SpringMachine spring = new SpringMachine();
    private final OrderCommand confirm = new OrderCommand.Confirm();
    private OrderId orderId;

    /** Stores one pending three-line order for oms and one for the peers. */
    @Setup
    public void setUp() {
        orderId = oms.storedPendingOrder();
        peerStore.put("W-1", new StoredOrder("W-1", Status.PENDING, true));
    }

    /** @return oms' decision: the confirmed order and its OrderConfirmed event */
    @Benchmark
    public Decision.Accepted oms() {
        return oms.decider.decide(oms.store.load(orderId).orElseThrow(), confirm).orThrow();
    }

    /** @return the floor: an enum table */
    @Benchmark
    public Transitioned enumTable() {
        return enumTable.fire(peerStore.get("W-1"), Step.CONFIRM);
    }

    /** @return stateless4j */
    @Benchmark
    public Transitioned stateless4j() {
        return stateless4j.fire(peerStore.get("W-1"), Step.CONFIRM);
    }

    /** @return squirrel-foundation */
    @Benchmark
    public Transitioned squirrel() {
        return squirrel.fire(peerStore.get("W-1"), Step.CONFIRM);
    }

    /** @return Spring Statemachine */
    @Benchmark
    public Transitioned springStatemachine() {
        return spring.fire(peerStore.get("W-1"), Step.CONFIRM);
    }
}
