package dev.oms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.Sku;
import dev.oms.spi.StaleVersionException.FulfillmentConflictException;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentEvent.FulfillmentEventMetadata;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentHold;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentKind;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentLine;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.fulfillment.FulfillmentStore.FulfillmentChange;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The conformance contract of {@link FulfillmentStore}. An adapter author extends this class and
 * implements {@link #newStore()}; JUnit 5 (Jupiter) runs the {@code @Test}s and jqwik the
 * stateful {@code @Property}.
 *
 * <p>The rules are those of the {@code FulfillmentStore} Javadoc: a fulfilment order is written
 * only at its expected version, together with its events (log and outbox), an optional shipment
 * (also version-checked) and command record, all or nothing; tracking numbers are unique; reads
 * return the last saved versions. Every test uses ids unique to it.
 */
public abstract class FulfillmentStoreContract {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger counter = new AtomicInteger();

    /** For subclasses: an adapter's test class. */
    protected FulfillmentStoreContract() {
    }

    /** @return the store under test (it may hold other data; the contract uses fresh ids) */
    protected abstract FulfillmentStore newStore();

    private String unique(String prefix) {
        return prefix + "-" + run + "-" + counter.incrementAndGet();
    }

    private FulfillmentOrder fresh(OrderId orderId, LocationId location) {
        return new FulfillmentOrder(FulfillmentOrderId.of(unique("fo")), orderId, location, FulfillmentKind.DELIVERY,
                FulfillmentOrderStatus.CREATED, List.of(new FulfillmentLine(LineId.of("1"), Sku.of("TCK"),
                        Quantity.of(3), Quantity.ZERO, Quantity.ZERO)), List.of(), ReservationId.of(unique("res")), 0,
                Optional.empty(), AT, 1);
    }

    private FulfillmentOrder fresh() {
        return fresh(OrderId.of(unique("o")), LocationId.of(unique("loc")));
    }

    private static FulfillmentOrder shipped(FulfillmentOrder fo, long units) {
        List<FulfillmentLine> lines = fo.lines().stream().map(l -> l.ship(Quantity.of(units))).toList();
        return fo.next(units == 3 ? FulfillmentOrderStatus.SHIPPED : FulfillmentOrderStatus.PARTIALLY_SHIPPED, lines,
                fo.holds());
    }

    private Shipment shipment(FulfillmentOrder fo, String tracking) {
        return new Shipment(ShipmentId.of(unique("shp")), fo.id(), fo.orderId(), fo.location(),
                List.of(new LineQuantity(LineId.of("1"), Quantity.of(1))), "tck-post", "standard", tracking,
                "label://" + tracking, ShipmentStatus.SHIPPED, AT, Set.of(), 1);
    }

    private static CommandRecord record(CommandKey key, FulfillmentOrder fo) {
        return new CommandRecord(key, "tck", fo.orderId(), fo.version(), List.of());
    }

    /** An event of the change that writes {@code fo}: its creation, or a hold for any later version. */
    private FulfillmentEvent eventOf(FulfillmentOrder fo) {
        FulfillmentEventMetadata m = new FulfillmentEventMetadata(EventId.of(unique("evt")), fo.id(), fo.orderId(),
                fo.version(), AT);
        return fo.version() == 1 ? new FulfillmentEvent.Created(m, fo)
                : new FulfillmentEvent.HoldPlaced(m, new FulfillmentHold(unique("h"), "tck", AT));
    }

    private FulfillmentChange change(FulfillmentOrder fo, Optional<Shipment> shipment, Optional<CommandRecord> command) {
        return new FulfillmentChange(fo, fo.version() - 1, List.of(eventOf(fo)), shipment, command);
    }

    private FulfillmentChange change(FulfillmentOrder fo) {
        return change(fo, Optional.empty(), Optional.empty());
    }

    private FulfillmentChange withShipment(FulfillmentOrder fo, Shipment shipment) {
        return change(fo, Optional.of(shipment), Optional.empty());
    }

    // ------------------------------------------------------------------ plain behaviour

    /**
     * Rule: a saved fulfilment order reads back as saved by id, among its order's fulfilment
     * orders (oldest first), and among its location's open ones while it is created, picking,
     * packed, partially shipped or ready for pickup. Fix: persist every field; index by order and
     * by location with the status.
     */
    @Test
    void required_a_saved_fulfilment_order_reads_back_by_id_order_and_location() {
        FulfillmentStore store = newStore();
        OrderId order = OrderId.of(unique("o"));
        LocationId location = LocationId.of(unique("loc"));
        FulfillmentOrder first = fresh(order, location);
        FulfillmentOrder second = fresh(order, location);
        store.save(change(first));
        store.save(change(second));
        assertThat(store.load(first.id())).contains(first);
        assertThat(store.ofOrder(order)).containsExactly(first, second);
        assertThat(store.openAt(location)).containsExactly(first, second);
        FulfillmentOrder done = shipped(first, 3);
        store.save(change(done));
        assertThat(store.openAt(location)).as("a shipped one is not open").containsExactly(second);
        assertThat(store.ofOrder(order)).containsExactly(done, second);
        assertThat(store.load(FulfillmentOrderId.of(unique("none")))).isEmpty();
        assertThat(store.ofOrder(OrderId.of(unique("none")))).isEmpty();
        assertThat(store.shipment(ShipmentId.of(unique("none")))).isEmpty();
        assertThat(store.shipmentByTracking(unique("none"))).isEmpty();
        assertThat(store.findCommand(CommandKey.of(unique("none")))).isEmpty();
        assertThat(store.events(FulfillmentOrderId.of(unique("none")))).isEmpty();
    }

    /**
     * Rule: a save at a stale expected version (or creating one that exists) throws
     * {@link FulfillmentConflictException} and writes nothing: no snapshot, no event, no outbox
     * entry. Fix: a conditional update on the version, in the save's transaction.
     */
    @Test
    void required_a_stale_version_is_refused_and_writes_nothing() {
        FulfillmentStore store = newStore();
        FulfillmentOrder fo = fresh();
        store.save(change(fo));
        FulfillmentOrder v2 = shipped(fo, 1);
        store.save(change(v2));
        List<FulfillmentEvent> events = store.events(fo.id());
        assertThatThrownBy(() -> store.save(change(shipped(fo, 3))))
                .isInstanceOfSatisfying(FulfillmentConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                });
        assertThatThrownBy(() -> store.save(change(fo))).isInstanceOf(FulfillmentConflictException.class);
        assertThat(store.load(fo.id())).contains(v2);
        assertThat(store.events(fo.id())).isEqualTo(events);
        assertThat(unpublishedOf(store, fo)).isEqualTo(events);
    }

    /**
     * Rule: a change's events are appended to the fulfilment order's log in order and to the
     * outbox in save order; {@code markPublished} takes them out of the outbox, is idempotent and
     * ignores unknown ids. Fix: insert the events in the save's transaction; mark by event id.
     */
    @Test
    void required_events_are_logged_and_in_the_outbox_in_save_order() {
        FulfillmentStore store = newStore();
        FulfillmentOrder fo = fresh();
        FulfillmentChange created = change(fo);
        FulfillmentChange held = change(fo.next(fo.status(), fo.lines(), fo.holds()));
        store.save(created);
        store.save(held);
        List<FulfillmentEvent> expected = new ArrayList<>(created.events());
        expected.addAll(held.events());
        assertThat(store.events(fo.id())).isEqualTo(expected);
        assertThat(unpublishedOf(store, fo)).isEqualTo(expected);
        store.markPublished(List.of(expected.get(0).eventId(), EventId.of(unique("unknown"))));
        store.markPublished(List.of(expected.get(0).eventId()));
        assertThat(unpublishedOf(store, fo)).containsExactly(expected.get(1));
        assertThat(store.events(fo.id())).as("the log keeps published events").isEqualTo(expected);
    }

    /**
     * Rule: an erasure of personal data rewrites logged events of the fulfilment order in place
     * (same ids, versions and order) and their outbox entries, in the save that records it; a
     * rewrite of an event that is not in the log refuses the whole save and writes nothing. Fix:
     * update the stored bodies of {@link FulfillmentChange#rewrites()} by event id (log and
     * outbox) in the save's transaction, and fail it when a rewrite matches no logged event.
     */
    @Test
    void required_an_erasure_rewrites_the_log_and_the_outbox_in_its_save() {
        FulfillmentStore store = newStore();
        FulfillmentOrder fo = fresh();
        store.save(change(fo));
        FulfillmentHold hold = new FulfillmentHold("call", "call Ms Weber on +49 30 1234", AT);
        FulfillmentOrder held = fo.next(fo.status(), fo.lines(), List.of(hold));
        FulfillmentEvent placed = new FulfillmentEvent.HoldPlaced(new FulfillmentEventMetadata(EventId.of(unique("evt")),
                fo.id(), fo.orderId(), 2, AT), hold);
        store.save(new FulfillmentChange(held, 1, List.of(placed), Optional.empty(), Optional.empty()));
        List<FulfillmentEvent> before = store.events(fo.id());

        FulfillmentHold blank = new FulfillmentHold("call", "", AT);
        FulfillmentOrder erased = held.next(held.status(), held.lines(), List.of(blank));
        FulfillmentEvent erasure = new FulfillmentEvent.PersonalDataErased(new FulfillmentEventMetadata(
                EventId.of(unique("evt")), fo.id(), fo.orderId(), 3, AT));
        FulfillmentEvent rewritten = new FulfillmentEvent.HoldPlaced(placed.metadata(), blank);
        FulfillmentEvent stranger = new FulfillmentEvent.HoldPlaced(new FulfillmentEventMetadata(
                EventId.of(unique("stranger")), fo.id(), fo.orderId(), 2, AT), blank);
        assertThatThrownBy(() -> store.save(new FulfillmentChange(erased, 2, List.of(erasure), Optional.empty(),
                Optional.empty(), List.of(rewritten, stranger)))).isInstanceOf(dev.oms.spi.InvalidInputException.class);
        assertThat(store.load(fo.id())).contains(held);
        assertThat(store.events(fo.id())).isEqualTo(before);
        assertThat(unpublishedOf(store, fo)).isEqualTo(before);

        store.save(new FulfillmentChange(erased, 2, List.of(erasure), Optional.empty(), Optional.empty(),
                List.of(rewritten)));
        List<FulfillmentEvent> after = List.of(before.get(0), rewritten, erasure);
        assertThat(store.load(fo.id())).contains(erased);
        assertThat(store.events(fo.id())).isEqualTo(after);
        assertThat(unpublishedOf(store, fo)).as("the outbox holds the rewritten events, in their places")
                .isEqualTo(after);
        assertThat(store.events(fo.id()).toString() + unpublishedOf(store, fo)).doesNotContain("Ms Weber");
    }

    private static List<FulfillmentEvent> unpublishedOf(FulfillmentStore store, FulfillmentOrder fo) {
        return store.unpublished(100_000).stream().map(OutboxEntry::event)
                .filter(e -> e.fulfillmentOrderId().equals(fo.id())).toList();
    }

    /**
     * Rule: a shipment saved with its fulfilment order is written in the same atomic step, a new
     * one (version 1) only if none is stored, an updated one only over the version before it; if
     * either version check fails, neither is written. Shipments read back by id, by tracking
     * number and per fulfilment order (oldest first). Fix: one transaction for both rows.
     */
    @Test
    void required_a_shipment_is_saved_with_its_fulfilment_order_all_or_nothing() {
        FulfillmentStore store = newStore();
        FulfillmentOrder fo = fresh();
        store.save(change(fo));
        Shipment first = shipment(fo, unique("TRK"));
        FulfillmentOrder v2 = shipped(fo, 1);
        store.save(withShipment(v2, first));
        assertThat(store.shipment(first.id())).contains(first);
        assertThat(store.shipmentByTracking(first.trackingNumber())).contains(first);
        Shipment second = shipment(fo, unique("TRK"));
        // the fulfilment order is fresh but the shipment claims a stored version 1: nothing is written
        Shipment staleSecond = second.apply("u0", ShipmentStatus.IN_TRANSIT, AT);
        assertThatThrownBy(() -> store.save(withShipment(shipped(v2, 1), staleSecond)))
                .isInstanceOf(FulfillmentConflictException.class);
        assertThat(store.load(fo.id())).as("the fulfilment order was not written either").contains(v2);
        assertThat(store.shipment(second.id())).isEmpty();
        assertThat(store.events(fo.id())).hasSize(2);
        store.save(withShipment(shipped(v2, 1), second));
        assertThat(store.shipmentsOf(fo.id())).containsExactly(first, second);
    }

    /**
     * Rule: an updated shipment is written only over the version before it; a stale one throws
     * {@link FulfillmentConflictException} and neither it nor its fulfilment order is written.
     * Fix: a conditional update on the shipment's version, in the save's transaction.
     */
    @Test
    void required_a_shipment_update_is_version_checked() {
        FulfillmentStore store = newStore();
        FulfillmentOrder fo = fresh();
        store.save(change(fo));
        Shipment s = shipment(fo, unique("TRK"));
        FulfillmentOrder v2 = shipped(fo, 1);
        store.save(withShipment(v2, s));
        Shipment moving = s.apply("u1", ShipmentStatus.IN_TRANSIT, AT.plusSeconds(60));
        FulfillmentOrder v3 = v2.next(v2.status(), v2.lines(), v2.holds());
        store.save(withShipment(v3, moving));
        FulfillmentOrder v4 = v3.next(v3.status(), v3.lines(), v3.holds());
        assertThatThrownBy(() -> store.save(withShipment(v4, s.apply("u2", ShipmentStatus.DELIVERED, AT.plusSeconds(99)))))
                .isInstanceOf(FulfillmentConflictException.class);
        assertThat(store.shipment(s.id())).contains(moving);
        assertThat(store.load(fo.id())).contains(v3);
    }

    /**
     * Rule: a tracking number belongs to one shipment; another shipment with it is refused
     * ({@link InvalidInputException}) and nothing is written. Fix: a unique index on the tracking
     * number.
     */
    @Test
    void required_tracking_numbers_are_unique() {
        FulfillmentStore store = newStore();
        FulfillmentOrder fo = fresh();
        store.save(change(fo));
        String tracking = unique("TRK");
        Shipment first = shipment(fo, tracking);
        store.save(withShipment(shipped(fo, 1), first));
        FulfillmentOrder v2 = store.load(fo.id()).orElseThrow();
        Shipment twin = shipment(fo, tracking);
        assertThatThrownBy(() -> store.save(withShipment(shipped(v2, 1), twin))).isInstanceOf(InvalidInputException.class);
        assertThat(store.shipment(twin.id())).isEmpty();
        assertThat(store.load(fo.id())).contains(v2);
        assertThat(store.shipmentByTracking(tracking)).contains(first);
    }

    /**
     * Rule: a command key is recorded once; a second save with it throws
     * {@link CommandKeyConflictException} and writes nothing. Fix: a unique key, in the save's
     * transaction.
     */
    @Test
    void required_a_command_key_is_recorded_once() {
        FulfillmentStore store = newStore();
        CommandKey key = CommandKey.of(unique("key"));
        FulfillmentOrder a = fresh();
        store.save(change(a, Optional.empty(), Optional.of(record(key, a))));
        assertThat(store.findCommand(key)).contains(record(key, a));
        FulfillmentOrder b = fresh();
        assertThatThrownBy(() -> store.save(change(b, Optional.empty(), Optional.of(record(key, b)))))
                .isInstanceOf(CommandKeyConflictException.class);
        assertThat(store.load(b.id())).isEmpty();
        assertThat(store.events(b.id())).isEmpty();
    }

    // ------------------------------------------------------------------ atomicity under concurrency

    /**
     * Rule: when saves of one version race, exactly one wins and the others throw
     * {@link FulfillmentConflictException}, and only the winner's events are kept. Fix:
     * conditional updates on the version with a check of the affected row count.
     */
    @Test
    void required_racing_saves_of_one_version_let_exactly_one_win() {
        FulfillmentStore store = newStore();
        FulfillmentOrder fo = fresh();
        store.save(change(fo));
        Shipment s = shipment(fo, unique("TRK"));
        store.save(withShipment(shipped(fo, 1), s));
        FulfillmentOrder v2 = store.load(fo.id()).orElseThrow();
        assertThat(Concurrently.wins(Concurrently.THREADS, t -> store.save(withShipment(v2.next(v2.status(), v2.lines(),
                v2.holds()), s.apply("u-" + t, ShipmentStatus.IN_TRANSIT, AT.plusSeconds(t)))),
                FulfillmentConflictException.class)).isEqualTo(1);
        assertThat(store.load(fo.id()).orElseThrow().version()).isEqualTo(3);
        assertThat(store.shipment(s.id()).orElseThrow().appliedUpdates()).hasSize(1);
        assertThat(store.events(fo.id())).hasSize(3);
    }

    // ------------------------------------------------------------------ stateful, against the model

    /**
     * Rule: any sequence of fulfilment-order saves (fresh or stale), new shipments with them, and
     * shipment updates (fresh or stale) succeeds or fails exactly as the reference model says and
     * leaves the same reads. Fix: the shrunk failing sequence is printed with the first step where
     * store and model disagree.
     *
     * @param chain a random sequence of saves
     */
    @Property(tries = 100)
    void required_any_sequence_of_saves_behaves_as_the_reference_model(
            @ForAll("saveChains") ActionChain<ModelCheck> chain) {
        chain.withInvariant("reads agree with the model", ModelCheck::compare).run();
    }

    /** @return random save sequences on a fresh store and model of two fulfilment orders */
    @Provide
    Arbitrary<ActionChain<ModelCheck>> saveChains() {
        return ActionChain.startWith(() -> new ModelCheck(newStore(), List.of(fresh(), fresh()), this::unique))
                .withAction(new Step())
                .withMaxTransformations(30);
    }

    /** The store and a plain model of its rows. Mutable; one per chain. */
    final class ModelCheck {
        final FulfillmentStore store;
        final Map<FulfillmentOrderId, List<FulfillmentOrder>> orders = new HashMap<>();
        final Map<ShipmentId, List<Shipment>> shipments = new HashMap<>();
        final Map<FulfillmentOrderId, List<FulfillmentEvent>> events = new HashMap<>();
        final List<FulfillmentOrder> initial;
        final java.util.function.Function<String, String> ids;

        ModelCheck(FulfillmentStore store, List<FulfillmentOrder> initial, java.util.function.Function<String, String> ids) {
            this.store = store;
            this.initial = initial;
            this.ids = ids;
            for (FulfillmentOrder fo : initial) {
                FulfillmentChange first = change(fo);
                store.save(first);
                orders.put(fo.id(), new ArrayList<>(List.of(fo)));
                events.put(fo.id(), new ArrayList<>(first.events()));
            }
        }

        void saveOrder(int which, boolean stale, int shipmentKind, int whichShipment) {
            List<FulfillmentOrder> versions = orders.get(initial.get(which).id());
            FulfillmentOrder base = stale && versions.size() > 1 ? versions.get(versions.size() - 2)
                    : versions.get(versions.size() - 1);
            FulfillmentOrder next = base.next(base.status(), base.lines(), base.holds());
            boolean modelAccepts = base == versions.get(versions.size() - 1);
            Optional<Shipment> shipment = Optional.empty();
            List<Shipment> ofThis = shipments.values().stream().filter(l -> l.get(0).fulfillmentOrderId().equals(base.id()))
                    .sorted(java.util.Comparator.comparing(l -> l.get(0).id())).map(l -> l.get(l.size() - 1)).toList();
            if (shipmentKind == 1) {
                shipment = Optional.of(shipment(base, ids.apply("TRK")));
            } else if (shipmentKind == 2 && !ofThis.isEmpty()) {
                List<Shipment> shipmentVersions = shipments.get(ofThis.get(whichShipment % ofThis.size()).id());
                Shipment sBase = stale && shipmentVersions.size() > 1 ? shipmentVersions.get(shipmentVersions.size() - 2)
                        : shipmentVersions.get(shipmentVersions.size() - 1);
                modelAccepts &= sBase == shipmentVersions.get(shipmentVersions.size() - 1);
                shipment = Optional.of(sBase.apply(ids.apply("u"), ShipmentStatus.IN_TRANSIT,
                        AT.plusSeconds(shipmentVersions.size())));
            }
            FulfillmentChange change = new FulfillmentChange(next, base.version(), List.of(eventOf(next)), shipment,
                    Optional.empty());
            Class<?> outcome = Outcome.of(() -> store.save(change));
            assertThat(outcome).as("saving %s at version %d with %s", next.id(), base.version(), shipment)
                    .isEqualTo(modelAccepts ? Void.class : FulfillmentConflictException.class);
            if (modelAccepts) {
                versions.add(next);
                events.computeIfAbsent(next.id(), k -> new ArrayList<>()).addAll(change.events());
                shipment.ifPresent(sh -> shipments.computeIfAbsent(sh.id(), k -> new ArrayList<>()).add(sh));
            }
        }

        void compare() {
            orders.forEach((id, versions) -> assertThat(store.load(id)).contains(versions.get(versions.size() - 1)));
            events.forEach((id, log) -> assertThat(store.events(id)).isEqualTo(log));
            shipments.forEach((id, versions) -> {
                Shipment latest = versions.get(versions.size() - 1);
                assertThat(store.shipment(id)).contains(latest);
                assertThat(store.shipmentByTracking(latest.trackingNumber())).contains(latest);
            });
        }

        @Override
        public String toString() {
            return "ModelCheck" + orders.keySet();
        }
    }

    final class Step implements Action.Independent<ModelCheck> {
        @Override
        public Arbitrary<Transformer<ModelCheck>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 5),
                    Arbitraries.of(true, false)).as((kind, which, stale) -> Transformer.<ModelCheck>mutate(
                            "save fulfilment order " + which % 2 + switch (kind) {
                                case 0 -> "";
                                case 1 -> " with a new shipment";
                                default -> " with shipment " + which + " updated";
                            } + (stale ? " on a stale read" : ""), m -> m.saveOrder(which % 2, stale, kind, which)));
        }
    }
}
