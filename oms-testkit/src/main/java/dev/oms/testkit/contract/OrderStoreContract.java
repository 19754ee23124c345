package dev.oms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderDecider.Decision;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.EventId;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.DuplicateExternalOrderException;
import dev.oms.spi.OrderId;
import dev.oms.spi.StaleVersionException.VersionConflictException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import dev.oms.spi.store.OrderStore;
import dev.oms.spi.store.OrderStore.OrderChange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.money.Monetary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.junit.jupiter.api.Test;

/**
 * The conformance contract of {@link OrderStore}. An adapter author extends this class in their
 * own test code and implements {@link #newStore()}; JUnit 5 (Jupiter) runs the {@code @Test}s and
 * jqwik runs the stateful {@code @Property}.
 *
 * <p>Each test is named after the rule it checks ({@code required_...}); its Javadoc states the
 * rule and hints at what to fix when it fails. The rules are those of the {@code OrderStore}
 * Javadoc: atomic save of snapshot, events, outbox and command key; optimistic versions; one order
 * per channel order; command keys recorded once; the event log; the outbox in save order.
 *
 * <p>Every test uses ids, channel order ids and command keys unique to it, so the store may be
 * shared between tests (one database for the test class).
 */
public abstract class OrderStoreContract {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger counter = new AtomicInteger();
    private final OrderDecider decider = OrderDecider.builder()
            .clock(Clock.fixed(Instant.parse("2026-11-01T09:00:00Z"), ZoneOffset.UTC))
            .ids(IdGenerator.sequential("tck-" + run)).build();

    /** For subclasses: an adapter's test class. */
    protected OrderStoreContract() {
    }

    /**
     * @return the store under test, empty or at least without orders of the ids this contract
     *     creates (every run uses fresh random ids)
     */
    protected abstract OrderStore newStore();

    // ------------------------------------------------------------------ helpers

    private String unique(String prefix) {
        return prefix + "-" + run + "-" + counter.incrementAndGet();
    }

    private Decision.Accepted placed(String externalId) {
        PlaceOrder place = PlaceOrder.builder(ChannelId.of("tck"), ExternalOrderId.of(externalId),
                CustomerRef.of("tck-customer"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115")).placedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .line("1", "TCK-SKU", 2, Amounts.of("9.99", "EUR")).build();
        return decider.place(place).orThrow();
    }

    private Decision.Accepted placed() {
        return placed(unique("ext"));
    }

    private static OrderChange create(Decision.Accepted a, Optional<CommandRecord> record) {
        return change(a.order(), 0, a.events(), record);
    }

    private Decision.Accepted hold(Order order, String code) {
        return decider.decide(order, new OrderCommand.PlaceHold(HoldType.CUSTOM, code, "tck")).orThrow();
    }

    private static CommandRecord record(CommandKey key, Decision.Accepted a) {
        return new CommandRecord(key, "tck-fingerprint", a.order().id(), a.order().version(),
                a.events().stream().map(OrderEvent::eventId).toList());
    }

    private static List<EventId> ids(List<OutboxEntry<OrderEvent>> entries) {
        return entries.stream().map(e -> e.event().eventId()).toList();
    }

    // ------------------------------------------------------------------ plain behaviour

    /**
     * Rule: a saved order loads by its id and by (channel, external order id), exactly as saved.
     * Fix: persist every field of the snapshot (lines, quantities, money with its currency and
     * scale, holds, payments, version) and index the channel order.
     */
    @Test
    void required_a_saved_order_loads_by_id_and_by_channel_order() {
        OrderStore store = newStore();
        Decision.Accepted a = placed();
        store.save(create(a, Optional.empty()));
        assertThat(store.load(a.order().id())).contains(a.order());
        assertThat(store.findByExternalId(a.order().header().channel(), a.order().header().externalOrderId()))
                .contains(a.order());
        Decision.Accepted next = hold(a.order(), "h1");
        store.save(change(next.order(), 1, next.events(), Optional.empty()));
        assertThat(store.load(a.order().id())).as("the latest version").contains(next.order());
        assertThat(store.findByExternalId(a.order().header().channel(), a.order().header().externalOrderId()))
                .contains(next.order());
    }

    /**
     * Rule: reads of what was never saved are empty, never an exception. Fix: map "no row" to
     * {@code Optional.empty()} or an empty list.
     */
    @Test
    void required_reads_of_unknown_orders_are_empty() {
        OrderStore store = newStore();
        assertThat(store.load(OrderId.of(unique("none")))).isEmpty();
        assertThat(store.findByExternalId(ChannelId.of("tck"), ExternalOrderId.of(unique("none")))).isEmpty();
        assertThat(store.events(OrderId.of(unique("none")))).isEmpty();
        assertThat(store.findCommand(CommandKey.of(unique("none")))).isEmpty();
    }

    /**
     * Rule: the events of a change go to the order's event log and to the outbox in the same
     * save, in order. Fix: write the events in the same transaction as the snapshot.
     */
    @Test
    void required_the_events_of_a_change_are_in_the_event_log_and_the_outbox() {
        OrderStore store = newStore();
        Decision.Accepted a = placed();
        store.save(create(a, Optional.empty()));
        Decision.Accepted next = hold(a.order(), "h1");
        store.save(change(next.order(), 1, next.events(), Optional.empty()));
        List<OrderEvent> all = new ArrayList<>(a.events());
        all.addAll(next.events());
        assertThat(store.events(a.order().id())).isEqualTo(all);
        assertThat(ids(store.unpublished(10_000))).containsSubsequence(all.stream().map(OrderEvent::eventId).toList());
    }

    /**
     * Rule: a save whose expected version is not the stored one throws
     * {@link VersionConflictException} and writes nothing: no snapshot, no event, no outbox
     * entry. Fix: make the version check and the writes one atomic step (a conditional update
     * on the version column inside the transaction that also writes events).
     */
    @Test
    void required_a_stale_expected_version_is_refused_and_writes_nothing() {
        OrderStore store = newStore();
        Decision.Accepted a = placed();
        store.save(create(a, Optional.empty()));
        Decision.Accepted second = hold(a.order(), "h1");
        store.save(change(second.order(), 1, second.events(), Optional.empty()));
        Decision.Accepted stale = hold(a.order(), "h2");
        int outbox = store.unpublished(10_000).size();
        assertThatThrownBy(() -> store.save(change(stale.order(), 1, stale.events(), Optional.empty())))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                });
        assertThat(store.load(a.order().id())).contains(second.order());
        assertThat(store.events(a.order().id())).hasSize(a.events().size() + second.events().size());
        assertThat(store.unpublished(10_000)).hasSize(outbox);
    }

    /**
     * Rule: creating an order whose id exists is a version conflict (expected version 0), not an
     * overwrite. Fix: insert new orders with a unique key on the id and map the violation.
     */
    @Test
    void required_creating_an_existing_order_is_a_version_conflict() {
        OrderStore store = newStore();
        Decision.Accepted a = placed();
        store.save(create(a, Optional.empty()));
        assertThatThrownBy(() -> store.save(create(a, Optional.empty()))).isInstanceOf(VersionConflictException.class);
        assertThat(store.events(a.order().id())).hasSize(a.events().size());
    }

    /**
     * Rule: there is one order per (channel, external order id); creating a second throws
     * {@link DuplicateExternalOrderException} and writes nothing. Fix: a unique index on
     * (channel, external order id), checked in the same transaction.
     */
    @Test
    void required_one_order_per_channel_order() {
        OrderStore store = newStore();
        String external = unique("ext");
        Decision.Accepted first = placed(external);
        store.save(create(first, Optional.empty()));
        Decision.Accepted twin = placed(external);
        assertThatThrownBy(() -> store.save(create(twin, Optional.empty())))
                .isInstanceOf(DuplicateExternalOrderException.class);
        assertThat(store.load(twin.order().id())).isEmpty();
        assertThat(store.events(twin.order().id())).isEmpty();
    }

    /**
     * Rule: a command key is recorded at most once; a save with a recorded key throws
     * {@link CommandKeyConflictException} and writes nothing; {@code findCommand} returns the
     * record. Fix: a unique key on the command key, written in the save's transaction.
     */
    @Test
    void required_a_command_key_is_recorded_once() {
        OrderStore store = newStore();
        CommandKey key = CommandKey.of(unique("key"));
        Decision.Accepted a = placed();
        store.save(create(a, Optional.of(record(key, a))));
        assertThat(store.findCommand(key)).contains(record(key, a));
        Decision.Accepted b = placed();
        assertThatThrownBy(() -> store.save(create(b, Optional.of(record(key, b)))))
                .isInstanceOf(CommandKeyConflictException.class);
        assertThat(store.load(b.order().id())).isEmpty();
        assertThat(store.findByExternalId(b.order().header().channel(), b.order().header().externalOrderId()))
                .isEmpty();
        assertThat(store.findCommand(key)).contains(record(key, a));
    }

    /**
     * Rule: the outbox returns unpublished events in save order (increasing sequence), at most
     * {@code limit} of them; published events leave the outbox but stay in the event log;
     * {@code markPublished} is idempotent and ignores unknown ids. Fix: a sequence column
     * assigned at insert, a published flag, an ordered query with a limit.
     */
    @Test
    void required_the_outbox_is_in_save_order_and_forgets_published_events() {
        OrderStore store = newStore();
        Decision.Accepted a = placed();
        Decision.Accepted b = placed();
        store.save(create(a, Optional.empty()));
        store.save(create(b, Optional.empty()));
        List<OutboxEntry<OrderEvent>> entries = store.unpublished(10_000);
        List<EventId> mine = List.of(a.events().get(0).eventId(), b.events().get(0).eventId());
        assertThat(ids(entries)).containsSubsequence(mine);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).sequence()).as("sequences increase").isGreaterThan(entries.get(i - 1).sequence());
        }
        assertThat(store.unpublished(1)).hasSize(1);
        store.markPublished(List.of(mine.get(0)));
        store.markPublished(List.of(mine.get(0), EventId.of(unique("unknown"))));
        assertThat(ids(store.unpublished(10_000))).doesNotContain(mine.get(0)).contains(mine.get(1));
        assertThat(store.events(a.order().id())).as("the log keeps published events").isEqualTo(a.events());
    }

    /**
     * Rule: a purge deletes only what is past its horizon: command keys recorded less than
     * {@code olderThan} ago stay; past it they go, at most {@code limit} per call, while the order,
     * its event log and its unpublished events stay; a negative horizon or a limit below one is
     * refused. Fix: stamp each key when it is recorded, delete by that stamp in batches.
     */
    @Test
    void required_a_purge_deletes_only_what_is_past_its_horizon() {
        OrderStore store = newStore();
        CommandKey key = CommandKey.of(unique("purged"));
        Decision.Accepted a = placed();
        store.save(create(a, Optional.of(record(key, a))));
        assertThat(store.purgeCommandKeys(java.time.Duration.ofDays(1), 10_000)).isZero();
        assertThat(store.findCommand(key)).contains(record(key, a));
        assertThat(store.purgeCommandKeys(java.time.Duration.ZERO, 1)).isLessThanOrEqualTo(1);
        while (store.purgeCommandKeys(java.time.Duration.ZERO, 10_000) == 10_000) {
            // a backlog, in batches
        }
        assertThat(store.findCommand(key)).isEmpty();
        store.purgePublishedEvents(java.time.Duration.ZERO, 10_000);
        assertThat(store.load(a.order().id())).contains(a.order());
        assertThat(store.events(a.order().id())).isEqualTo(a.events());
        assertThat(ids(store.unpublished(10_000))).as("unpublished events are never purged")
                .contains(a.events().get(0).eventId());
        assertThatThrownBy(() -> store.purgeCommandKeys(java.time.Duration.ofSeconds(-1), 10))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class);
        assertThatThrownBy(() -> store.purgePublishedEvents(java.time.Duration.ZERO, 0))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class);
    }

    /**
     * Rule: an erasure of personal data rewrites the order's logged events in place (same ids,
     * versions and order, erased bodies) and their outbox entries, in the save that records it; a
     * rewrite of an event that is not in the log refuses the whole save and writes nothing. Fix:
     * update the stored bodies of {@link OrderChange#rewrites()} by event id (log and outbox), in
     * the save's transaction, and fail it when a rewrite matches no logged event.
     */
    @Test
    void required_an_erasure_rewrites_the_log_and_the_outbox_in_its_save() {
        OrderStore store = newStore();
        OrderService service = OrderService.builder(store).decider(decider).build();
        Decision.Accepted a = placed();
        Order order = a.order();
        store.save(create(a, Optional.empty()));
        service.handle(order.id(), new OrderCommand.PlaceHold(HoldType.CUSTOMER_REQUEST, "call", "call at +49 30 1234"));
        service.handle(order.id(), new OrderCommand.Cancel(dev.oms.spi.order.CancelReason.CUSTOMER_REQUEST,
                "moved to Bahnhofstr. 1"));
        List<OrderEvent> before = store.events(order.id());
        Order cancelled = store.load(order.id()).orElseThrow();

        // a rewrite of an event the log does not have: refused, nothing written
        Decision.Accepted erasure = decider.decide(cancelled, new OrderCommand.ErasePersonalData()).orThrow();
        OrderEvent stranger = new OrderEvent.OrderConfirmed(new OrderEvent.EventMetadata(
                EventId.of(unique("stranger")), order.id(), 2, Instant.parse("2026-11-01T09:00:00Z"), Optional.empty()));
        // the first event at another version: the rewrite of a logged id the log does not have there
        dev.oms.spi.event.OrderEvent.OrderPlaced placed = (dev.oms.spi.event.OrderEvent.OrderPlaced) before.get(0);
        dev.oms.spi.order.Order.OrderHeader h = placed.header();
        OrderEvent misplaced = new OrderEvent.OrderPlaced(new OrderEvent.EventMetadata(placed.eventId(),
                order.id(), 2, placed.occurredAt(), placed.metadata().commandKey()), new dev.oms.spi.order.Order.OrderHeader(
                        h.channel(), h.externalOrderId(), CustomerRef.of("erased"), Address.of("DE", ""),
                        Address.of("DE", ""), h.serviceLevel(), h.pickupLocation(), h.currency(), h.taxPolicy(), h.pricing(),
                        h.placedAt(), h.tags(), h.attributes(), h.b2b()),
                placed.lines(), placed.discounts(), placed.shippingCharges());
        int outbox = store.unpublished(10_000).size();
        for (OrderEvent wrong : List.of(stranger, misplaced)) {
            assertThatThrownBy(() -> store.save(change(erasure.order(), cancelled.version(), erasure.events(),
                    Optional.empty(), List.of(wrong)))).isInstanceOf(dev.oms.spi.InvalidInputException.class);
            assertThat(store.load(order.id())).contains(cancelled);
            assertThat(store.events(order.id())).isEqualTo(before);
            assertThat(store.unpublished(10_000)).hasSize(outbox);
        }

        service.handle(order.id(), new OrderCommand.ErasePersonalData(), CommandKey.of(unique("erase")));
        List<OrderEvent> after = store.events(order.id());
        assertThat(after).hasSize(before.size() + 1);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).eventId()).isEqualTo(before.get(i).eventId());
            assertThat(after.get(i).orderVersion()).isEqualTo(before.get(i).orderVersion());
            assertThat(after.get(i).getClass()).isEqualTo(before.get(i).getClass());
        }
        assertThat(after.get(before.size())).isInstanceOf(dev.oms.spi.event.OrderEvent.PersonalDataErased.class);
        Order erased = store.load(order.id()).orElseThrow();
        assertThat(erased).as("the snapshot is what its rewritten history replays to").isEqualTo(decider.replay(after));
        assertThat(erased.header().customer().value()).isEqualTo("erased");
        assertThat(erased.header().shippingAddress()).isEqualTo(Address.of("DE", ""));
        assertThat(erased.lines()).isEqualTo(cancelled.lines());
        assertThat(erased.payments()).isEqualTo(cancelled.payments());
        dev.oms.spi.event.OrderEvent.OrderPlaced placement = (dev.oms.spi.event.OrderEvent.OrderPlaced) after.get(0);
        assertThat(placement.header()).isEqualTo(erased.header());
        assertThat(placement.lines()).isEqualTo(((dev.oms.spi.event.OrderEvent.OrderPlaced) before.get(0)).lines());
        List<OrderEvent> inOutbox = store.unpublished(10_000).stream().map(OutboxEntry::event)
                .filter(e -> e.orderId().equals(order.id())).toList();
        assertThat(inOutbox).as("the outbox holds the rewritten events, in their places").isEqualTo(after);
        String text = after.toString() + erased + inOutbox;
        for (String personal : List.of("tck-customer", "+49 30 1234", "Bahnhofstr")) {
            assertThat(text).as("log, snapshot and outbox").doesNotContain(personal);
        }
    }

    // ------------------------------------------------------------------ atomicity under concurrency

    /**
     * Rule: under concurrency no update is lost. Eight threads each place ten holds on one order
     * through {@code OrderService} (which retries on a version conflict); every hold is on the
     * final order, and the event log has every version exactly once. Fix: the version check must
     * be atomic with the write (a lost update means two saves of one version both succeeded).
     */
    @Test
    void required_concurrent_commands_on_one_order_lose_no_update() {
        OrderStore store = newStore();
        OrderService service = OrderService.builder(store).decider(decider).maxAttempts(1_000).build();
        OrderId id = service.place(placeCommand(unique("ext"))).order().id();
        Concurrently.run(Concurrently.THREADS, t -> {
            for (int i = 0; i < 10; i++) {
                service.handle(id, new OrderCommand.PlaceHold(HoldType.CUSTOM, "t" + t + "-" + i, "tck"));
            }
        });
        Order stored = store.load(id).orElseThrow();
        assertThat(stored.holds()).hasSize(Concurrently.THREADS * 10);
        assertThat(stored.version()).isEqualTo(1 + Concurrently.THREADS * 10);
        List<Long> versions = store.events(id).stream().map(OrderEvent::orderVersion).toList();
        assertThat(versions).as("every version once, in order").isSorted().doesNotHaveDuplicates()
                .hasSize(1 + Concurrently.THREADS * 10);
    }

    /**
     * Rule: when several saves of the same version race, exactly one succeeds and every other
     * throws {@link VersionConflictException}; the stored order is the winner's. Fix: use a
     * conditional update ({@code WHERE version = ?}) and check the affected row count.
     */
    @Test
    void required_racing_saves_of_one_version_let_exactly_one_win() {
        OrderStore store = newStore();
        Decision.Accepted a = placed();
        store.save(create(a, Optional.empty()));
        List<Decision.Accepted> changes = new ArrayList<>();
        for (int t = 0; t < Concurrently.THREADS; t++) {
            changes.add(hold(a.order(), "race-" + t));
        }
        ConcurrentLinkedQueue<Integer> winners = new ConcurrentLinkedQueue<>();
        AtomicInteger conflicts = new AtomicInteger();
        Concurrently.run(Concurrently.THREADS, t -> {
            Decision.Accepted mine = changes.get(t);
            try {
                store.save(change(mine.order(), 1, mine.events(), Optional.empty()));
                winners.add(t);
            } catch (VersionConflictException expected) {
                conflicts.incrementAndGet();
            }
        });
        assertThat(winners).hasSize(1);
        assertThat(conflicts.get()).isEqualTo(Concurrently.THREADS - 1);
        assertThat(store.load(a.order().id())).contains(changes.get(winners.peek()).order());
        assertThat(store.events(a.order().id())).hasSize(a.events().size() + changes.get(winners.peek()).events().size());
    }

    /**
     * Rule: when several creations of one channel order race (different order ids), exactly one
     * succeeds and the others throw {@link DuplicateExternalOrderException}. Fix: the unique
     * index on (channel, external order id) must be enforced by the database, not by a read
     * before the write.
     */
    @Test
    void required_racing_creations_of_one_channel_order_let_exactly_one_win() {
        OrderStore store = newStore();
        String external = unique("ext");
        List<Decision.Accepted> twins = new ArrayList<>();
        for (int t = 0; t < Concurrently.THREADS; t++) {
            twins.add(placed(external));
        }
        AtomicInteger won = new AtomicInteger();
        Concurrently.run(Concurrently.THREADS, t -> {
            try {
                store.save(create(twins.get(t), Optional.empty()));
                won.incrementAndGet();
            } catch (DuplicateExternalOrderException expected) {
                // the others lose
            }
        });
        assertThat(won.get()).isEqualTo(1);
        long stored = twins.stream().filter(tw -> store.load(tw.order().id()).isPresent()).count();
        assertThat(stored).isEqualTo(1);
    }

    /**
     * Rule: when several saves with one command key race, the key is recorded once and only that
     * save is written. Fix: the unique key on the command key must be part of the transaction.
     */
    @Test
    void required_racing_saves_with_one_command_key_record_it_once() {
        OrderStore store = newStore();
        CommandKey key = CommandKey.of(unique("key"));
        List<Decision.Accepted> orders = new ArrayList<>();
        for (int t = 0; t < Concurrently.THREADS; t++) {
            orders.add(placed());
        }
        AtomicInteger won = new AtomicInteger();
        Concurrently.run(Concurrently.THREADS, t -> {
            try {
                store.save(create(orders.get(t), Optional.of(record(key, orders.get(t)))));
                won.incrementAndGet();
            } catch (CommandKeyConflictException expected) {
                // the others lose
            }
        });
        assertThat(won.get()).isEqualTo(1);
        assertThat(orders.stream().filter(o -> store.load(o.order().id()).isPresent()).count()).isEqualTo(1);
    }

    private PlaceOrder placeCommand(String externalId) {
        return PlaceOrder.builder(ChannelId.of("tck"), ExternalOrderId.of(externalId), CustomerRef.of("tck-customer"),
                Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115"))
                .placedAt(Instant.parse("2026-11-01T09:00:00Z")).line("1", "TCK-SKU", 2, Amounts.of("9.99", "EUR"))
                .build();
    }

    // ------------------------------------------------------------------ stateful, against the model

    /**
     * Rule: any sequence of creations (some for a taken channel order, some with a reused key),
     * saves at the right or a stale version, and outbox publications gives the same answers
     * (success or the same exception type) and the same reads as the reference model of the
     * contract. Fix: the failing sequence is printed, shrunk, with the step where the store and
     * the model first disagree; replay it against the store by hand.
     *
     * @param chain a random sequence of operations
     */
    @Property(tries = 100)
    void required_any_sequence_of_operations_behaves_as_the_reference_model(
            @ForAll("operationChains") ActionChain<ModelCheck> chain) {
        chain.withInvariant("reads agree with the model", ModelCheck::compareReads).run();
    }

    /** @return random operation sequences on a fresh store and model */
    @Provide
    Arbitrary<ActionChain<ModelCheck>> operationChains() {
        return ActionChain.startWith(() -> new ModelCheck(newStore(), decider, unique("model")))
                .withAction(3, new CreateOrder())
                .withAction(5, new SaveNext())
                .withAction(1, new Publish())
                .withMaxTransformations(30);
    }

    /** The store under test and the model, side by side. Mutable; one per chain. */
    static final class ModelCheck {
        final OrderStore store;
        final OrderStoreModel model = new OrderStoreModel();
        final OrderDecider decider;
        final String prefix;
        final List<Order> created = new ArrayList<>();
        final List<String> externalIds = new ArrayList<>();
        final List<CommandKey> keys = new ArrayList<>();
        final Set<EventId> mine = new HashSet<>();
        final java.util.Map<OrderId, List<Order>> snapshots = new java.util.HashMap<>();
        int counter;

        ModelCheck(OrderStore store, OrderDecider decider, String prefix) {
            this.store = store;
            this.decider = decider;
            this.prefix = prefix;
        }

        /** Applies a change to both and checks they agree on the outcome. */
        void save(OrderChange change) {
            Class<?> storeOutcome = Outcome.of(() -> store.save(change));
            Class<?> modelOutcome = Outcome.of(() -> model.save(change));
            assertThat(storeOutcome).as("store and model answer alike to saving version %d of %s",
                    change.order().version(), change.order().id()).isEqualTo(modelOutcome);
            if (modelOutcome == Void.class) {
                change.events().forEach(e -> mine.add(e.eventId()));
                snapshots.computeIfAbsent(change.order().id(), k -> new ArrayList<>()).add(change.order());
            }
        }


        void compareReads() {
            for (Order o : created) {
                assertThat(store.load(o.id())).as("load %s", o.id()).isEqualTo(model.load(o.id()));
                assertThat(store.events(o.id())).as("events of %s", o.id()).isEqualTo(model.events(o.id()));
                assertThat(store.findByExternalId(o.header().channel(), o.header().externalOrderId()))
                        .as("find %s", o.header().externalOrderId())
                        .isEqualTo(model.findByExternalId(o.header().channel(), o.header().externalOrderId()));
            }
            for (CommandKey key : keys) {
                assertThat(store.findCommand(key)).as("command %s", key).isEqualTo(model.findCommand(key));
            }
        }

        /**
         * The outbox, compared when events are published (reading a shared database's whole
         * outbox after every step would make the check slow without finding more).
         */
        void compareOutbox() {
            List<EventId> unpublished = ids(store.unpublished(100_000)).stream().filter(mine::contains).toList();
            assertThat(unpublished).as("the outbox, in save order").isEqualTo(model.unpublished());
        }

        @Override
        public String toString() {
            return "ModelCheck" + created.stream().map(o -> o.id().value()).toList();
        }
    }

    static final class CreateOrder implements Action.Independent<ModelCheck> {
        @Override
        public Arbitrary<Transformer<ModelCheck>> transformer() {
            return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                    Arbitraries.integers().between(0, 9)).as((reuseChannelOrder, reuseKey, pick) ->
                    Transformer.mutate("create" + (reuseChannelOrder ? " for a taken channel order" : "")
                            + (reuseKey ? " with a used key" : ""), m -> {
                                String external = reuseChannelOrder && !m.externalIds.isEmpty()
                                        ? m.externalIds.get(pick % m.externalIds.size())
                                        : m.prefix + "-ext-" + (++m.counter);
                                PlaceOrder place = PlaceOrder.builder(ChannelId.of("tck"), ExternalOrderId.of(external),
                                        CustomerRef.of("tck-customer"), Monetary.getCurrency("EUR"))
                                        .shipTo(Address.of("DE", "10115"))
                                        .placedAt(Instant.parse("2026-11-01T09:00:00Z"))
                                        .line("1", "TCK-SKU", 1 + pick, Amounts.of("4.20", "EUR")).build();
                                Decision.Accepted a = m.decider.place(place).orThrow();
                                CommandKey key = reuseKey && !m.keys.isEmpty() ? m.keys.get(pick % m.keys.size())
                                        : CommandKey.of(m.prefix + "-key-" + (++m.counter));
                                m.keys.add(key);
                                m.externalIds.add(external);
                                m.created.add(a.order());
                                m.save(change(a.order(), 0, a.events(), Optional.of(record(key, a))));
                            }));
        }
    }

    static final class SaveNext implements Action.Independent<ModelCheck> {
        @Override
        public Arbitrary<Transformer<ModelCheck>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.of(true, false))
                    .as((pick, stale) -> Transformer.mutate("save the next version" + (stale ? " on a stale read" : ""),
                            m -> {
                                List<Order> existing = m.created.stream()
                                        .filter(o -> m.model.load(o.id()).isPresent()).toList();
                                if (existing.isEmpty()) {
                                    return;
                                }
                                OrderId id = existing.get(pick % existing.size()).id();
                                List<Order> versions = m.snapshots.get(id);
                                // a stale read: decide on the version before the latest, if there is one
                                Order base = stale && versions.size() > 1 ? versions.get(versions.size() - 2)
                                        : versions.get(versions.size() - 1);
                                Decision.Accepted next = m.decider.decide(base, new OrderCommand.PlaceHold(
                                        HoldType.CUSTOM, m.prefix + "-h-" + (++m.counter), "tck")).orThrow();
                                m.save(change(next.order(), base.version(), next.events(), Optional.empty()));
                            }));
        }
    }

    static final class Publish implements Action.Independent<ModelCheck> {
        @Override
        public Arbitrary<Transformer<ModelCheck>> transformer() {
            return Arbitraries.integers().between(1, 5).map(n -> Transformer.mutate("publish the oldest " + n, m -> {
                m.compareOutbox();
                List<EventId> oldest = m.model.unpublished().stream().limit(n).toList();
                m.store.markPublished(oldest);
                m.model.markPublished(oldest);
                m.compareOutbox();
            }));
        }
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
