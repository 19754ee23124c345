package dev.oms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.StaleVersionException.ProcessConflictException;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.process.ProcessId;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessKind;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.process.ProcessRecord.StepLine;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import dev.oms.spi.process.ProcessStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * The conformance contract of {@link ProcessStore}, the store of the order flow's durable
 * processes. An adapter author extends this class and implements {@link #newStore()}.
 *
 * <p>The rules are those of the {@code ProcessStore} Javadoc: a record of version 1 is written
 * only if its id is new, a later one only over the version before it, so that two runners of one
 * process never both record a decision; every field reads back exactly (the flow resumes from
 * them); the queries a resume and the timers use return the right records in the right order.
 * Every test uses ids and times unique to it, so the store may hold other data.
 */
public abstract class ProcessStoreContract {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger counter = new AtomicInteger();
    /** Far in the future and unique per contract instance, so queries by time see only this test's records. */
    private final Instant base = Instant.parse("2400-01-01T00:00:00Z").plus(Duration.ofDays(
            Math.floorMod(run.hashCode(), 100_000) * 10L));

    /** For subclasses: an adapter's test class. */
    protected ProcessStoreContract() {
    }

    /** @return the store under test (it may hold other data; the contract uses fresh ids) */
    protected abstract ProcessStore newStore();

    private String unique(String prefix) {
        return prefix + "-" + run + "-" + counter.incrementAndGet();
    }

    private ProcessRecord fresh(OrderId order, Instant startedAt) {
        ProcessInput input = new ProcessInput.Cancel(order, List.of(new LineQuantity(LineId.of("1"), Quantity.of(2))),
                CancelReason.CUSTOMER_REQUEST, "tck");
        return new ProcessRecord(ProcessId.of(unique("p")), ProcessKind.CANCEL, CommandKey.of(unique("key")), "fp",
                input, Optional.of(order), ProcessStatus.RUNNING, Optional.empty(), Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), 1, startedAt, startedAt, 1);
    }

    private ProcessRecord fresh() {
        return fresh(OrderId.of(unique("o")), base);
    }

    private static ProcessStep decision(String name) {
        return new ProcessStep(name, List.of(new StepLine(LineId.of("1"), Optional.of(Sku.of("TCK")), Quantity.of(2),
                Optional.of(LocationId.of("tck-wh")), Optional.of(FulfillmentOrderId.of("tck-fo")), "why")),
                Optional.of(Amounts.of("12.34", "EUR")), "note");
    }

    private static ProcessRecord waiting(ProcessRecord r, WaitReason reason, Optional<Instant> due, Instant at) {
        return r.with(ProcessStatus.WAITING, Optional.of(reason), due, Optional.of("wait"), Optional.empty(), at);
    }

    // ------------------------------------------------------------------ plain behaviour

    /**
     * Rule: a saved record reads back exactly: its input, its steps with their lines and amounts,
     * its status, wait, due time, failure, attempts and times. Fix: persist every field (the flow
     * resumes from them; an amount must keep its scale).
     */
    @Test
    void required_a_saved_process_reads_back_exactly() {
        ProcessStore store = newStore();
        ProcessRecord r = fresh();
        store.save(r);
        assertThat(store.load(r.id())).contains(r);
        ProcessRecord stepped = r.withStep(decision("plan"), base.plusSeconds(1));
        store.save(stepped);
        assertThat(store.load(r.id())).contains(stepped);
        ProcessRecord next = stepped.with(ProcessStatus.WAITING, Optional.of(WaitReason.STOCK), Optional.of(base.plusSeconds(99)),
                        Optional.of("wait for STOCK"), Optional.of("a gateway timed out"), base.plusSeconds(2));
        store.save(next);
        assertThat(store.load(r.id())).contains(next);
        assertThat(store.load(ProcessId.of(unique("none")))).isEmpty();
    }

    /**
     * Rule: version 1 is written only if the id is new; version {@code n} only over the stored
     * {@code n - 1}. Otherwise {@link ProcessConflictException} and nothing is written. Fix: an
     * insert that fails on an existing id, a conditional update on the version.
     */
    @Test
    void required_a_stale_or_repeated_version_is_refused_and_writes_nothing() {
        ProcessStore store = newStore();
        ProcessRecord r = fresh();
        store.save(r);
        assertThatThrownBy(() -> store.save(r)).isInstanceOf(ProcessConflictException.class);
        ProcessRecord v2 = r.withStep(ProcessStep.done("a"), base.plusSeconds(1));
        store.save(v2);
        ProcessRecord otherV2 = r.withStep(ProcessStep.done("b"), base.plusSeconds(1));
        assertThatThrownBy(() -> store.save(otherV2)).isInstanceOfSatisfying(ProcessConflictException.class, e -> {
            assertThat(e.expectedVersion()).isEqualTo(1);
            assertThat(e.actualVersion()).isEqualTo(2);
        });
        ProcessRecord v4 = v2.withStep(ProcessStep.done("c"), base).withStep(ProcessStep.done("d"), base);
        assertThatThrownBy(() -> store.save(v4)).as("a gap in versions").isInstanceOf(ProcessConflictException.class);
        assertThat(store.load(r.id())).contains(v2);
    }

    /**
     * Rule: when saves of one version race, exactly one wins and the others get
     * {@link ProcessConflictException}: two runners never both record a decision. Fix: the
     * conditional update must check the affected row count in the same statement.
     */
    @Test
    void required_racing_saves_of_one_version_let_exactly_one_win() {
        ProcessStore store = newStore();
        ProcessRecord r = fresh();
        store.save(r);
        assertThat(Concurrently.wins(Concurrently.THREADS, t -> store.save(r.withStep(ProcessStep.done("runner-" + t), base)),
                ProcessConflictException.class)).isEqualTo(1);
        assertThat(store.load(r.id()).orElseThrow().steps()).hasSize(1);
    }

    /**
     * Rule: {@code running(before, limit)} lists running processes last saved before the time,
     * oldest update first, at most {@code limit}; never waiting or finished ones. Fix: filter on
     * the status and the update time, order by the update time.
     */
    @Test
    void required_running_lists_running_processes_not_saved_since_oldest_first() {
        ProcessStore store = newStore();
        ProcessRecord late = fresh(OrderId.of(unique("o")), base.plusSeconds(30));
        ProcessRecord early = fresh(OrderId.of(unique("o")), base.plusSeconds(10));
        ProcessRecord parked = fresh(OrderId.of(unique("o")), base.plusSeconds(5));
        ProcessRecord done = fresh(OrderId.of(unique("o")), base.plusSeconds(1));
        ProcessRecord recent = fresh(OrderId.of(unique("o")), base.plusSeconds(100));
        for (ProcessRecord r : List.of(late, early, parked, done, recent)) {
            store.save(r);
        }
        store.save(waiting(parked, WaitReason.PAYMENT, Optional.empty(), base.plusSeconds(6)));
        store.save(done.with(ProcessStatus.DONE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                base.plusSeconds(2)));
        List<ProcessId> mine = List.of(late.id(), early.id(), parked.id(), done.id(), recent.id());
        assertThat(ids(store.running(base.plusSeconds(50), 10_000)).stream().filter(mine::contains))
                .containsExactly(early.id(), late.id());
        assertThat(store.running(base.plusSeconds(50), 1)).hasSize(1);
        assertThatThrownBy(() -> store.running(base, 0)).isInstanceOf(InvalidInputException.class);
    }

    /**
     * Rule: {@code waiting(reason, after, limit)} lists the processes waiting for that reason, in
     * the order they started (then by id), continuing after the cursor. Fix: order by start time
     * then id; the cursor is a position in that order, not an offset.
     */
    @Test
    void required_waiting_lists_one_reason_in_start_order_after_a_cursor() {
        ProcessStore store = newStore();
        List<ProcessRecord> stock = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ProcessRecord r = fresh(OrderId.of(unique("o")), base.plusSeconds(10L * (5 - i)));
            store.save(r);
            stock.add(store.load(r.id()).orElseThrow());
        }
        ProcessRecord payment = fresh(OrderId.of(unique("o")), base.plusSeconds(1));
        store.save(payment);
        store.save(waiting(payment, WaitReason.PAYMENT, Optional.empty(), base.plusSeconds(2)));
        for (ProcessRecord r : stock) {
            store.save(waiting(r, WaitReason.STOCK, Optional.empty(), base.plusSeconds(60)));
        }
        List<ProcessId> inStartOrder = List.of(stock.get(4).id(), stock.get(3).id(), stock.get(2).id(),
                stock.get(1).id(), stock.get(0).id());
        List<ProcessId> all = new ArrayList<>();
        Optional<ProcessId> after = Optional.empty();
        for (int pages = 0; pages < 10; pages++) { // a store that ignores the cursor must fail, not loop
            List<ProcessRecord> page = store.waiting(WaitReason.STOCK, after, 2).stream()
                    .filter(r -> inStartOrder.contains(r.id())).toList();
            if (page.isEmpty()) {
                break;
            }
            page.forEach(r -> all.add(r.id()));
            after = Optional.of(page.get(page.size() - 1).id());
        }
        assertThat(all).containsExactlyElementsOf(inStartOrder);
        assertThat(ids(store.waiting(WaitReason.PAYMENT, Optional.empty(), 100))).contains(payment.id())
                .doesNotContainAnyElementsOf(inStartOrder);
    }

    /**
     * Rule: {@code due(now, limit)} lists waiting processes whose due time is not after now,
     * earliest first; not those without a due time, not running or finished ones. Fix: filter on
     * the status and the due time, order by the due time.
     */
    @Test
    void required_due_lists_waiting_processes_whose_time_came_earliest_first() {
        ProcessStore store = newStore();
        ProcessRecord soon = fresh();
        ProcessRecord sooner = fresh();
        ProcessRecord later = fresh();
        ProcessRecord never = fresh();
        for (ProcessRecord r : List.of(soon, sooner, later, never)) {
            store.save(r);
        }
        store.save(waiting(soon, WaitReason.PAYMENT, Optional.of(base.plusSeconds(20)), base));
        store.save(waiting(sooner, WaitReason.COLLECTION, Optional.of(base.plusSeconds(10)), base));
        store.save(waiting(later, WaitReason.STOCK, Optional.of(base.plusSeconds(90)), base));
        store.save(waiting(never, WaitReason.FRAUD_REVIEW, Optional.empty(), base));
        List<ProcessId> due = ids(store.due(base.plusSeconds(20), 100_000));
        assertThat(due).containsSubsequence(sooner.id(), soon.id()).doesNotContain(later.id(), never.id());
    }

    /**
     * Rule: {@code ofOrder} lists an order's processes in the order they started. Fix: index by
     * the order.
     */
    @Test
    void required_an_orders_processes_are_listed_in_start_order() {
        ProcessStore store = newStore();
        OrderId order = OrderId.of(unique("o"));
        ProcessRecord second = fresh(order, base.plusSeconds(2));
        ProcessRecord first = fresh(order, base.plusSeconds(1));
        store.save(second);
        store.save(first);
        store.save(fresh());
        assertThat(ids(store.ofOrder(order))).containsExactly(first.id(), second.id());
        assertThat(store.ofOrder(OrderId.of(unique("none")))).isEmpty();
    }

    /**
     * Rule: {@code purgeFinished(before, limit)} deletes finished (done or failed) processes last
     * saved before the time, and nothing else. Fix: filter on the status and the update time.
     */
    @Test
    void required_purge_deletes_only_finished_processes_older_than_the_time() {
        ProcessStore store = newStore();
        ProcessRecord old = fresh();
        ProcessRecord oldFailed = fresh();
        ProcessRecord recent = fresh();
        ProcessRecord running = fresh();
        for (ProcessRecord r : List.of(old, oldFailed, recent, running)) {
            store.save(r);
        }
        store.save(old.with(ProcessStatus.DONE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                base.plusSeconds(1)));
        store.save(oldFailed.with(ProcessStatus.FAILED, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("refused"), base.plusSeconds(2)));
        store.save(recent.with(ProcessStatus.DONE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), base.plusSeconds(100)));
        assertThat(store.purgeFinished(base.plusSeconds(50), 100_000)).isGreaterThanOrEqualTo(2);
        assertThat(store.load(old.id())).isEmpty();
        assertThat(store.load(oldFailed.id())).isEmpty();
        assertThat(store.load(recent.id())).isPresent();
        assertThat(store.load(running.id())).isPresent();
    }

    private static List<ProcessId> ids(List<ProcessRecord> records) {
        return records.stream().map(ProcessRecord::id).toList();
    }

    // ------------------------------------------------------------------ stateful, against the model

    /**
     * Rule: any sequence of saves (fresh or stale) of a few processes succeeds or fails exactly as
     * the reference model says, and every record reads back as the model holds it. Fix: the shrunk
     * failing sequence is printed with the first step where store and model disagree.
     *
     * @param chain a random sequence of saves
     */
    @Property(tries = 100)
    void required_any_sequence_of_saves_behaves_as_the_reference_model(
            @ForAll("saveChains") ActionChain<ModelCheck> chain) {
        chain.withInvariant("reads agree with the model", ModelCheck::compare).run();
    }

    /** @return random save sequences on a fresh store and model of three processes */
    @Provide
    Arbitrary<ActionChain<ModelCheck>> saveChains() {
        return ActionChain.startWith(() -> new ModelCheck(newStore(), List.of(fresh(), fresh(), fresh())))
                .withAction(new Step())
                .withMaxTransformations(30);
    }

    /** The store and the model of its records' versions. Mutable; one per chain. */
    final class ModelCheck {
        final ProcessStore store;
        final VersionedModel<ProcessId, ProcessRecord> model;

        ModelCheck(ProcessStore store, List<ProcessRecord> initial) {
            this.store = store;
            this.model = new VersionedModel<>(initial, ProcessRecord::id, store::save, ProcessConflictException.class);
        }

        void save(int which, int kind, boolean stale) {
            ProcessRecord from = model.base(which, stale);
            int n = model.size(which);
            Instant at = ProcessStoreContract.this.base.plusSeconds(n);
            ProcessRecord next = switch (kind) {
                case 0 -> from.withStep(decision("step-" + n), at);
                case 1 -> waiting(from, WaitReason.values()[n % WaitReason.values().length],
                        Optional.of(at.plusSeconds(60)), at);
                default -> from.attempted(at);
            };
            model.save(from, next, "saving " + next.id() + " version " + next.version());
        }

        void compare() {
            model.compare(store::load);
        }

        @Override
        public String toString() {
            return "ModelCheck " + model;
        }
    }

    final class Step implements Action.Independent<ModelCheck> {
        @Override
        public Arbitrary<Transformer<ModelCheck>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
                    Arbitraries.of(true, false)).as((which, kind, stale) -> Transformer.<ModelCheck>mutate(
                            "save process " + which + (kind == 0 ? " with a step" : kind == 1 ? " waiting" : " resumed")
                                    + (stale ? " on a stale read" : ""), m -> m.save(which, kind, stale)));
        }
    }
}
