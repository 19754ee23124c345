package dev.oms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Runs work on real threads released at the same moment, and fails if any thread throws or if
 * they do not all finish within a generous time (a deadlock). Timing never decides a pass;
 * only a hang does.
 */
final class Concurrently {
    static final int THREADS = 8;
    private static final long DEADLOCK_SECONDS = 60;

    private Concurrently() {
    }

    /**
     * Races saves of one version: each thread saves its own change, and a save that loses throws
     * {@code lost}.
     *
     * @param threads how many threads
     * @param save what each thread saves, given its index
     * @param lost the conflict a losing save throws
     * @return how many saves won (a store is right only if exactly one did)
     */
    static int wins(int threads, IntConsumer save, Class<? extends RuntimeException> lost) {
        java.util.concurrent.atomic.AtomicInteger wins = new java.util.concurrent.atomic.AtomicInteger();
        run(threads, t -> {
            try {
                save.accept(t);
                wins.incrementAndGet();
            } catch (RuntimeException e) {
                if (!lost.isInstance(e)) {
                    throw e;
                }
            }
        });
        return wins.get();
    }

    /**
     * @param threads how many threads
     * @param work what each thread does, given its index
     */
    static void run(int threads, IntConsumer work) {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    work.accept(index);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | AssertionError e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            }, "oms-tck-" + t);
            thread.setDaemon(true);
            thread.start();
            running.add(thread);
        }
        start.countDown();
        try {
            assertThat(done.await(DEADLOCK_SECONDS, TimeUnit.SECONDS))
                    .as("all %d threads finished within %d s (if not, the store deadlocks or hangs)", threads,
                            DEADLOCK_SECONDS)
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the threads", e);
        }
        assertThat(failures).as("exceptions thrown on the racing threads").isEmpty();
    }
}
