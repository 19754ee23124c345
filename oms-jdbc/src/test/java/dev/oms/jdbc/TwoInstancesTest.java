package dev.oms.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderService;
import dev.oms.core.PlaceOrder;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.EventId;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * Two "application instances" on one PostgreSQL: each has its own connection pool, its own stores
 * and its own services, as two JVMs would. Nothing but the database is shared.
 */
class TwoInstancesTest {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** One application instance. */
    private final class Instance {
        final PostgresStores stores = PostgresStores.on(LocalPostgres.anotherInstance(6));
        final InventoryService inventory;
        final OrderService orders;

        Instance(String name) {
            IdGenerator ids = IdGenerator.sequential(run + "-" + name);
            ManualClock clock = new ManualClock(AT);
            inventory = InventoryService.builder(stores.inventory()).clock(clock).ids(ids).build();
            orders = OrderService.builder(stores.orders()).maxAttempts(10_000)
                    .decider(OrderDecider.builder().clock(clock).ids(ids).build()).build();
        }
    }

    private static void race(int threads, java.util.function.IntConsumer work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    work.accept(index);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            all.add(thread);
        }
        start.countDown();
        for (Thread thread : all) {
            thread.join(120_000);
        }
        assertThat(failures).as("exceptions on the racing threads").isEmpty();
    }

    @Test
    void two_instances_reserving_one_hot_sku_never_oversell() throws InterruptedException {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        Sku sku = Sku.of("HOT-" + run);
        LocationId wh = LocationId.of("wh-" + run);
        a.inventory.definePosition(sku, wh, PositionSettings.NONE);
        a.inventory.receive(sku, wh, Quantity.of(300), Reference.of(Reference.Type.RECEIPT, "po-" + run),
                CommandKey.of("po-" + run));
        AtomicLong held = new AtomicLong();
        race(8, t -> {
            Instance me = t % 2 == 0 ? a : b;
            SplittableRandom random = new SplittableRandom(t);
            for (int i = 0; i < 1_000; i++) {
                ReservationOutcome outcome = me.inventory.reserve(ReserveRequest.of(OrderId.of(run + "-" + t + "-" + i),
                        new ReserveLine(LineId.of("1"), sku, wh, Quantity.of(1 + random.nextInt(3)))),
                        CommandKey.of(run + "-r-" + t + "-" + i));
                if (outcome instanceof ReservationOutcome.Reserved r) {
                    held.addAndGet(r.held().held());
                } else if (me.inventory.position(sku, wh).available() == 0) {
                    break;
                }
            }
        });
        assertThat(held.get()).as("exactly the stock is held by both instances together").isEqualTo(300);
        assertThat(b.inventory.position(sku, wh).reserved()).isEqualTo(Quantity.of(300));
        assertThat(a.inventory.reconcile(List.of(sku)).differences()).isEmpty();
    }

    @Test
    void two_instances_sending_commands_to_one_order_lose_no_update() throws InterruptedException {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        OrderId id = a.orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("two-" + run),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(AT)
                .line("1", "TEE", 1, Amounts.of("10.00", "EUR")).build()).order().id();
        race(8, t -> {
            Instance me = t % 2 == 0 ? a : b;
            for (int i = 0; i < 10; i++) {
                me.orders.handle(id, new OrderCommand.PlaceHold(HoldType.CUSTOM, "t" + t + "-" + i, "two instances"));
            }
        });
        Order stored = b.orders.load(id);
        assertThat(stored.holds()).hasSize(80);
        assertThat(stored.version()).isEqualTo(81);
        List<Long> versions = a.stores.orders().events(id).stream().map(OrderEvent::orderVersion).toList();
        assertThat(versions).isSorted().doesNotHaveDuplicates().hasSize(81);
    }

    @Test
    void the_same_key_from_24_threads_on_two_instances_gives_every_caller_the_first_result()
            throws InterruptedException {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        for (int round = 0; round < 3; round++) {
            OrderId id = a.orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("key-" + run + "-"
                    + round), CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                    .placedAt(AT).line("1", "TEE", 1, Amounts.of("10.00", "EUR")).build()).order().id();
            CommandKey key = CommandKey.of("hold-" + run + "-" + round);
            ConcurrentLinkedQueue<Order> results = new ConcurrentLinkedQueue<>();
            race(24, t -> results.add((t % 2 == 0 ? a : b).orders.handle(id, new OrderCommand.PlaceHold(HoldType.CUSTOM,
                    "review", "two instances"), key).order())); // none refused hold-already-active
            assertThat(results).hasSize(24);
            Order first = results.peek();
            assertThat(results).as("round " + round).allMatch(first::equals);
            assertThat(first.version()).isEqualTo(2);
            assertThat(a.stores.orders().events(id)).hasSize(2);
        }
    }

    @Test
    void the_same_channel_order_with_other_content_is_refused_on_postgresql_as_in_memory() {
        Instance a = new Instance("a");
        PlaceOrder.Builder order = PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("again-" + run),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(AT);
        Order first = a.orders.place(order.line("1", "TEE", 1, Amounts.of("10.00", "EUR")).build()).order();
        assertThat(a.orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("again-" + run),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(AT)
                .line("1", "TEE", 1, Amounts.of("10.0", "EUR")).build()).order()).isEqualTo(first);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.orders.place(PlaceOrder.builder(ChannelId.of("web"),
                ExternalOrderId.of("again-" + run), CustomerRef.of("c"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115")).placedAt(AT).line("1", "TEE", 2, Amounts.of("10.00", "EUR")).build()))
                .isInstanceOfSatisfying(dev.oms.spi.OmsException.PlacementConflictException.class, e -> assertThat(e.differences())
                        .containsExactly("line 1: quantity"));
        assertThat(a.stores.orders().events(first.id())).hasSize(1);
    }

    @Test
    void two_relays_publish_every_event_at_least_once_and_lose_none() throws InterruptedException {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        Set<EventId> published = ConcurrentHashMap.newKeySet();
        AtomicLong deliveries = new AtomicLong();
        AtomicBoolean producing = new AtomicBoolean(true);
        OutboxRelay.Publisher publisher = event -> {
            deliveries.incrementAndGet();
            published.add(event.eventId());
        };
        // The second relay's broker fails now and then: its batch rolls back and is relayed again.
        AtomicLong calls = new AtomicLong();
        OutboxRelay.Publisher flaky = event -> {
            if (calls.incrementAndGet() % 5 == 0) {
                throw new IllegalStateException("broker unavailable");
            }
            publisher.publish(event);
        };
        OutboxRelay relayA = new OutboxRelay(LocalPostgres.anotherInstance(2), publisher, 7);
        OutboxRelay relayB = new OutboxRelay(LocalPostgres.anotherInstance(2), flaky, 7);
        List<OrderId> placed = new ArrayList<>();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 60; i++) {
                Instance me = i % 2 == 0 ? a : b;
                OrderId id = me.orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("relay-" + run
                        + "-" + i), CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                        .placedAt(AT).line("1", "TEE", 1, Amounts.of("10.00", "EUR")).build()).order().id();
                me.orders.handle(id, new OrderCommand.Confirm());
                synchronized (placed) {
                    placed.add(id);
                }
            }
            producing.set(false);
        });
        producer.start();
        AtomicLong failedBatches = new AtomicLong();
        race(2, t -> {
            OutboxRelay relay = t == 0 ? relayA : relayB;
            boolean more = true;
            while (producing.get() || more) {
                try {
                    more = relay.relayBatch() > 0;
                } catch (OutboxRelay.RelayException brokerDown) {
                    failedBatches.incrementAndGet();
                    more = true;
                }
            }
        });
        producer.join();
        relayA.relayAll();
        Set<EventId> produced = new HashSet<>();
        for (OrderId id : placed) {
            a.stores.orders().events(id).forEach(e -> produced.add(e.eventId()));
        }
        assertThat(produced).hasSize(120);
        assertThat(published).as("every event of the test reached the publisher").containsAll(produced);
        assertThat(deliveries.get()).as("at least once").isGreaterThanOrEqualTo(published.size());
        assertThat(failedBatches.get()).as("the flaky broker did fail").isPositive();
        assertThat(a.stores.orders().unpublished(100_000)).extracting(e -> e.event().eventId())
                .as("none of them is left unpublished").doesNotContainAnyElementsOf(produced);
    }
}
