package dev.oms.inventory;

import static dev.oms.inventory.InventoryFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.fakes.ManualClock;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.Movement.MovementReason;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPositions;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The availability cache is written from what each applied change left, not dropped and loaded
 * again: a second service on the same store stands for another JVM, whose changes this one sees
 * only when its entry expires (on the service's clock), while its own changes show at once.
 */
class AvailabilityCacheTest {
    private static final LineId L1 = LineId.of("1");
    private final ManualClock clock = newClock();
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private InventoryService here;
    private InventoryService otherJvm;

    @BeforeEach
    void stock() {
        here = stocked(store, clock);
        otherJvm = InventoryService.builder(store).clock(clock).ids(IdGenerator.sequential("other")).build();
        here.receive(TSHIRT, BERLIN, q(10), receipt("po-1"), key());
        here.receive(TSHIRT, MUNICH, q(10), receipt("po-2"), key());
    }

    private void reserve(InventoryService service, LocationId at, long units) {
        assertThat(service.reserve(ReserveRequest.of(OrderId.of("o-" + key().value()),
                new ReserveLine(L1, TSHIRT, at, q(units))), key())).isInstanceOf(ReservationOutcome.Reserved.class);
    }

    @Test
    void a_change_updates_the_positions_it_touched_and_leaves_the_entry_to_expire_on_time() {
        assertThat(here.availability().byLocation(TSHIRT)).containsEntry(BERLIN, 10L).containsEntry(MUNICH, 10L);
        reserve(otherJvm, MUNICH, 3); // this service does not know yet
        reserve(here, BERLIN, 2);

        // Berlin is what this change left; Munich was not touched here, so the entry was updated, not reloaded
        assertThat(here.availability().atp(TSHIRT, BERLIN)).isEqualTo(8);
        assertThat(here.availability().atp(TSHIRT, MUNICH)).isEqualTo(10);
        clock.advance(Duration.ofMillis(999));
        assertThat(here.availability().atp(TSHIRT, MUNICH)).as("updates do not extend the entry").isEqualTo(10);
        clock.advance(Duration.ofMillis(1));
        assertThat(here.availability().atp(TSHIRT)).isEqualTo(8 + 7);
        assertThat(here.availability().byLocation(TSHIRT)).containsEntry(BERLIN, 8L).containsEntry(MUNICH, 7L);
    }

    @Test
    void a_change_at_a_location_the_entry_does_not_know_drops_it_and_the_next_read_loads_it() {
        assertThat(here.availability().atp(TSHIRT)).isEqualTo(20);
        LocationId hamburg = LocationId.of("wh-hamburg");
        otherJvm.definePosition(TSHIRT, hamburg, PositionSettings.NONE);
        otherJvm.receive(TSHIRT, hamburg, q(5), receipt("po-3"), key());
        reserve(here, hamburg, 1);
        assertThat(here.availability().byLocation(TSHIRT)).containsEntry(hamburg, 4L).containsEntry(BERLIN, 10L);
    }

    @Test
    void an_update_older_than_what_the_entry_holds_is_ignored() {
        StockPosition now = here.position(TSHIRT, BERLIN);
        assertThat(here.availability().atp(TSHIRT, BERLIN)).isEqualTo(10);
        StockPosition later = new StockPosition(now.key(), now.onHand(), q(4), now.damaged(), now.qualityControl(),
                now.settings(), now.version() + 2);
        StockPosition earlier = new StockPosition(now.key(), now.onHand(), q(1), now.damaged(), now.qualityControl(),
                now.settings(), now.version() + 1);
        here.availability().update(List.of(later)); // two changes finished in the other order
        here.availability().update(List.of(earlier));
        assertThat(here.availability().atp(TSHIRT, BERLIN)).isEqualTo(6);
    }

    @Test
    void a_moved_position_the_store_did_not_return_drops_the_entry() {
        assertThat(here.availability().atp(TSHIRT, BERLIN)).isEqualTo(10);
        reserve(otherJvm, BERLIN, 3);
        InventoryChange change = new InventoryChange("chg-x", clock.instant(), List.of(PositionDelta.hold(
                PositionKey.of(TSHIRT, BERLIN), 3, MovementReason.RESERVE, receipt("o-x"))), Optional.empty(),
                List.of(), List.of(), Optional.empty());
        here.availability().update(change, List.of()); // a store that returned no positions
        assertThat(here.availability().atp(TSHIRT, BERLIN)).isEqualTo(7);
    }

    /**
     * A load that read a position before a change and is still under way when the change's update
     * comes: the update waits for the load and then writes over what it loaded (an update that
     * found no entry and went away would leave the loaded count stale until the entry expires).
     */
    @Test
    void an_update_waits_for_a_load_in_flight() throws InterruptedException {
        CountDownLatch loadRead = new CountDownLatch(1);
        CountDownLatch finishLoad = new CountDownLatch(1);
        StockPosition before = here.position(TSHIRT, BERLIN);
        StockPositions slowStore = (StockPositions) java.lang.reflect.Proxy.newProxyInstance(
                StockPositions.class.getClassLoader(), new Class<?>[] {StockPositions.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("positions")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    loadRead.countDown();
                    finishLoad.await();
                    return List.of(before); // what the load read, before the change
                });
        Availability availability = new Availability(slowStore, Duration.ofSeconds(1), 100, clock);
        Thread reader = new Thread(() -> availability.atp(TSHIRT));
        reader.start();
        loadRead.await();
        StockPosition after = new StockPosition(before.key(), before.onHand(), q(3), before.damaged(),
                before.qualityControl(), before.settings(), before.version() + 1);
        Thread updater = new Thread(() -> availability.update(List.of(after)));
        updater.start();
        while (updater.getState() != Thread.State.TERMINATED && updater.getState() != Thread.State.BLOCKED
                && updater.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // the update either finished (went away) or waits for the load
        }
        finishLoad.countDown();
        reader.join();
        updater.join();
        assertThat(availability.atp(TSHIRT, BERLIN)).isEqualTo(7);
    }

    /**
     * Two threads reserve on both positions while a third reads: every update is of a later
     * version than the one it replaces, so whatever order the updates land in, the cache ends at
     * the store's counts.
     */
    @RepeatedTest(20)
    void concurrent_changes_leave_the_cache_at_the_stores_counts() throws InterruptedException {
        here.receive(TSHIRT, BERLIN, q(10_000), receipt("po-more-1"), key());
        here.receive(TSHIRT, MUNICH, q(10_000), receipt("po-more-2"), key());
        assertThat(here.availability().atp(TSHIRT)).isEqualTo(20_020);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 300; i++) {
                        reserve(here, i % 2 == 0 ? BERLIN : MUNICH, 1 + i % 3);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.incrementAndGet();
                }
            }));
        }
        threads.add(new Thread(() -> {
            while (done.get() < 2) {
                here.availability().byLocation(TSHIRT);
            }
        }));
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(here.availability().atp(TSHIRT, BERLIN)).isEqualTo(here.position(TSHIRT, BERLIN).available());
        assertThat(here.availability().atp(TSHIRT, MUNICH)).isEqualTo(here.position(TSHIRT, MUNICH).available());
        assertThat(here.position(TSHIRT, BERLIN).available() + here.position(TSHIRT, MUNICH).available())
                .isEqualTo(20_020 - 2 * 600);
    }
}
