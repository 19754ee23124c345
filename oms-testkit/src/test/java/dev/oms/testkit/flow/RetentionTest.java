package dev.oms.testkit.flow;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.flow.FlowStores;
import dev.oms.flow.Retention;
import dev.oms.flow.Retention.Purged;
import dev.oms.flow.Retention.RetentionPolicy;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.testkit.LifecycleWorld;
import dev.oms.testkit.Lifecycles;
import dev.oms.testkit.OmsArbitraries.CatalogItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Retention on a running system: after a purge what is kept still passes every invariant of the
 * kit and reconciles, recent keys still make repeats replays, and a purge running alongside
 * reservations loses no unit.
 */
class RetentionTest {
    /** A clock that follows another, set once the world (and its clock) exists. */
    private static final class Following extends Clock {
        private volatile Clock target = Clock.fixed(LifecycleWorld.START, ZoneOffset.UTC);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return target.instant();
        }
    }

    @Test
    void after_a_purge_what_is_kept_passes_every_invariant_and_recent_keys_still_replay() {
        Following clock = new Following();
        FlowStores stores = FlowStores.inMemory(clock);
        List<CatalogItem> catalogue = List.of(
                new CatalogItem(Sku.of("RET-1"), dev.oms.spi.Amounts.of("19.90", "EUR"), 
                        dev.oms.spi.order.TaxRate.of("VAT-7", "7")),
                new CatalogItem(Sku.of("RET-2"), dev.oms.spi.Amounts.of("7.50", "EUR"), 
                        dev.oms.spi.order.TaxRate.of("VAT-7", "7")));
        Map<PositionKey, Quantity> stock = new LinkedHashMap<>();
        catalogue.forEach(item -> LifecycleWorld.WAREHOUSES.forEach(at -> stock.put(new PositionKey(item.sku(), at),
                Quantity.of(12))));
        LifecycleWorld w = LifecycleWorld.named("retention", stores, catalogue, stock);
        clock.target = w.clock();
        SplittableRandom random = new SplittableRandom(20261201L);
        for (int i = 0; i < 300; i++) {
            Lifecycles.randomStep(w, random);
        }
        w.advance(Duration.ofMinutes(1));
        w.flow().resume();
        w.checkInvariants();
        CommandKey oldKey = CommandKey.of("retention-old");
        Reference oldReceipt = Reference.of(Reference.Type.RECEIPT, "po-old");
        w.inventory().receive(Sku.of("RET-1"), LifecycleWorld.WAREHOUSES.get(0), Quantity.of(1), oldReceipt, oldKey);

        w.advance(Duration.ofDays(40));
        for (int i = 0; i < 150; i++) {
            Lifecycles.randomStep(w, random);
        }
        CommandKey recentKey = CommandKey.of("retention-recent");
        Reference recentReceipt = Reference.of(Reference.Type.RECEIPT, "po-recent");
        w.inventory().receive(Sku.of("RET-2"), LifecycleWorld.WAREHOUSES.get(0), Quantity.of(1), recentReceipt,
                recentKey);
        long reservationsBefore = reservations(w).size();

        Purged purged = Retention.of(stores, w.clock(), new RetentionPolicy(Duration.ofDays(30), Duration.ofDays(7),
                Duration.ofDays(30), Duration.ofDays(30), Duration.ofDays(30), 7)).purgeAll();

        assertThat(purged.commandKeys()).as("keys from before the 40 days").isPositive();
        assertThat(purged.closedReservations()).as("reservations closed before the 40 days").isPositive();
        assertThat(purged.finishedProcesses()).as("processes finished before the 40 days").isPositive();
        assertThat(purged.foldedMovements()).as("movements from before the 40 days").isPositive();
        for (Sku sku : w.skus()) {
            for (LocationId at : LifecycleWorld.WAREHOUSES) {
                var tail = stores.inventory().ledgerTail(new PositionKey(sku, at)).orElseThrow();
                assertThat(tail.movements()).as("only the last 30 days stay in the ledger")
                        .allMatch(m -> !m.at().isBefore(w.clock().instant().minus(Duration.ofDays(30))));
            }
        }
        assertThat(reservations(w)).hasSize((int) (reservationsBefore - purged.closedReservations()))
                .noneMatch(r -> !r.status().isActive() && r.createdAt().isBefore(LifecycleWorld.START.plus(
                        Duration.ofDays(1))));
        assertThat(stores.inventory().findOperation(oldKey)).as("an old key is gone").isEmpty();
        assertThat(stores.inventory().findOperation(recentKey)).as("a recent key is kept").isPresent();
        var before = w.inventory().position(Sku.of("RET-2"), LifecycleWorld.WAREHOUSES.get(0));
        w.inventory().receive(Sku.of("RET-2"), LifecycleWorld.WAREHOUSES.get(0), Quantity.of(1), recentReceipt,
                recentKey);
        assertThat(w.inventory().position(Sku.of("RET-2"), LifecycleWorld.WAREHOUSES.get(0)).onHand())
                .as("a repeat under a kept key is a replay").isEqualTo(before.onHand());
        w.checkInvariants();

        for (int i = 0; i < 150; i++) {
            Lifecycles.randomStep(w, random);
        }
        w.advance(Duration.ofMinutes(1));
        w.flow().resume();
        w.checkInvariants();
        assertThat(w.inventory().reconcile(w.skus()).balanced()).isTrue();
    }

    @Test
    void a_purge_and_a_compaction_running_alongside_reservations_lose_no_unit_and_every_reconciliation_balances()
            throws Exception {
        InMemoryInventoryStore store = new InMemoryInventoryStore();
        InventoryService inventory = InventoryService.builder(store).build();
        Sku sku = Sku.of("HOT");
        LocationId at = LocationId.of("wh-1");
        inventory.definePosition(sku, at, PositionSettings.NONE);
        inventory.receive(sku, at, Quantity.of(1_000), Reference.of(Reference.Type.RECEIPT, "po-hot"),
                CommandKey.of("hot-receipt"));
        int threads = 4;
        int rounds = 400;
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong purged = new AtomicLong();
        AtomicLong folded = new AtomicLong();
        AtomicLong reconciled = new AtomicLong();
        AtomicLong unbalanced = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Long>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    long kept = 0;
                    for (int i = 0; i < rounds; i++) {
                        OrderId order = OrderId.of("o-" + thread + "-" + i);
                        Reservation r = inventory.reserve(new ReserveRequest(order, List.of(new ReserveLine(
                                LineId.of("1"), sku, at, Quantity.of(1))), ReservePolicy.ALL_OR_NOTHING,
                                Optional.empty(), 0), CommandKey.of("reserve-" + order)).reservation().orElseThrow();
                        if (i % 3 == 0) {
                            kept++;
                        } else {
                            inventory.release(r.id(), CommandKey.of("release-" + order));
                        }
                    }
                    return kept;
                }));
            }
            Future<?> purger = pool.submit(() -> {
                start.await();
                while (running.get()) {
                    purged.addAndGet(store.purgeClosedReservations(Duration.ZERO, 5));
                    store.purgeCommandKeys(Duration.ZERO, 5);
                    folded.addAndGet(store.compactLedger(Duration.ZERO, 7));
                    if (!inventory.reconcile(List.of(sku)).balanced()) {
                        unbalanced.incrementAndGet(); // a reconciliation must never see half a change or half a fold
                    }
                    reconciled.incrementAndGet();
                }
                return null;
            });
            start.countDown();
            long kept = 0;
            for (Future<Long> worker : workers) {
                kept += worker.get();
            }
            running.set(false);
            purger.get();
            purged.addAndGet(store.purgeClosedReservations(Duration.ZERO, 10_000));

            long released = (long) threads * rounds - kept;
            assertThat(purged).as("every released reservation, exactly once").hasValue(released);
            var position = inventory.position(sku, at);
            assertThat(position.onHand()).isEqualTo(Quantity.of(1_000));
            assertThat(position.reserved()).isEqualTo(Quantity.of(kept));
            long held = 0;
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < rounds; i += 3) {
                    List<Reservation> of = inventory.reservationsOf(OrderId.of("o-" + t + "-" + i));
                    assertThat(of).singleElement().satisfies(r -> assertThat(r.status().isActive()).isTrue());
                    held += of.get(0).lines().stream().mapToLong(l -> l.held().value()).sum();
                }
            }
            assertThat(held).isEqualTo(kept);
            assertThat(inventory.reconcile(List.of(sku)).balanced()).isTrue();
            assertThat(reconciled).as("reconciliations while it ran").hasPositiveValue();
            assertThat(unbalanced).as("of them unbalanced").hasValue(0);
            folded.addAndGet(store.compactLedger(Duration.ZERO, 100_000));
            // the receipt, a hold per reservation, a release per released one
            assertThat(folded).as("every movement folded exactly once").hasValue(1 + (long) threads * rounds + released);
            assertThat(store.movements(PositionKey.of(sku, at))).isEmpty();
            assertThat(inventory.reconcile(List.of(sku)).balanced()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Reservation> reservations(LifecycleWorld w) {
        List<Reservation> all = new ArrayList<>();
        w.placed().forEach(id -> all.addAll(w.inventory().reservationsOf(id)));
        return all;
    }
}
