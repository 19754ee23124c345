package dev.oms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.fakes.ManualClock;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.PositionConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.StaleVersionException.ReservationConflictException;
import dev.oms.spi.inventory.IncomingStock;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.BackorderDelta;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.InventoryChange.ReservationWrite;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.InventoryStore.ApplyResult.Shortfall;
import dev.oms.spi.inventory.Movement;
import dev.oms.spi.inventory.Movement.MovementReason;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.RequestedLine;
import dev.oms.spi.inventory.Reservation.ReservationStatus;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.inventory.Reservation.ReservedLine;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * The conformance contract of {@link InventoryStore}: where the atomicity of stock lives. An
 * adapter author extends this class and implements {@link #newStore()}; JUnit 5 (Jupiter) runs
 * the {@code @Test}s and jqwik the stateful {@code @Property}.
 *
 * <p>The rules are those of the {@code InventoryStore} Javadoc: all or nothing; conditions
 * checked on each position's summed deltas; every shortfall reported; expected counts; optimistic
 * reservations checked before stock; keys once; unknown positions refused; low-stock signals in
 * the same step; an append-only ledger that sums to the counts; linearizable and deadlock-free
 * under concurrency. Every test uses SKUs unique to it, so the store may be shared between tests.
 */
public abstract class InventoryStoreContract {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");
    private static final Reference REF = Reference.of(Reference.Type.ORDER, "tck-order");
    private static final LocationId BERLIN = LocationId.of("tck-berlin");
    private static final LocationId MUNICH = LocationId.of("tck-munich");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger counter = new AtomicInteger();

    /** For subclasses: an adapter's test class. */
    protected InventoryStoreContract() {
    }

    /** @return the store under test (it may hold other data; the contract uses fresh SKUs) */
    protected abstract InventoryStore newStore();

    // ------------------------------------------------------------------ helpers

    private String unique(String prefix) {
        return prefix + "-" + run + "-" + counter.incrementAndGet();
    }

    private Sku sku() {
        return Sku.of(unique("TCK"));
    }

    private InventoryChange change(List<PositionDelta> deltas, Optional<ReservationWrite> reservation,
            Optional<OperationRecord> operation) {
        String id = unique("chg");
        return new InventoryChange(id, AT, deltas, reservation, List.of(), List.of(), operation);
    }

    private ApplyResult apply(InventoryStore store, PositionDelta... deltas) {
        return store.apply(change(List.of(deltas), Optional.empty(), Optional.empty()));
    }

    private static PositionDelta receipt(PositionKey key, long units) {
        return PositionDelta.onHand(key, units, MovementReason.RECEIPT, REF);
    }

    private static PositionDelta hold(PositionKey key, long units) {
        return PositionDelta.hold(key, units, MovementReason.RESERVE, REF);
    }

    /** A position with {@code onHand} units received. */
    private PositionKey stocked(InventoryStore store, long onHand, PositionSettings settings) {
        PositionKey key = PositionKey.of(sku(), BERLIN);
        store.definePosition(key, settings);
        if (onHand > 0) {
            apply(store, receipt(key, onHand));
        }
        return key;
    }

    private static Reservation reservation(ReservationId id, PositionKey key, long version, long held) {
        return new Reservation(id, OrderId.of("tck-o-" + id), ReservationStatus.ACTIVE,
                List.of(new RequestedLine(LineId.of("1"), key, Quantity.of(2))), ReservePolicy.ALL_OR_NOTHING,
                List.of(ReservedLine.holding(LineId.of("1"), key, Quantity.of(held))), List.of(), Optional.empty(), 0,
                AT, version);
    }

    // ------------------------------------------------------------------ plain behaviour

    /**
     * Rule: a defined position starts with nothing and reads back with its settings; defining it
     * again changes its settings only; {@code positions(sku)} lists a SKU's positions in key
     * order. Fix: upsert settings without touching counts.
     */
    @Test
    void required_positions_are_defined_read_and_listed_in_key_order() {
        InventoryStore store = newStore();
        Sku sku = sku();
        PositionKey munich = PositionKey.of(sku, MUNICH);
        PositionKey berlin = PositionKey.of(sku, BERLIN);
        store.definePosition(munich, PositionSettings.NONE);
        StockPosition defined = store.definePosition(berlin, PositionSettings.NONE);
        assertThat(defined.onHand()).isEqualTo(Quantity.ZERO);
        apply(store, receipt(berlin, 5));
        PositionSettings settings = new PositionSettings(Quantity.of(1), Quantity.of(2), Quantity.of(3));
        StockPosition redefined = store.definePosition(berlin, settings);
        assertThat(redefined.onHand()).as("defining again keeps the counts").isEqualTo(Quantity.of(5));
        assertThat(store.position(berlin).orElseThrow().settings()).isEqualTo(settings);
        assertThat(store.positions(sku)).extracting(StockPosition::key).containsExactly(berlin, munich);
        assertThat(store.position(PositionKey.of(sku(), BERLIN))).isEmpty();
        assertThat(store.positions(sku())).isEmpty();
    }

    /**
     * Rule: if any condition of a change fails, the store reports every failing position with
     * what was requested and what was available, and applies nothing: no count, no movement, no
     * reservation. Fix: check all conditions before writing anything, inside one transaction.
     */
    @Test
    void required_every_shortfall_is_reported_and_nothing_is_applied() {
        InventoryStore store = newStore();
        PositionKey a = stocked(store, 5, PositionSettings.NONE);
        PositionKey b = stocked(store, 2, PositionSettings.NONE);
        ReservationId rid = ReservationId.of(unique("res"));
        ApplyResult result = store.apply(change(List.of(hold(a, 6), hold(b, 3)),
                Optional.of(new ReservationWrite(reservation(rid, a, 1, 6), 0)), Optional.empty()));
        assertThat(result).isInstanceOf(ApplyResult.Refused.class);
        assertThat(((ApplyResult.Refused) result).shortfalls()).extracting(Shortfall::sku, Shortfall::requested,
                Shortfall::available).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(a.sku(), 6L, 5L),
                        org.assertj.core.groups.Tuple.tuple(b.sku(), 3L, 2L));
        assertThat(store.position(a).orElseThrow().reserved()).isEqualTo(Quantity.ZERO);
        assertThat(store.movements(a)).hasSize(1);
        assertThat(store.reservation(rid)).isEmpty();
    }

    /**
     * Rule: the deltas of one change on one position are summed before the check, so two lines
     * of one request on the same SKU are checked against their sum, never each against the same
     * availability; the sums are applied too, so the order of a change's deltas never matters.
     * Fix: group deltas by position, then check and write the sums.
     */
    @Test
    void required_deltas_on_one_position_are_checked_on_their_sum() {
        InventoryStore store = newStore();
        PositionKey a = stocked(store, 5, PositionSettings.NONE);
        ApplyResult result = apply(store, hold(a, 3), hold(a, 3));
        assertThat(((ApplyResult.Refused) result).shortfalls()).singleElement()
                .satisfies(s -> assertThat(s.requested()).isEqualTo(6));
        assertThat(apply(store, hold(a, 3), hold(a, 2))).isInstanceOf(ApplyResult.Applied.class);
        assertThat(store.position(a).orElseThrow().reserved()).isEqualTo(Quantity.of(5));
        // A removal before a receipt in one change dips below zero on the way, never in total.
        assertThat(apply(store, receipt(a, -6), receipt(a, 2))).isInstanceOf(ApplyResult.Applied.class);
        assertThat(store.position(a).orElseThrow().onHand()).isEqualTo(Quantity.of(1));
    }

    /**
     * Rule: available is on hand minus reserved minus safety stock, and a hold may not take it
     * below zero; no count may go below zero. Fix: include safety stock in the condition.
     */
    @Test
    void required_safety_stock_is_never_promised_and_no_count_goes_below_zero() {
        InventoryStore store = newStore();
        PositionKey a = stocked(store, 5, new PositionSettings(Quantity.of(2), Quantity.ZERO, Quantity.ZERO));
        assertThat(apply(store, hold(a, 4))).isInstanceOf(ApplyResult.Refused.class);
        assertThat(apply(store, hold(a, 3))).isInstanceOf(ApplyResult.Applied.class);
        assertThat(apply(store, receipt(a, -6))).as("on hand below zero").isInstanceOf(ApplyResult.Refused.class);
        assertThat(apply(store, PositionDelta.unhold(a, 4, MovementReason.RELEASE, REF))).as("reserved below zero")
                .isInstanceOf(ApplyResult.Refused.class);
        assertThat(store.position(a).orElseThrow().reserved()).isEqualTo(Quantity.of(3));
    }

    /**
     * Rule: a reservation is saved only at its expected version, and this check comes before the
     * stock conditions: a change planned on a reservation that has moved on is a
     * {@link ReservationConflictException}, not a shortfall. Fix: check the reservation's version
     * first, in the same transaction.
     */
    @Test
    void required_a_stale_reservation_is_a_conflict_even_when_the_stock_would_also_refuse() {
        InventoryStore store = newStore();
        PositionKey a = stocked(store, 5, PositionSettings.NONE);
        ReservationId rid = ReservationId.of(unique("res"));
        store.apply(change(List.of(hold(a, 2)), Optional.of(new ReservationWrite(reservation(rid, a, 1, 2), 0)),
                Optional.empty()));
        store.apply(change(List.of(PositionDelta.unhold(a, 2, MovementReason.RELEASE, REF)),
                Optional.of(new ReservationWrite(reservation(rid, a, 2, 0), 1)), Optional.empty()));
        PositionDelta commit = new PositionDelta(a, MovementReason.COMMIT, REF, -2, -2, 0, 0, false,
                OptionalLong.empty());
        assertThatThrownBy(() -> store.apply(change(List.of(commit), Optional.of(new ReservationWrite(
                reservation(rid, a, 2, 0), 1)), Optional.empty()))).isInstanceOf(ReservationConflictException.class);
        assertThatThrownBy(() -> store.apply(change(List.of(hold(a, 1)), Optional.of(new ReservationWrite(
                reservation(rid, a, 1, 1), 0)), Optional.empty()))).as("creating an existing reservation")
                .isInstanceOf(ReservationConflictException.class);
        assertThat(store.reservation(rid).orElseThrow().version()).isEqualTo(2);
        assertThat(store.position(a).orElseThrow().onHand()).isEqualTo(Quantity.of(5));
    }

    /**
     * Rule: an operation key is recorded once (a second change with it throws
     * {@link CommandKeyConflictException}); an expected on hand that does not match throws
     * {@link PositionConflictException}; a delta on an undefined position throws
     * {@link UnknownPositionException}; each time nothing of the change is applied. Fix: run
     * these checks inside the transaction, before any write.
     */
    @Test
    void required_keys_expected_counts_and_unknown_positions_refuse_the_whole_change() {
        InventoryStore store = newStore();
        PositionKey a = stocked(store, 2, PositionSettings.NONE);
        CommandKey key = CommandKey.of(unique("key"));
        store.apply(change(List.of(receipt(a, 1)), Optional.empty(), Optional.of(new OperationRecord(key, "f",
                Optional.empty(), "first"))));
        assertThat(store.findOperation(key)).isPresent();
        assertThatThrownBy(() -> store.apply(change(List.of(receipt(a, 1)), Optional.empty(),
                Optional.of(new OperationRecord(key, "f", Optional.empty(), "second")))))
                .isInstanceOf(CommandKeyConflictException.class);
        assertThatThrownBy(() -> apply(store, new PositionDelta(a, MovementReason.COUNT, REF, 1, 0, 0, 0, false,
                OptionalLong.of(99)))).isInstanceOf(PositionConflictException.class);
        assertThatThrownBy(() -> apply(store, receipt(a, 1), receipt(PositionKey.of(sku(), BERLIN), 1)))
                .isInstanceOf(UnknownPositionException.class);
        assertThat(store.position(a).orElseThrow().onHand()).isEqualTo(Quantity.of(3));
        assertThat(store.movements(a)).hasSize(2);
    }

    /**
     * Rule: backordered units of a SKU stay within its limit (0 unless set); a change that would
     * exceed it is refused with a shortfall for the SKU's allowance. Fix: keep the backorder
     * account in the store and check it in the change's transaction.
     */
    @Test
    void required_backorders_stay_within_their_limit() {
        InventoryStore store = newStore();
        Sku sku = sku();
        assertThat(store.backorderAccount(sku).limit()).isEqualTo(Quantity.ZERO);
        store.setBackorderLimit(sku, Quantity.of(3));
        ApplyResult tooMany = store.apply(new InventoryChange(unique("b"), AT, List.of(), Optional.empty(),
                List.of(new BackorderDelta(sku, 4)), List.of(), Optional.empty()));
        assertThat(((ApplyResult.Refused) tooMany).shortfalls()).singleElement()
                .satisfies(s -> assertThat(s.location()).isEmpty());
        assertThat(store.apply(new InventoryChange(unique("b"), AT, List.of(), Optional.empty(),
                List.of(new BackorderDelta(sku, 3)), List.of(), Optional.empty()))).isInstanceOf(ApplyResult.Applied.class);
        assertThat(store.backorderAccount(sku).backordered()).isEqualTo(Quantity.of(3));
    }

    /**
     * Rule: when a change takes a position's available stock from at or above its reorder point
     * to below it, the store appends one low-stock signal in the same step (to the result and
     * the outbox), and not again while it stays below. Fix: compare available before and after
     * inside the transaction.
     */
    @Test
    void required_crossing_the_reorder_point_appends_one_low_stock_signal() {
        InventoryStore store = newStore();
        PositionKey a = stocked(store, 5, new PositionSettings(Quantity.ZERO, Quantity.of(4), Quantity.of(10)));
        ApplyResult result = apply(store, hold(a, 2));
        assertThat(((ApplyResult.Applied) result).events()).singleElement()
                .isInstanceOfSatisfying(InventoryEvent.LowStock.class, e -> assertThat(e.available()).isEqualTo(3));
        ApplyResult again = apply(store, hold(a, 1));
        assertThat(((ApplyResult.Applied) again).events()).isEmpty();
        Set<Object> signalled = new HashSet<>();
        store.unpublished(10_000).forEach(e -> signalled.add(e.event().eventId()));
        assertThat(signalled).contains(((ApplyResult.Applied) result).events().get(0).eventId());
    }

    /**
     * Rule: every applied delta is one movement in the ledger, appended with an increasing
     * sequence and never changed; a position's counts equal the sums of its movements. Fix: insert
     * movements in the change's transaction; never update or delete them (only compaction folds
     * them into a checkpoint, see the next rule).
     */
    @Test
    void required_the_ledger_sums_to_the_counts() {
        InventoryStore store = newStore();
        PositionKey a = stocked(store, 7, PositionSettings.NONE);
        apply(store, hold(a, 3));
        apply(store, new PositionDelta(a, MovementReason.COMMIT, REF, -2, -2, 0, 0, false, OptionalLong.empty()));
        apply(store, new PositionDelta(a, MovementReason.DAMAGE, REF, -1, 0, 1, 0, false, OptionalLong.empty()));
        List<Movement> ledger = store.movements(a);
        assertThat(ledger).extracting(Movement::reason).containsExactly(MovementReason.RECEIPT, MovementReason.RESERVE,
                MovementReason.COMMIT, MovementReason.DAMAGE);
        for (int i = 1; i < ledger.size(); i++) {
            assertThat(ledger.get(i).sequence()).isGreaterThan(ledger.get(i - 1).sequence());
        }
        StockPosition p = store.position(a).orElseThrow();
        assertThat(ledger.stream().mapToLong(Movement::onHand).sum()).isEqualTo(p.onHand().value()).isEqualTo(4);
        assertThat(ledger.stream().mapToLong(Movement::reserved).sum()).isEqualTo(p.reserved().value()).isEqualTo(1);
        assertThat(ledger.stream().mapToLong(Movement::damaged).sum()).isEqualTo(p.damaged().value()).isEqualTo(1);
    }

    /**
     * Rule: compaction folds movements older than its horizon into the position's checkpoint and
     * deletes them, both at once: a position's counts equal its checkpoint plus the movements left,
     * read together by {@code ledgerTail}; nothing younger than the horizon is folded; later
     * movements append to the tail. Fix: delete the movements and add their sums to the
     * checkpoint in one transaction; read position, checkpoint and tail on one snapshot.
     */
    @Test
    void required_compaction_folds_old_movements_into_a_checkpoint_that_keeps_the_counts() {
        InventoryStore store = newStore();
        PositionKey a = stocked(store, 7, PositionSettings.NONE);
        apply(store, hold(a, 3));
        assertThat(store.compactLedger(java.time.Duration.ofDays(36_500), 1_000)).as("nothing is 100 years old")
                .isZero();
        assertThat(store.movements(a)).hasSize(2);
        while (store.compactLedger(java.time.Duration.ZERO, 1_000) == 1_000) {
            // the contract's changes are dated 2026-11-01, so a zero horizon folds them (and any others)
        }
        dev.oms.spi.inventory.StockLedger.LedgerTail folded = store.ledgerTail(a).orElseThrow();
        assertThat(folded.movements()).isEmpty();
        assertThat(store.movements(a)).isEmpty();
        assertThat(folded.checkpoint().movements()).isEqualTo(2);
        assertThat(folded.checkpoint().onHand()).isEqualTo(7).isEqualTo(folded.position().onHand().value());
        assertThat(folded.checkpoint().reserved()).isEqualTo(3).isEqualTo(folded.position().reserved().value());
        apply(store, receipt(a, 2));
        dev.oms.spi.inventory.StockLedger.LedgerTail later = store.ledgerTail(a).orElseThrow();
        assertThat(later.checkpoint()).isEqualTo(folded.checkpoint());
        assertThat(later.movements()).singleElement().satisfies(m -> assertThat(m.onHand()).isEqualTo(2));
        assertThat(later.position().onHand().value()).isEqualTo(9);
        assertThat(store.ledgerTail(PositionKey.of(sku(), BERLIN))).isEmpty();
        assertThatThrownBy(() -> store.compactLedger(java.time.Duration.ofSeconds(-1), 10))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class);
        assertThatThrownBy(() -> store.compactLedger(java.time.Duration.ZERO, 0))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class);
    }

    /**
     * Rule: reservations read back as saved: by id, per order oldest first, expiring ones by
     * expiry (and not once a later version drops the expiry), open backorders in fill order (priority, then creation, then id). Fix: index the
     * reservations by order, expiry and backordered SKU.
     */
    @Test
    void required_reservations_read_back_by_id_order_and_expiry() {
        InventoryStore store = newStore();
        PositionKey a = stocked(store, 10, PositionSettings.NONE);
        ReservationId first = ReservationId.of(unique("res"));
        Reservation expiring = new Reservation(first, OrderId.of("tck-o-x"), ReservationStatus.ACTIVE,
                List.of(new RequestedLine(LineId.of("1"), a, Quantity.of(1))), ReservePolicy.ALL_OR_NOTHING,
                List.of(ReservedLine.holding(LineId.of("1"), a, Quantity.of(1))), List.of(),
                Optional.of(AT.plusSeconds(60)), 0, AT, 1);
        store.apply(change(List.of(hold(a, 1)), Optional.of(new ReservationWrite(expiring, 0)), Optional.empty()));
        assertThat(store.reservation(first)).contains(expiring);
        assertThat(store.reservationsOf(OrderId.of("tck-o-x"))).contains(expiring);
        assertThat(store.expiring(AT.plusSeconds(59), 10)).doesNotContain(expiring);
        assertThat(store.expiring(AT.plusSeconds(60), 10_000)).contains(expiring);
        assertThat(store.reservation(ReservationId.of(unique("none")))).isEmpty();
        // kept for good (a converted quote's hold): a later version without an expiry is not expiring
        Reservation kept = new Reservation(first, expiring.orderId(), expiring.status(), expiring.requested(),
                expiring.policy(), expiring.lines(), expiring.backorders(), Optional.empty(), 0, AT, 2);
        store.apply(change(List.of(), Optional.of(new ReservationWrite(kept, 1)), Optional.empty()));
        assertThat(store.reservation(first)).contains(kept);
        assertThat(store.expiring(AT.plusSeconds(3600), 10_000)).doesNotContain(kept, expiring);
    }

    /**
     * Rule: incoming stock is recorded, replaced by reference, listed earliest first, and
     * forgotten on request. Fix: key incoming stock by its reference.
     */
    @Test
    void required_incoming_stock_is_kept_by_reference() {
        InventoryStore store = newStore();
        PositionKey a = stocked(store, 0, PositionSettings.NONE);
        Reference po1 = Reference.of(Reference.Type.RECEIPT, unique("po"));
        Reference po2 = Reference.of(Reference.Type.RECEIPT, unique("po"));
        store.expectIncoming(new IncomingStock(a, Quantity.of(5), AT.plusSeconds(7200), po1));
        store.expectIncoming(new IncomingStock(a, Quantity.of(3), AT.plusSeconds(3600), po2));
        store.expectIncoming(new IncomingStock(a, Quantity.of(6), AT.plusSeconds(7200), po1));
        assertThat(store.incoming(a.sku())).extracting(IncomingStock::reference).containsExactly(po2, po1);
        assertThat(store.incoming(a.sku()).get(1).quantity()).isEqualTo(Quantity.of(6));
        store.removeIncoming(po2);
        assertThat(store.incoming(a.sku())).extracting(IncomingStock::reference).containsExactly(po1);
    }

    // ------------------------------------------------------------------ atomicity under concurrency

    /**
     * Rule: no oversell under concurrency. Eight threads reserve 1-3 units of one hot SKU with
     * 1,000 in stock through {@code InventoryService} (every fifth request has two lines on that
     * SKU, checked on their sum) until even one unit is refused: exactly 1,000 units are held,
     * never more, and the ledger reconciles. Fix: the availability check and the increment of
     * reserved must be one atomic conditional update
     * ({@code UPDATE ... SET reserved = reserved + ? WHERE on_hand - reserved - safety >= ?}).
     */
    @Test
    void required_a_hot_sku_never_oversells_under_concurrency() {
        InventoryStore store = newStore();
        InventoryService inventory = InventoryService.builder(store).clock(new ManualClock(AT))
                .ids(IdGenerator.sequential(unique("hot"))).build();
        Sku sku = sku();
        inventory.definePosition(sku, BERLIN, PositionSettings.NONE);
        inventory.receive(sku, BERLIN, Quantity.of(1_000), Reference.of(Reference.Type.RECEIPT, unique("po")),
                CommandKey.of(unique("k")));
        AtomicLong requested = new AtomicLong();
        ConcurrentLinkedQueue<Reservation> held = new ConcurrentLinkedQueue<>();
        String prefix = unique("hot");
        Concurrently.run(Concurrently.THREADS, thread -> {
            SplittableRandom random = new SplittableRandom(thread);
            for (int i = 0; i < 2_000; i++) {
                OrderId order = OrderId.of(prefix + "-o-" + thread + "-" + i);
                ReserveLine one = new ReserveLine(LineId.of("1"), sku, BERLIN, Quantity.of(1 + random.nextInt(3)));
                ReserveRequest request = i % 5 == 0
                        ? ReserveRequest.of(order, one, new ReserveLine(LineId.of("2"), sku, BERLIN,
                                Quantity.of(1 + random.nextInt(3))))
                        : ReserveRequest.of(order, one);
                requested.addAndGet(request.lines().stream().mapToLong(l -> l.quantity().value()).sum());
                ReservationOutcome outcome = inventory.reserve(request, CommandKey.of(prefix + "-" + thread + "-" + i));
                if (outcome instanceof ReservationOutcome.Reserved r) {
                    held.add(r.held());
                    continue;
                }
                ReservationOutcome single = inventory.reserve(ReserveRequest.of(OrderId.of(order + "-1"),
                        new ReserveLine(LineId.of("1"), sku, BERLIN, Quantity.of(1))),
                        CommandKey.of(prefix + "-" + thread + "-" + i + "-1"));
                if (single instanceof ReservationOutcome.Reserved r) {
                    held.add(r.held());
                } else {
                    break;
                }
            }
        });
        assertThat(requested.get()).as("demand exceeds stock").isGreaterThan(1_000);
        assertThat(held.stream().mapToLong(Reservation::held).sum()).as("exactly the stock is held, never more")
                .isEqualTo(1_000);
        StockPosition position = store.position(PositionKey.of(sku, BERLIN)).orElseThrow();
        assertThat(position.reserved().value()).isEqualTo(1_000);
        assertThat(inventory.reconcile(List.of(sku)).differences()).as("the ledger reconciles").isEmpty();
    }

    /**
     * Rule: all-or-nothing reservations of several SKUs from many threads never deadlock, never
     * leave a partial reservation, and conserve stock (reserved equals the active holds). Fix:
     * touch rows in {@code PositionKey} order within a change (or use compare-and-set), and apply
     * a change in one transaction.
     */
    @Test
    void required_multi_sku_reservations_never_deadlock_never_half_apply_and_conserve_stock() {
        InventoryStore store = newStore();
        InventoryService inventory = InventoryService.builder(store).clock(new ManualClock(AT))
                .ids(IdGenerator.sequential(unique("multi"))).build();
        List<Sku> skus = new ArrayList<>();
        List<LocationId> locations = List.of(BERLIN, MUNICH);
        for (int s = 0; s < 6; s++) {
            Sku sku = sku();
            skus.add(sku);
            for (LocationId location : locations) {
                inventory.definePosition(sku, location, PositionSettings.NONE);
                inventory.receive(sku, location, Quantity.of(40), Reference.of(Reference.Type.RECEIPT, unique("po")),
                        CommandKey.of(unique("k")));
            }
        }
        ConcurrentLinkedQueue<ReservationId> made = new ConcurrentLinkedQueue<>();
        String prefix = unique("multi");
        Concurrently.run(Concurrently.THREADS, thread -> {
            SplittableRandom random = new SplittableRandom(100 + thread);
            for (int i = 0; i < 100; i++) {
                int lines = 1 + random.nextInt(4);
                List<ReserveLine> request = new ArrayList<>();
                for (int l = 0; l < lines; l++) {
                    request.add(new ReserveLine(LineId.of(String.valueOf(l)), skus.get(random.nextInt(skus.size())),
                            locations.get(random.nextInt(2)), Quantity.of(1 + random.nextInt(4))));
                }
                ReservationOutcome outcome = inventory.reserve(new ReserveRequest(OrderId.of(prefix + "-" + thread + "-"
                        + i), request, ReservePolicy.ALL_OR_NOTHING, Optional.empty(), 0),
                        CommandKey.of(prefix + "-" + thread + "-" + i));
                outcome.reservation().ifPresent(r -> {
                    assertThat(r.held()).as("all or nothing").isEqualTo(request.stream()
                            .mapToLong(l -> l.quantity().value()).sum());
                    made.add(r.id());
                    if (random.nextInt(3) == 0) {
                        inventory.release(r.id(), CommandKey.of("rel-" + r.id()));
                    }
                });
            }
        });
        Map<PositionKey, Long> heldByPosition = new HashMap<>();
        for (ReservationId id : made) {
            Reservation r = store.reservation(id).orElseThrow();
            if (r.status() == ReservationStatus.ACTIVE) {
                for (ReservedLine line : r.lines()) {
                    heldByPosition.merge(line.position(), line.held().value(), Long::sum);
                }
            }
        }
        for (Sku sku : skus) {
            for (StockPosition p : store.positions(sku)) {
                assertThat(p.onHand().value()).as("stock is conserved at %s", p.key()).isEqualTo(40);
                assertThat(p.reserved().value()).as("reserved equals the active holds at %s", p.key())
                        .isEqualTo(heldByPosition.getOrDefault(p.key(), 0L));
            }
        }
        assertThat(inventory.reconcile(skus).balanced()).isTrue();
    }

    // ------------------------------------------------------------------ stateful, against the model

    /**
     * Rule: any sequence of changes (holds, releases, receipts and adjustments, one to three per
     * change, on two positions) is applied or refused exactly as the reference model of the
     * contract says, with the same failing positions, and leaves the same counts and ledger. Fix:
     * the shrunk failing sequence is printed; compare your condition check with the rules above.
     *
     * @param chain a random sequence of changes
     */
    @Property(tries = 100)
    void required_any_sequence_of_changes_behaves_as_the_reference_model(
            @ForAll("changeChains") ActionChain<ModelCheck> chain) {
        chain.withInvariant("counts and ledger agree with the model", ModelCheck::compare).run();
    }

    /** @return random change sequences on a fresh store and model */
    @Provide
    Arbitrary<ActionChain<ModelCheck>> changeChains() {
        return ActionChain.startWith(() -> new ModelCheck(newStore(), sku(), this::unique))
                .withAction(new ApplyChange())
                .withMaxTransformations(30);
    }

    /** The store under test and a plain model of two positions. Mutable; one per chain. */
    static final class ModelCheck {
        final InventoryStore store;
        final List<PositionKey> keys;
        final Map<PositionKey, long[]> model = new HashMap<>();
        final Map<PositionKey, Long> safety = new HashMap<>();
        final java.util.function.Function<String, String> ids;

        ModelCheck(InventoryStore store, Sku sku, java.util.function.Function<String, String> ids) {
            this.store = store;
            this.ids = ids;
            this.keys = List.of(PositionKey.of(sku, BERLIN), PositionKey.of(sku, MUNICH));
            for (int i = 0; i < keys.size(); i++) {
                PositionKey k = keys.get(i);
                store.definePosition(k, new PositionSettings(Quantity.of(i), Quantity.ZERO, Quantity.ZERO));
                model.put(k, new long[] {0, 0});
                safety.put(k, (long) i);
            }
        }

        void apply(List<PositionDelta> deltas) {
            Map<PositionKey, long[]> sums = new HashMap<>();
            Set<PositionKey> guarded = new HashSet<>();
            for (PositionDelta d : deltas) {
                long[] s = sums.computeIfAbsent(d.key(), k -> new long[2]);
                s[0] += d.onHand();
                s[1] += d.reserved();
                if (d.requireAvailable()) {
                    guarded.add(d.key());
                }
            }
            Set<PositionKey> failing = new HashSet<>();
            sums.forEach((k, s) -> {
                long onHand = model.get(k)[0] + s[0];
                long reserved = model.get(k)[1] + s[1];
                if (onHand < 0 || reserved < 0 || guarded.contains(k) && onHand - reserved - safety.get(k) < 0) {
                    failing.add(k);
                }
            });
            ApplyResult result = store.apply(new InventoryChange(ids.apply("m"), AT, deltas, Optional.empty(),
                    List.of(), List.of(), Optional.empty()));
            if (failing.isEmpty()) {
                assertThat(result).as("the model applies %s", deltas).isInstanceOf(ApplyResult.Applied.class);
                sums.forEach((k, s) -> {
                    model.get(k)[0] += s[0];
                    model.get(k)[1] += s[1];
                });
            } else {
                assertThat(result).as("the model refuses %s", deltas).isInstanceOf(ApplyResult.Refused.class);
                Set<PositionKey> reported = new HashSet<>();
                for (Shortfall s : ((ApplyResult.Refused) result).shortfalls()) {
                    reported.add(PositionKey.of(s.sku(), s.location().orElseThrow()));
                }
                assertThat(reported).as("every failing position is reported").isEqualTo(failing);
            }
        }

        void compare() {
            for (PositionKey k : keys) {
                StockPosition p = store.position(k).orElseThrow();
                assertThat(p.onHand().value()).as("on hand at %s", k).isEqualTo(model.get(k)[0]);
                assertThat(p.reserved().value()).as("reserved at %s", k).isEqualTo(model.get(k)[1]);
                List<Movement> ledger = store.movements(k);
                assertThat(ledger.stream().mapToLong(Movement::onHand).sum()).isEqualTo(model.get(k)[0]);
                assertThat(ledger.stream().mapToLong(Movement::reserved).sum()).isEqualTo(model.get(k)[1]);
            }
        }

        @Override
        public String toString() {
            return "ModelCheck" + keys;
        }
    }

    static final class ApplyChange implements Action.Independent<ModelCheck> {
        @Override
        public Arbitrary<Transformer<ModelCheck>> transformer() {
            Arbitrary<int[]> delta = Combinators.combine(Arbitraries.integers().between(0, 1),
                    Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 6))
                    .as((position, kind, units) -> new int[] {position, kind, units});
            return delta.list().ofMinSize(1).ofMaxSize(3).map(specs -> Transformer.mutate(describe(specs), m -> {
                List<PositionDelta> deltas = new ArrayList<>();
                for (int[] spec : specs) {
                    PositionKey k = m.keys.get(spec[0]);
                    deltas.add(switch (spec[1]) {
                        case 0 -> PositionDelta.hold(k, spec[2], MovementReason.RESERVE, REF);
                        case 1 -> PositionDelta.unhold(k, spec[2], MovementReason.RELEASE, REF);
                        case 2 -> PositionDelta.onHand(k, spec[2] * 2L, MovementReason.RECEIPT, REF);
                        default -> PositionDelta.onHand(k, -spec[2], MovementReason.COUNT, REF);
                    });
                }
                m.apply(deltas);
            }));
        }

        private static String describe(List<int[]> specs) {
            StringBuilder out = new StringBuilder("change");
            String[] kinds = {"hold", "release", "receive", "remove"};
            for (int[] s : specs) {
                out.append(' ').append(kinds[s[1]]).append(' ').append(s[1] == 2 ? s[2] * 2 : s[2]).append('@')
                        .append(s[0] == 0 ? "berlin" : "munich");
            }
            return out.toString();
        }
    }
}
