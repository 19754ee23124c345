package dev.oms.benchmarks.inventory;

import java.util.function.Supplier;

/**
 * Bounds what a benchmark keeps alive: every {@code calls} calls of one thread, the thread starts
 * a fresh store (or reference) for all threads and the old one becomes garbage, so a store holds
 * at most about {@code calls} times the number of threads. A store that keeps every hold
 * grows by a hold per call, and without a bound the collector's copying of that growing live set
 * decides the figure (and makes each iteration slower than the last). The fresh store's set-up is
 * paid inside the measurement, spread over the window's calls.
 *
 * @param <T> what is rebuilt
 */
final class Window<T> {
    private final Supplier<T> fresh;
    private final int calls;
    private volatile T current;

    Window(Supplier<T> fresh, int calls) {
        this.fresh = fresh;
        this.calls = calls;
        this.current = fresh.get();
    }

    /** @param caller the calling thread @return the store to call, fresh when its window is full */
    T current(Caller caller) {
        if (caller.calls() % calls == 0) {
            current = fresh.get();
        }
        return current;
    }
}
