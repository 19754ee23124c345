package dev.oms.testkit.flow;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.order.Order;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.testkit.FlowInvariants;
import dev.oms.testkit.LifecycleWorld;
import dev.oms.testkit.Lifecycles;
import dev.oms.testkit.OmsArbitraries.CatalogItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * Deterministic simulation of the order flow: thousands of random steps (accept, hold, edit,
 * cancel, work, deliver, return, stock receipts, time passing with the timers, crashes at store
 * writes and gateway calls, gateway outages, resume) drawn from a seed, with every cross-module
 * invariant checked after every step, and at the end, after a resume, every invariant at rest.
 * One thread: the same seed gives the same run, step for step and figure for figure. Two threads:
 * each draws its steps from its own seed and both run them at the same time on the same orders
 * (the interleaving is the machine's), the invariants checked after every round. A failure names
 * the seed and the step.
 */
class FlowSimulationTest {
    private static final long SEED = 20261201L;

    private static LifecycleWorld world(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<CatalogItem> catalogue = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            catalogue.add(new CatalogItem(Sku.of("SIM-" + i), dev.oms.spi.Amounts.of((5 + random.nextInt(40)) + ".90",
                    "EUR"), dev.oms.spi.order.TaxRate.of("VAT-7", "7")));
        }
        Map<PositionKey, Quantity> stock = new LinkedHashMap<>();
        for (CatalogItem item : catalogue) {
            for (var at : LifecycleWorld.WAREHOUSES) {
                stock.put(new PositionKey(item.sku(), at), Quantity.of(random.nextInt(15)));
            }
        }
        return LifecycleWorld.named("sim" + seed, dev.oms.flow.FlowStores.inMemory(), catalogue, stock);
    }

    /**
     * Every invariant, after a step: those of every order the step may have touched (its order,
     * fulfilment orders, processes or returns changed: an order nothing touched cannot break
     * one), and no oversell and the ledger for every SKU.
     */
    private static final class Checks {
        private final Map<OrderId, String> seen = new java.util.HashMap<>();

        void after(LifecycleWorld w, String step) {
            List<String> broken = new ArrayList<>();
            for (OrderId id : w.placed()) {
                String now = versions(w, id);
                if (!now.equals(seen.get(id))) {
                    dev.oms.testkit.Invariants.order(w.orders().load(id), step);
                    broken.addAll(FlowInvariants.violations(w.flow(), id));
                    seen.put(id, now);
                }
            }
            if (!broken.isEmpty()) {
                throw new AssertionError("after " + step + ": " + String.join("\n  ", broken));
            }
            FlowInvariants.check(w.flow(), List.of(), w.skus(), step);
        }

        private static String versions(LifecycleWorld w, OrderId id) {
            StringBuilder v = new StringBuilder().append(w.orders().load(id).version());
            w.flow().fulfillment().ofOrder(id).forEach(fo -> v.append(',').append(fo.id()).append(fo.version()));
            w.flow().processesOf(id).forEach(p -> v.append(',').append(p.id()).append(p.version()));
            w.returns().ofOrder(id).forEach(r -> v.append(',').append(r.id()).append(r.version()));
            w.inventory().reservationsOf(id).forEach(r -> v.append(',').append(r.id()).append(r.version()));
            return v.toString();
        }
    }

    /** Runs {@code steps} steps of one seed on one thread; returns the log and the end's figures. */
    private static List<String> run(long seed, int steps) {
        LifecycleWorld w = world(seed);
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        List<String> log = new ArrayList<>();
        Checks checks = new Checks();
        for (int i = 1; i <= steps; i++) {
            log.add(Lifecycles.randomStep(w, random));
            try {
                checks.after(w, w.lastStep());
            } catch (AssertionError broken) {
                throw new AssertionError("seed " + seed + ", step " + i + ": " + broken.getMessage(), broken);
            }
        }
        end(w, "seed " + seed);
        log.add(figures(w));
        return log;
    }

    /** After the run: no crash pending, a resume, and then every order at rest with every invariant. */
    private static void end(LifecycleWorld w, String what) {
        w.faults().disarm();
        w.advance(Duration.ofMinutes(1));
        w.flow().resume();
        for (OrderId id : w.placed()) {
            assertThat(w.flow().processesOf(id)).as(what + ": nothing left running at the end")
                    .noneMatch(p -> p.status() == ProcessStatus.RUNNING);
            assertThat(FlowInvariants.atRest(w.flow(), id)).as(what + ": order " + id + " at rest").isTrue();
        }
        w.checkInvariants();
    }

    private static String figures(LifecycleWorld w) {
        StringBuilder out = new StringBuilder();
        for (Order o : w.orderSnapshots()) {
            out.append(o.status()).append(' ').append(o.payments()).append(' ');
            o.lines().forEach(l -> out.append(l.quantities()));
            out.append('\n');
        }
        for (Sku sku : w.skus()) {
            for (var at : LifecycleWorld.WAREHOUSES) {
                var p = w.inventory().position(sku, at);
                out.append(sku).append('@').append(at).append(' ').append(p.onHand()).append('/').append(p.reserved())
                        .append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void a_seeded_run_keeps_every_invariant_after_every_step_and_replays_from_its_seed() {
        List<String> first = run(SEED, 3_000);
        List<String> again = run(SEED, 3_000);
        assertThat(again).as("the same seed, the same run").isEqualTo(first);
        assertThat(first.stream().filter(s -> s.startsWith("crash"))).as("crashes happened").isNotEmpty();
        assertThat(first.stream().filter(s -> s.startsWith("accept"))).hasSizeGreaterThan(400);
    }

    @Test
    void more_seeds_keep_every_invariant() {
        for (long seed = 1; seed <= 5; seed++) {
            run(seed, 800);
        }
    }

    @Test
    void two_threads_racing_on_the_same_orders_keep_every_invariant_after_every_round() throws Exception {
        LifecycleWorld w = world(SEED + 1).sharedByThreads();
        Checks checks = new Checks();
        int rounds = 2_000;
        // the checker takes part in both barriers: the threads start a round together and only
        // once the checks of the round before are done, so the checks read a world at rest
        CyclicBarrier start = new CyclicBarrier(3);
        CyclicBarrier done = new CyclicBarrier(3);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            SplittableRandom random = new SplittableRandom(SEED * 1_000 + t);
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < rounds; i++) {
                        start.await();
                        try {
                            Lifecycles.randomStep(w, random);
                        } catch (RuntimeException | AssertionError unexpected) {
                            failed.compareAndSet(null, unexpected);
                        }
                        done.await();
                    }
                } catch (Exception interrupted) {
                    failed.compareAndSet(null, interrupted);
                }
            }, "sim-" + t);
            threads.add(thread);
            thread.start();
        }
        for (int i = 1; i <= rounds; i++) {
            start.await();
            done.await();
            if (failed.get() != null) {
                break;
            }
            try {
                checks.after(w, "round " + i);
            } catch (AssertionError broken) {
                failed.compareAndSet(null, new AssertionError("round " + i + ": " + broken.getMessage(), broken));
                break;
            }
        }
        for (Thread t : threads) {
            t.interrupt();
            t.join(10_000);
        }
        if (failed.get() != null) {
            throw new AssertionError("two threads, seeds " + SEED * 1_000 + " and " + (SEED * 1_000 + 1), failed.get());
        }
        end(w, "two threads");
        assertThat(w.placed()).hasSizeGreaterThan(100);
    }
}
