package dev.oms.jdbc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Group commit's queue: callers that arrive while batches are being written wait, and the next
 * leader writes all of them in one batch. No thread of its own: a caller that finds fewer than
 * {@code leaders} batches in flight becomes a leader, takes up to {@code limit} waiting requests
 * in arrival order (its own among them unless more than {@code limit} are ahead of it), runs
 * them, and completes each; the others park until their request is done, and a leader that
 * finishes wakes the first request still waiting, which leads next. Leaders take requests one at
 * a time, so the requests waiting when a leader takes are written in its batch, not split with
 * another leader's. With one caller at a time every batch
 * has one request and nothing waits.
 *
 * @param <T> a request
 */
final class Combiner<T extends Combiner.Pending<?>> {
    /**
     * A request in the queue: its caller, and its outcome once the batch that took it is done.
     *
     * @param <R> its result
     */
    abstract static class Pending<R> {
        private final Thread caller = Thread.currentThread();
        private R result;
        private RuntimeException failure;
        private volatile boolean done;
        private volatile boolean taken;

        /** @param value the request's result; wakes its caller */
        final void succeed(R value) {
            result = value;
            done = true;
            LockSupport.unpark(caller);
        }

        /** @param e why the request failed; wakes its caller */
        final void fail(RuntimeException e) {
            failure = e;
            done = true;
            LockSupport.unpark(caller);
        }

        final void wake() {
            LockSupport.unpark(caller);
        }

        final boolean isDone() {
            return done;
        }

        final void markTaken() {
            taken = true;
        }

        /** @return whether a leader has taken it into its batch (its caller then only waits) */
        final boolean isTaken() {
            return taken;
        }

        /** @return the result (the caller's thread, after {@link Combiner#submit}) */
        final R outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    private final ConcurrentLinkedQueue<T> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger leading = new AtomicInteger();
    private final int limit;
    private final int leaders;
    private final Consumer<List<T>> batch;

    /**
     * @param limit the most requests in one batch
     * @param leaders the most batches in flight at once
     * @param batch runs a batch and completes every request in it (a request it leaves open, or
     *        every open one if it throws, fails with an {@link IllegalStateException})
     */
    Combiner(int limit, int leaders, Consumer<List<T>> batch) {
        this.limit = limit;
        this.leaders = leaders;
        this.batch = batch;
    }

    private boolean becomeLeader() {
        for (int now = leading.get(); now < leaders; now = leading.get()) {
            if (leading.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Queues the request and returns when a batch (led by this caller or another) has done it;
     * then {@link Pending#outcome()} has its result.
     *
     * @param request the request, made on the calling thread
     */
    void submit(T request) {
        waiting.add(request);
        boolean interrupted = false;
        while (!request.isDone()) {
            // a request another leader took is only waited for: leading again would find nothing
            if (!request.isTaken() && becomeLeader()) {
                try {
                    lead();
                } catch (Error e) {
                    waiting.remove(request); // not taken yet: it must not be written for a caller that is gone
                    throw e;
                } finally {
                    leading.decrementAndGet();
                    // requests that came during the batch need a leader: wake the first of them
                    T next = waiting.peek();
                    if (next != null) {
                        next.wake();
                    }
                }
            } else {
                LockSupport.park(this);
                // an interrupt does not end the wait (the batch may be writing this request), and
                // park returns at once while the flag is set: keep it for the caller, not for park
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void lead() {
        List<T> taken = new ArrayList<>();
        try {
            // one leader takes at a time, so two leaders woken together do not split the waiting
            // requests between two batches: the second finds them taken
            synchronized (waiting) {
                for (T next = waiting.poll(); next != null; next = taken.size() < limit ? waiting.poll() : null) {
                    next.markTaken();
                    taken.add(next);
                }
            }
            if (taken.isEmpty()) {
                return;
            }
            batch.accept(taken);
        } catch (RuntimeException e) {
            failOpen(taken, new IllegalStateException("a group commit batch failed: " + e, e));
        } catch (Error e) {
            failOpen(taken, new IllegalStateException("a group commit batch failed: " + e, e));
            throw e; // not swallowed
        }
        failOpen(taken, new IllegalStateException("a group commit batch left a request without an outcome"));
    }

    private static <T extends Pending<?>> void failOpen(List<T> taken, RuntimeException why) {
        for (T request : taken) {
            if (!request.isDone()) {
                request.fail(why);
            }
        }
    }
}
