package dev.oms.inventory;

import static dev.oms.inventory.InventoryFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservationStatus;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.inventory.Reservation.ReservedLine;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;

/** Real threads, exact outcomes: units held equal units stocked, never more. */
class InventoryConcurrencyTest {
    private static final int THREADS = 8;

    @RepeatedTest(5)
    void eight_threads_on_one_hot_sku_hold_exactly_the_stock_and_the_ledger_reconciles() throws Exception {
        InMemoryInventoryStore store = new InMemoryInventoryStore();
        InventoryService inventory = InventoryService.builder(store).clock(newClock())
                .ids(IdGenerator.sequential("hot")).build();
        inventory.definePosition(TSHIRT, BERLIN, PositionSettings.NONE);
        inventory.receive(TSHIRT, BERLIN, q(1_000), receipt("po-hot"), key());

        AtomicLong requested = new AtomicLong();
        ConcurrentLinkedQueue<Reservation> held = new ConcurrentLinkedQueue<>();
        AtomicLong refusals = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(thread);
                start.await();
                // Reserve until even a single unit is refused: stock is then exhausted exactly. The
                // bound only stops a broken, overselling store from looping forever.
                for (int i = 0; i < 2_000; i++) {
                    OrderId order = OrderId.of("o-" + thread + "-" + i);
                    ReserveRequest request = i % 5 == 0
                            // two lines of one request on the same SKU: checked against their sum
                            ? ReserveRequest.of(order, ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 1 + random.nextInt(3)),
                                    ReserveLine.of("2", "TSHIRT-M", "wh-berlin", 1 + random.nextInt(3)))
                            : ReserveRequest.of(order, ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 1 + random.nextInt(3)));
                    requested.addAndGet(request.lines().stream().mapToLong(l -> l.quantity().value()).sum());
                    ReservationOutcome outcome = inventory.reserve(request, CommandKey.of("hot-" + thread + "-" + i));
                    if (outcome instanceof ReservationOutcome.Reserved reserved) {
                        held.add(reserved.held());
                        continue;
                    }
                    refusals.incrementAndGet();
                    ReservationOutcome single = inventory.reserve(ReserveRequest.of(OrderId.of(order + "-single"),
                            ReserveLine.of("1", "TSHIRT-M", "wh-berlin", 1)), CommandKey.of("hot-" + thread + "-" + i + "-1"));
                    if (single instanceof ReservationOutcome.Reserved reserved) {
                        held.add(reserved.held());
                    } else {
                        break;
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(requested.get()).as("demand exceeds stock, so the test can oversell if the engine lets it")
                .isGreaterThan(1_000);
        StockPosition position = inventory.position(TSHIRT, BERLIN);
        long sumOfHolds = held.stream().mapToLong(Reservation::held).sum();
        assertThat(sumOfHolds).as("exactly the stock is held, never more").isEqualTo(1_000);
        assertThat(position.reserved().value()).isEqualTo(1_000);
        assertThat(position.available()).isZero();
        assertThat(refusals.get()).isPositive();
        assertThat(inventory.reconcile(List.of(TSHIRT)).differences()).isEmpty();
    }

    @RepeatedTest(3)
    void random_multi_sku_all_or_nothing_reservations_never_deadlock_never_half_apply_and_conserve_stock()
            throws Exception {
        InMemoryInventoryStore store = new InMemoryInventoryStore();
        InventoryService inventory = InventoryService.builder(store).clock(newClock())
                .ids(IdGenerator.sequential("multi")).build();
        List<Sku> skus = new ArrayList<>();
        List<LocationId> locations = List.of(BERLIN, MUNICH);
        for (int s = 0; s < 6; s++) {
            Sku sku = Sku.of("SKU-" + s);
            skus.add(sku);
            for (LocationId location : locations) {
                inventory.definePosition(sku, location, PositionSettings.NONE);
                inventory.receive(sku, location, q(40), receipt("po-" + sku + location), key());
            }
        }
        ConcurrentLinkedQueue<Reservation> reservations = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(100 + thread);
                start.await();
                for (int i = 0; i < 150; i++) {
                    // 1-4 lines on random SKUs and locations, deliberately in random (not key) order
                    int lines = 1 + random.nextInt(4);
                    List<ReserveLine> request = new ArrayList<>();
                    for (int l = 0; l < lines; l++) {
                        Sku sku = skus.get(random.nextInt(skus.size()));
                        LocationId location = locations.get(random.nextInt(2));
                        request.add(new ReserveLine(dev.oms.spi.LineId.of(String.valueOf(l)), sku, location,
                                q(1 + random.nextInt(4))));
                    }
                    ReservationOutcome outcome = inventory.reserve(new ReserveRequest(OrderId.of("m-" + thread + "-" + i),
                            request, ReservePolicy.ALL_OR_NOTHING, java.util.Optional.empty(), 0),
                            CommandKey.of("m-" + thread + "-" + i));
                    outcome.reservation().ifPresent(r -> {
                        assertThat(r.held()).as("all or nothing: a reservation holds every requested unit")
                                .isEqualTo(request.stream().mapToLong(l -> l.quantity().value()).sum());
                        reservations.add(r);
                        // release about a third again, so stock keeps moving
                        if (random.nextInt(3) == 0) {
                            reservations.remove(r);
                            reservations.add(inventory.release(r.id(), CommandKey.of("rel-" + r.id())));
                        }
                    });
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS); // a deadlock would time out here
        }
        pool.shutdown();

        Map<String, Long> heldByPosition = new HashMap<>();
        for (Reservation r : reservations) {
            if (r.status() == ReservationStatus.ACTIVE) {
                for (ReservedLine line : r.lines()) {
                    heldByPosition.merge(line.position().toString(), line.held().value(), Long::sum);
                }
            }
        }
        for (Sku sku : skus) {
            for (StockPosition p : store.positions(sku)) {
                assertThat(p.onHand().value()).as("stock is conserved at " + p.key()).isEqualTo(40);
                assertThat(p.reserved().value()).as("reserved equals the active holds at " + p.key())
                        .isEqualTo(heldByPosition.getOrDefault(p.key().toString(), 0L));
                assertThat(p.available()).isNotNegative();
            }
        }
        assertThat(inventory.reconcile(skus).balanced()).isTrue();
    }
}
