package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.OrderDecider.Decision;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.DuplicateExternalOrderException;
import dev.oms.spi.StaleVersionException.VersionConflictException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import dev.oms.spi.store.OrderStore.OrderChange;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store contract of {@link dev.oms.spi.store.OrderStore}, on the in-memory store. */
class InMemoryOrderStoreTest {
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderDecider decider = decider();

    private Decision.Accepted placed(String externalId) {
        return decider.place(webOrder(externalId).build()).orThrow();
    }

    private OrderChange create(Decision.Accepted a, Optional<CommandRecord> record) {
        return change(a.order(), 0, a.events(), record);
    }

    @Test
    void saves_and_loads_by_id_and_channel_order_with_events_and_outbox() {
        Decision.Accepted a = placed("s-1");
        store.save(create(a, Optional.empty()));
        assertThat(store.load(a.order().id())).contains(a.order());
        assertThat(store.findByExternalId(WEB, a.order().header().externalOrderId())).contains(a.order());
        assertThat(store.events(a.order().id())).isEqualTo(a.events());
        assertThat(store.unpublished(10)).extracting(OutboxEntry::event).isEqualTo(a.events());
    }

    @Test
    void a_stale_expected_version_is_refused_and_writes_nothing() {
        Decision.Accepted a = placed("s-2");
        store.save(create(a, Optional.empty()));
        Decision.Accepted next = decider.decide(a.order(), new OrderCommand.Confirm()).orThrow();
        store.save(change(next.order(), 1, next.events(), Optional.empty()));
        Decision.Accepted stale = decider.decide(a.order(), new OrderCommand.Confirm()).orThrow();
        assertThatThrownBy(() -> store.save(change(stale.order(), 1, stale.events(), Optional.empty())))
                .isInstanceOf(VersionConflictException.class).hasMessageContaining("expected version 1")
                .hasMessageContaining("stored version is 2");
        assertThat(store.events(a.order().id())).hasSize(2);
        assertThat(store.unpublished(10)).hasSize(2);
        // creating an order that exists is a conflict too
        assertThatThrownBy(() -> store.save(create(a, Optional.empty()))).isInstanceOf(VersionConflictException.class);
    }

    @Test
    void a_second_order_for_the_same_channel_order_is_refused() {
        store.save(create(placed("s-3"), Optional.empty()));
        Decision.Accepted twin = placed("s-3");
        assertThatThrownBy(() -> store.save(create(twin, Optional.empty())))
                .isInstanceOf(DuplicateExternalOrderException.class);
        assertThat(store.load(twin.order().id())).isEmpty();
    }

    @Test
    void a_command_key_is_recorded_once_and_a_second_save_with_it_writes_nothing() {
        CommandKey key = CommandKey.of("once");
        Decision.Accepted a = placed("s-4");
        CommandRecord record = new CommandRecord(key, "fp", a.order().id(), 1,
                a.events().stream().map(OrderEvent::eventId).toList());
        store.save(create(a, Optional.of(record)));
        assertThat(store.findCommand(key)).contains(record);
        Decision.Accepted b = placed("s-5");
        CommandRecord reuse = new CommandRecord(key, "fp", b.order().id(), 1,
                b.events().stream().map(OrderEvent::eventId).toList());
        assertThatThrownBy(() -> store.save(create(b, Optional.of(reuse))))
                .isInstanceOf(CommandKeyConflictException.class);
        assertThat(store.load(b.order().id())).isEmpty();
        assertThat(store.findByExternalId(WEB, b.order().header().externalOrderId())).isEmpty();
    }

    @Test
    void the_outbox_returns_unpublished_events_in_save_order_and_forgets_published_ones() {
        Decision.Accepted a = placed("s-6");
        Decision.Accepted b = placed("s-7");
        store.save(create(a, Optional.empty()));
        store.save(create(b, Optional.empty()));
        List<OutboxEntry<OrderEvent>> entries = store.unpublished(10);
        assertThat(entries).extracting(OutboxEntry::event).containsExactly(a.events().get(0), b.events().get(0));
        assertThat(entries.get(0).sequence()).isLessThan(entries.get(1).sequence());
        assertThat(store.unpublished(1)).hasSize(1);
        store.markPublished(List.of(a.events().get(0).eventId()));
        store.markPublished(List.of(a.events().get(0).eventId()));
        assertThat(store.unpublished(10)).extracting(OutboxEntry::event).containsExactly(b.events().get(0));
        assertThat(store.events(a.order().id())).hasSize(1);
        assertThatThrownBy(() -> store.unpublished(0)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_change_whose_parts_do_not_belong_together_is_refused_before_it_reaches_the_store() {
        Decision.Accepted a = placed("s-8");
        assertThatThrownBy(() -> change(a.order(), 1, a.events(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("expectedVersion");
        assertThatThrownBy(() -> change(a.order(), 0, List.of(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one event");
        Decision.Accepted other = placed("s-9");
        assertThatThrownBy(() -> change(a.order(), 0, other.events(), Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not belong");
    }

    /** Runs each task on its own thread, all released at once, and waits for them. */
    private static void race(List<Runnable> tasks) throws InterruptedException {
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (Runnable task : tasks) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException refused) {
                    // a loser of the race: what it left is asserted below
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    @org.junit.jupiter.api.RepeatedTest(20)
    void saves_of_different_orders_racing_for_one_key_record_it_once_and_only_the_winner_is_saved()
            throws InterruptedException {
        CommandKey key = CommandKey.of("contested");
        List<Decision.Accepted> orders = new java.util.ArrayList<>();
        List<Runnable> saves = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Decision.Accepted a = placed("key-race-" + i);
            orders.add(a);
            saves.add(() -> store.save(create(a, Optional.of(new CommandRecord(key, "fp", a.order().id(), 1,
                    a.events().stream().map(OrderEvent::eventId).toList())))));
        }
        race(saves);
        CommandRecord recorded = store.findCommand(key).orElseThrow();
        assertThat(orders).filteredOn(a -> store.load(a.order().id()).isPresent()).singleElement()
                .satisfies(winner -> assertThat(recorded.orderId()).isEqualTo(winner.order().id()));
        assertThat(store.unpublished(100)).hasSize(orders.get(0).events().size());
    }

    @org.junit.jupiter.api.RepeatedTest(20)
    void saves_racing_for_one_channel_order_create_one_order_and_the_losers_keys_are_forgotten()
            throws InterruptedException {
        List<CommandKey> keys = new java.util.ArrayList<>();
        List<Runnable> saves = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Decision.Accepted a = placed("channel-race"); // each a different order id
            CommandKey key = CommandKey.of("place-" + i);
            keys.add(key);
            saves.add(() -> store.save(create(a, Optional.of(new CommandRecord(key, "fp", a.order().id(), 1,
                    a.events().stream().map(OrderEvent::eventId).toList())))));
        }
        race(saves);
        dev.oms.spi.order.Order saved = store.findByExternalId(WEB, dev.oms.spi.ExternalOrderId.of("channel-race"))
                .orElseThrow();
        assertThat(keys).filteredOn(k -> store.findCommand(k).isPresent()).singleElement()
                .satisfies(k -> assertThat(store.findCommand(k).orElseThrow().orderId()).isEqualTo(saved.id()));
        assertThat(store.unpublished(100)).extracting(e -> e.event().orderId()).containsOnly(saved.id());
    }

    @Test
    void saves_of_many_orders_side_by_side_lose_no_event_in_the_outbox() throws InterruptedException {
        List<Runnable> saves = new java.util.ArrayList<>();
        int events = 0;
        for (int t = 0; t < 4; t++) {
            List<Decision.Accepted> mine = new java.util.ArrayList<>();
            for (int i = 0; i < 250; i++) {
                Decision.Accepted a = placed("many-" + t + "-" + i);
                mine.add(a);
                events += a.events().size();
            }
            saves.add(() -> mine.forEach(a -> store.save(create(a, Optional.empty()))));
        }
        race(saves);
        List<OutboxEntry<OrderEvent>> outbox = store.unpublished(100_000);
        assertThat(outbox).hasSize(events);
        assertThat(outbox).extracting(OutboxEntry::sequence).doesNotHaveDuplicates().isSorted();
    }
    /** A change with its grand total computed as oms-core's service computes it. */
    static OrderChange change(Order order, long expectedVersion, List<OrderEvent> events,
            Optional<CommandRecord> command) {
        return change(order, expectedVersion, events, command, List.of());
    }

    static OrderChange change(Order order, long expectedVersion, List<OrderEvent> events,
            Optional<CommandRecord> command, List<OrderEvent> rewrites) {
        return new OrderChange(order, expectedVersion, events, command, rewrites, OrderTotals.of(order).grandTotal());
    }
}
