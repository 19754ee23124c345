package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand.*;
import dev.oms.core.OrderService.CommandResult;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.StaleVersionException.VersionConflictException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.store.OrderStore.OrderChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Real threads on one order: no lost update, never a stale save. */
class OrderServiceConcurrencyTest {
    private static final int THREADS = 8;
    private static final int COMMANDS_PER_THREAD = 60;

    /** A store that records every attempted save and the version it expected. */
    private static final class AuditedStore extends ForwardingStore {
        final List<OrderChange> saved = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger conflicts = new AtomicInteger();

        AuditedStore(InMemoryOrderStore delegate) {
            super(delegate);
        }

        @Override
        public void save(OrderChange change) {
            try {
                super.save(change);
                saved.add(change);
            } catch (VersionConflictException stale) {
                conflicts.incrementAndGet();
                throw stale;
            }
        }
    }

    @RepeatedTest(3)
    void concurrent_commands_lose_no_update_and_equal_a_serial_run() throws Exception {
        AuditedStore store = new AuditedStore(new InMemoryOrderStore());
        OrderService orders = OrderService.builder(store).decider(decider()).maxAttempts(10_000).build();
        // One line of 10,000 units, confirmed and fully authorised: threads allocate, ship,
        // capture and hold concurrently.
        PlaceOrder place = PlaceOrder.builder(WEB, ExternalOrderId.of("hot-1"), ALICE, EUR)
                .shipTo(dev.oms.spi.Address.of("DE", "10115")).placedAt(T0)
                .line(NewLine.of("L1", "HOT", 10_000, eur("1.00"))).build();
        OrderId id = orders.place(place).order().id();
        orders.handle(id, new Confirm());
        orders.handle(id, new RecordAuthorisation(eur("10000.00"), PaymentReference.of("a")));

        Map<CommandKey, OrderCommand> sent = new ConcurrentHashMap<>();
        Map<CommandKey, Long> acceptedAtVersion = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < COMMANDS_PER_THREAD; i++) {
                    OrderCommand command = switch (i % 4) {
                        case 0 -> new Allocate(LocationId.of("wh-" + thread), List.of(LineQuantity.of("L1", 3)));
                        case 1 -> new Ship(ShipmentId.of("s-" + thread + "-" + i), List.of(LineQuantity.of("L1", 2)));
                        case 2 -> new RecordCapture(eur("0.50"), PaymentReference.of("c-" + thread + "-" + i));
                        default -> i % 8 == 3 ? PlaceHold.of(dev.oms.spi.order.Order.HoldType.CUSTOM, "x")
                                : ReleaseHold.of(dev.oms.spi.order.Order.HoldType.CUSTOM, "x");
                    };
                    CommandKey key = CommandKey.of("t" + thread + "-" + i);
                    sent.put(key, command);
                    try {
                        acceptedAtVersion.put(key, orders.handle(id, command, key).order().version());
                    } catch (OmsException rule) {
                        refused.incrementAndGet();
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

        Order finalOrder = store.load(id).orElseThrow();
        // Every accepted command produced exactly one version; versions have no gaps and no repeats.
        List<Long> versions = new ArrayList<>(acceptedAtVersion.values());
        Collections.sort(versions);
        assertThat(versions).doesNotHaveDuplicates();
        assertThat(finalOrder.version()).isEqualTo(3 + acceptedAtVersion.size());
        assertThat(acceptedAtVersion.size() + refused.get()).isEqualTo(THREADS * COMMANDS_PER_THREAD);
        // Every successful save was based on the version stored right before it: never a stale save.
        List<OrderChange> saves = new ArrayList<>(store.saved);
        saves.sort(Comparator.comparingLong(c -> c.order().version()));
        for (int i = 1; i < saves.size(); i++) {
            assertThat(saves.get(i).expectedVersion()).isEqualTo(saves.get(i - 1).order().version());
        }
        // Applying the accepted commands serially, in the order they were saved, gives the same order.
        OrderDecider serialDecider = decider();
        Order serial = store.events(id).stream().filter(e -> e.orderVersion() <= 3).collect(
                java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                        serialDecider::replay));
        List<Map.Entry<CommandKey, Long>> inOrder = new ArrayList<>(acceptedAtVersion.entrySet());
        inOrder.sort(Map.Entry.comparingByValue());
        for (Map.Entry<CommandKey, Long> accepted : inOrder) {
            serial = serialDecider.decide(serial, sent.get(accepted.getKey()), Optional.of(accepted.getKey()))
                    .orThrow().order();
        }
        assertThat(serial).isEqualTo(finalOrder);
        assertThat(serialDecider.replay(store.events(id))).isEqualTo(finalOrder);
        // The quantities add up to exactly what was accepted: nothing lost, nothing doubled.
        long allocateAccepted = inOrder.stream().filter(e -> sent.get(e.getKey()) instanceof Allocate).count();
        long shipAccepted = inOrder.stream().filter(e -> sent.get(e.getKey()) instanceof Ship).count();
        long captureAccepted = inOrder.stream().filter(e -> sent.get(e.getKey()) instanceof RecordCapture).count();
        var q = finalOrder.requireLine(L1).quantities();
        assertThat(q.allocated().value() + q.shipped().value()).isEqualTo(3 * allocateAccepted);
        assertThat(q.shipped().value()).isEqualTo(2 * shipAccepted);
        assertThat(finalOrder.payments().captured()).isEqualTo(eur("0.50").multiply(captureAccepted));
        long outboxEvents = store.events(id).size();
        assertThat(store.unpublished(100_000)).hasSize((int) outboxEvents);
    }

    @Test
    void racing_placements_of_one_channel_order_create_exactly_one_order() throws Exception {
        InMemoryOrderStore store = new InMemoryOrderStore();
        OrderService orders = service(store);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<CommandResult>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            results.add(pool.submit(() -> {
                start.await();
                return orders.place(webOrder("race-1").build());
            }));
        }
        start.countDown();
        List<OrderId> ids = new ArrayList<>();
        int fresh = 0;
        for (Future<CommandResult> r : results) {
            CommandResult result = r.get(30, TimeUnit.SECONDS);
            ids.add(result.order().id());
            fresh += result.replayed() ? 0 : 1;
        }
        pool.shutdown();
        assertThat(ids).containsOnly(ids.get(0));
        assertThat(fresh).isEqualTo(1);
        assertThat(store.unpublished(100)).hasSize(1);
        List<OrderEvent> history = store.events(ids.get(0));
        assertThat(history).hasSize(1);
    }
}
