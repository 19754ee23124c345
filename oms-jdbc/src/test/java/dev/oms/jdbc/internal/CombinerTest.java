package dev.oms.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The group commit queue on real threads: every request done exactly once, by a batch within the limit. */
class CombinerTest {
    private static final class Number extends Combiner.Pending<Integer> {
        final int value;

        Number(int value) {
            this.value = value;
        }
    }

    private static List<Thread> callers(int threads, int each, Combiner<Number> combiner,
            ConcurrentLinkedQueue<Object> outcomes) {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    Number n = new Number(me * each + i);
                    try {
                        combiner.submit(n);
                        outcomes.add(n.outcome());
                    } catch (RuntimeException e) {
                        outcomes.add(e);
                    }
                }
            });
            thread.start();
            all.add(thread);
        }
        start.countDown();
        return all;
    }

    @Test
    void eight_threads_get_each_request_done_exactly_once_in_batches_of_at_most_the_limit() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlapping = new AtomicInteger();
        int[] doneCount = new int[8 * 2_000];
        Combiner<Number> combiner = new Combiner<>(5, 1, batch -> {
            if (inFlight.incrementAndGet() > 1) {
                overlapping.incrementAndGet();
            }
            sizes.add(batch.size()); // one batch at a time: no lock needed if the claim holds
            for (Number n : batch) {
                doneCount[n.value]++;
                n.succeed(n.value * 2);
            }
            inFlight.decrementAndGet();
        });
        ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
        for (Thread t : callers(8, 2_000, combiner, outcomes)) {
            t.join(120_000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(overlapping).as("never two batches at once").hasValue(0);
        assertThat(outcomes).hasSize(16_000).allMatch(o -> o instanceof Integer i && i % 2 == 0);
        assertThat(doneCount).containsOnly(1);
        assertThat(sizes).allMatch(s -> s >= 1 && s <= 5);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(16_000);
    }

    @Test
    void a_batch_that_throws_or_leaves_requests_open_fails_them_and_the_queue_goes_on() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        Combiner<Number> combiner = new Combiner<>(3, 2, batch -> {
            switch (batches.incrementAndGet() % 3) {
                case 0 -> throw new IllegalArgumentException("broken batch");
                case 1 -> batch.get(0).succeed(0); // the others left open
                default -> batch.forEach(n -> n.succeed(1));
            }
        });
        ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
        for (Thread t : callers(4, 500, combiner, outcomes)) {
            t.join(120_000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(outcomes).hasSize(2_000).allMatch(o -> o instanceof Integer
                || o instanceof IllegalStateException e && e.getMessage().startsWith("a group commit batch"));
        assertThat(outcomes).anyMatch(o -> o instanceof IllegalStateException e
                && e.getCause() instanceof IllegalArgumentException);
    }
}
