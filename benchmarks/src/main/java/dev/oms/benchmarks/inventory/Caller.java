package dev.oms.benchmarks.inventory;

import dev.oms.spi.CommandKey;
import dev.oms.spi.OrderId;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One benchmark thread as a caller: each call is a new order with its own command key, numbered
 * per thread (no counter shared between threads, which would make threads wait for each other in
 * the benchmark rather than in the code measured).
 */
@State(Scope.Thread)
public class Caller {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private final String prefix = "t" + THREADS.incrementAndGet() + "-";
    private long calls;

    /** @return the next call's key; {@link #order} is that call's order */
    public CommandKey nextKey() {
        return CommandKey.of(prefix + ++calls);
    }

    /** @return the order of the call whose key {@link #nextKey} returned last */
    public OrderId order() {
        return OrderId.of(prefix + calls);
    }

    /** @return how many keys this thread took */
    public long calls() {
        return calls;
    }

    /** @return the last key's text, for a reference that keys its records by string */
    public String keyText() {
        return prefix + calls;
    }
}
