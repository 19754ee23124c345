package dev.oms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.returns.ReturnCommand;
import dev.oms.returns.ReturnDecider;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.EventId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.Sku;
import dev.oms.spi.StaleVersionException.ReturnConflictException;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnEvent.ReturnEventMetadata;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ReturnKind;
import dev.oms.spi.returns.ReturnRequest.ReturnLine;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import dev.oms.spi.returns.ReturnRequest.ShippingPayer;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.returns.ReturnStore.ReturnChange;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * The conformance contract of {@link ReturnStore}. An adapter author extends this class and
 * implements {@link #newStore()}; JUnit 5 (Jupiter) runs the {@code @Test}s and jqwik the
 * stateful {@code @Property}.
 *
 * <p>The rules are those of the {@code ReturnStore} Javadoc: the snapshot, its events (log and
 * outbox), the order's refund account and the command key are saved all or nothing; the return
 * and the account each only at their expected version; keys once; the outbox in save order.
 * Every test uses ids unique to it.
 */
public abstract class ReturnStoreContract {
    private static final Instant AT = Instant.parse("2026-11-01T09:00:00Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger counter = new AtomicInteger();
    private final ReturnDecider decider = new ReturnDecider(Clock.fixed(AT, ZoneOffset.UTC),
            IdGenerator.sequential("tck-" + run));

    /** For subclasses: an adapter's test class. */
    protected ReturnStoreContract() {
    }

    /** @return the store under test (it may hold other data; the contract uses fresh ids) */
    protected abstract ReturnStore newStore();

    private String unique(String prefix) {
        return prefix + "-" + run + "-" + counter.incrementAndGet();
    }

    private ReturnRequest fresh(OrderId orderId) {
        return new ReturnRequest(ReturnId.of(unique("rma")), orderId, CustomerRef.of("tck"), ReturnKind.RETURN,
                ReturnStatus.REQUESTED, List.of(ReturnLine.requested(LineId.of("1"), Sku.of("TCK"), Quantity.of(1),
                        "TOO_SMALL")), ShippingPayer.CUSTOMER, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), "", AT, AT, 1);
    }

    private ReturnChange create(ReturnRequest r, Optional<ReturnChange.AccountWrite> account,
            Optional<CommandKey> key) {
        ReturnEvent e = decider.request(r);
        return new ReturnChange(r, 0, List.of(e), account, key.map(k -> new CommandRecord(k, "tck", r.orderId(), 1,
                List.of(e.eventId()))));
    }

    private ReturnChange approve(ReturnRequest current, Optional<ReturnChange.AccountWrite> account) {
        List<ReturnEvent> events = decider.decide(current, new ReturnCommand.Approve(Optional.of(LocationId.of("tck"))));
        return new ReturnChange(decider.evolveAll(current, events), current.version(), events, account,
                Optional.empty());
    }

    private static ReturnChange.AccountWrite bump(RefundAccount account) {
        return new ReturnChange.AccountWrite(account.next(), account.version());
    }

    private static List<EventId> ids(List<OutboxEntry<ReturnEvent>> entries) {
        return entries.stream().map(e -> e.event().eventId()).toList();
    }

    // ------------------------------------------------------------------ plain behaviour

    /**
     * Rule: a saved return reads back as saved, among its order's returns (oldest first), with
     * its events in the log and the outbox; reads of what was never saved are empty, and an
     * order without refunds has the empty refund account. Fix: persist every field of the
     * snapshot (lines, inspections, refund breakdown, replacement) and the events in one
     * transaction.
     */
    @Test
    void required_a_saved_return_reads_back_with_its_events() {
        ReturnStore store = newStore();
        OrderId order = OrderId.of(unique("o"));
        ReturnRequest first = fresh(order);
        ReturnRequest second = fresh(order);
        ReturnChange a = create(first, Optional.empty(), Optional.empty());
        store.save(a);
        store.save(create(second, Optional.empty(), Optional.empty()));
        ReturnChange approved = approve(first, Optional.empty());
        store.save(approved);
        assertThat(store.load(first.id())).contains(approved.request());
        assertThat(store.ofOrder(order)).containsExactly(approved.request(), second);
        List<ReturnEvent> log = new ArrayList<>(a.events());
        log.addAll(approved.events());
        assertThat(store.events(first.id())).isEqualTo(log);
        assertThat(ids(store.unpublished(10_000))).containsSubsequence(log.stream().map(ReturnEvent::eventId).toList());
        assertThat(store.load(ReturnId.of(unique("none")))).isEmpty();
        assertThat(store.ofOrder(OrderId.of(unique("none")))).isEmpty();
        assertThat(store.events(ReturnId.of(unique("none")))).isEmpty();
        OrderId none = OrderId.of(unique("none"));
        assertThat(store.refundAccount(none)).isEqualTo(RefundAccount.empty(none));
    }

    /**
     * Rule: an erasure of personal data rewrites logged events of the return in place (same ids,
     * versions and order) and their outbox entries, in the save that records it; a rewrite of an
     * event that is not in the log refuses the whole save and writes nothing. Fix: update the
     * stored bodies of {@link ReturnChange#rewrites()} by event id (log and outbox) in the save's
     * transaction, and fail it when a rewrite matches no logged event.
     */
    @Test
    void required_an_erasure_rewrites_the_log_and_the_outbox_in_its_save() {
        ReturnStore store = newStore();
        ReturnRequest r = fresh(OrderId.of(unique("o")));
        ReturnChange created = create(r, Optional.empty(), Optional.empty());
        store.save(created);
        List<ReturnEvent> cancel = decider.decide(r, new ReturnCommand.Cancel("Ms Weber moved"));
        ReturnRequest cancelled = decider.evolveAll(r, cancel);
        store.save(new ReturnChange(cancelled, 1, cancel, Optional.empty(), Optional.empty()));
        List<ReturnEvent> before = store.events(r.id());

        List<ReturnEvent> erasure = decider.decide(cancelled, new ReturnCommand.ErasePersonalData());
        ReturnRequest erased = decider.evolveAll(cancelled, erasure);
        ReturnEvent.Requested requested = (ReturnEvent.Requested) created.events().get(0);
        ReturnEvent placed = new ReturnEvent.Requested(requested.metadata(), new ReturnRequest(r.id(), r.orderId(),
                CustomerRef.of("erased"), r.kind(), r.status(), r.lines(), r.shippingPaidBy(), r.returnLocation(),
                r.label(), r.refund(), r.replacement(), r.claimResolution(), "", r.createdAt(), r.updatedAt(),
                r.version()));
        ReturnEvent withdrawn = new ReturnEvent.Cancelled(cancel.get(0).metadata(), "");
        ReturnEvent stranger = new ReturnEvent.Cancelled(new ReturnEventMetadata(EventId.of(unique("stranger")), r.id(),
                r.orderId(), 2, AT), "");
        assertThatThrownBy(() -> store.save(new ReturnChange(erased, 2, erasure, Optional.empty(), Optional.empty(),
                List.of(placed, stranger)))).isInstanceOf(dev.oms.spi.InvalidInputException.class);
        assertThat(store.load(r.id())).contains(cancelled);
        assertThat(store.events(r.id())).isEqualTo(before);

        store.save(new ReturnChange(erased, 2, erasure, Optional.empty(), Optional.empty(), List.of(placed, withdrawn)));
        List<ReturnEvent> after = new ArrayList<>(List.of(placed, withdrawn));
        after.addAll(erasure);
        assertThat(store.load(r.id())).contains(erased);
        assertThat(erased.customer()).isEqualTo(CustomerRef.of("erased"));
        assertThat(erased.note()).isEmpty();
        assertThat(store.events(r.id())).isEqualTo(after);
        List<ReturnEvent> inOutbox = store.unpublished(10_000).stream().map(OutboxEntry::event)
                .filter(e -> e.returnId().equals(r.id())).toList();
        assertThat(inOutbox).as("the outbox holds the rewritten events, in their places").isEqualTo(after);
        assertThat(after.toString() + inOutbox).doesNotContain("Ms Weber");
    }

    /**
     * Rule: a return is written only at its expected version (0: must not exist); otherwise
     * {@link ReturnConflictException} and nothing is written, no event either. Fix: a
     * conditional update on the version, in the transaction that writes the events.
     */
    @Test
    void required_a_stale_return_version_is_refused_and_writes_nothing() {
        ReturnStore store = newStore();
        ReturnRequest r = fresh(OrderId.of(unique("o")));
        store.save(create(r, Optional.empty(), Optional.empty()));
        store.save(approve(r, Optional.empty()));
        int outbox = store.unpublished(10_000).size();
        assertThatThrownBy(() -> store.save(approve(r, Optional.empty())))
                .isInstanceOfSatisfying(ReturnConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                });
        assertThatThrownBy(() -> store.save(create(r, Optional.empty(), Optional.empty())))
                .isInstanceOf(ReturnConflictException.class);
        assertThat(store.events(r.id())).hasSize(2);
        assertThat(store.unpublished(10_000)).hasSize(outbox);
    }

    /**
     * Rule: the order's refund account is written only at its expected version, with the return,
     * all or nothing: a stale account refuses the whole change with {@link ReturnConflictException}
     * (the return is not written either). This is what serialises the requests and refunds of
     * one order. Fix: a version column on the account row, updated conditionally in the same
     * transaction as the return.
     */
    @Test
    void required_the_refund_account_is_version_checked_with_the_return() {
        ReturnStore store = newStore();
        OrderId order = OrderId.of(unique("o"));
        RefundAccount empty = store.refundAccount(order);
        ReturnRequest first = fresh(order);
        RefundAccount counted = empty.plus(LineId.of("1"), new RefundAccount.RefundedUnits(1, 1, 0)).next();
        store.save(create(first, Optional.of(new ReturnChange.AccountWrite(counted, 0)), Optional.empty()));
        assertThat(store.refundAccount(order)).isEqualTo(counted);
        ReturnRequest second = fresh(order);
        assertThatThrownBy(() -> store.save(create(second, Optional.of(bump(empty)), Optional.empty())))
                .isInstanceOf(ReturnConflictException.class);
        assertThat(store.load(second.id())).isEmpty();
        assertThat(store.ofOrder(order)).containsExactly(first);
        store.save(create(second, Optional.of(bump(counted)), Optional.empty()));
        assertThat(store.refundAccount(order).version()).isEqualTo(2);
        assertThat(store.refundAccount(order).of(LineId.of("1")).units()).isEqualTo(1);
    }

    /**
     * Rule: a command key is recorded once; a second change with it throws
     * {@link CommandKeyConflictException} and writes nothing. Fix: a unique key, in the save's
     * transaction.
     */
    @Test
    void required_a_command_key_is_recorded_once() {
        ReturnStore store = newStore();
        CommandKey key = CommandKey.of(unique("key"));
        OrderId order = OrderId.of(unique("o"));
        ReturnChange a = create(fresh(order), Optional.empty(), Optional.of(key));
        store.save(a);
        assertThat(store.findCommand(key)).isEqualTo(a.command());
        ReturnRequest b = fresh(order);
        assertThatThrownBy(() -> store.save(create(b, Optional.empty(), Optional.of(key))))
                .isInstanceOf(CommandKeyConflictException.class);
        assertThat(store.load(b.id())).isEmpty();
        assertThat(store.findCommand(CommandKey.of(unique("none")))).isEmpty();
    }

    /**
     * Rule: the outbox returns unpublished events in save order with increasing sequences, at
     * most {@code limit}; published events leave it (and stay in the log); {@code markPublished}
     * is idempotent and ignores unknown ids. Fix: a sequence column and a published flag.
     */
    @Test
    void required_the_outbox_is_in_save_order_and_forgets_published_events() {
        ReturnStore store = newStore();
        OrderId order = OrderId.of(unique("o"));
        ReturnChange a = create(fresh(order), Optional.empty(), Optional.empty());
        ReturnChange b = create(fresh(order), Optional.empty(), Optional.empty());
        store.save(a);
        store.save(b);
        List<OutboxEntry<ReturnEvent>> entries = store.unpublished(10_000);
        EventId first = a.events().get(0).eventId();
        EventId second = b.events().get(0).eventId();
        assertThat(ids(entries)).containsSubsequence(first, second);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).sequence()).isGreaterThan(entries.get(i - 1).sequence());
        }
        assertThat(store.unpublished(1)).hasSize(1);
        store.markPublished(List.of(first));
        store.markPublished(List.of(first, EventId.of(unique("unknown"))));
        assertThat(ids(store.unpublished(10_000))).doesNotContain(first).contains(second);
        assertThat(store.events(a.request().id())).isEqualTo(a.events());
    }

    // ------------------------------------------------------------------ atomicity under concurrency

    /**
     * Rule: when changes that bump one order's refund account race, exactly one per account
     * version wins; the others throw {@link ReturnConflictException} and write nothing. Fix: the
     * account's conditional update must be atomic with the return's insert.
     */
    @Test
    void required_racing_changes_of_one_refund_account_let_exactly_one_win() {
        ReturnStore store = newStore();
        OrderId order = OrderId.of(unique("o"));
        RefundAccount empty = store.refundAccount(order);
        List<ReturnRequest> racing = new ArrayList<>();
        for (int t = 0; t < Concurrently.THREADS; t++) {
            racing.add(fresh(order));
        }
        AtomicInteger won = new AtomicInteger();
        Concurrently.run(Concurrently.THREADS, t -> {
            try {
                store.save(create(racing.get(t), Optional.of(bump(empty)), Optional.empty()));
                won.incrementAndGet();
            } catch (ReturnConflictException expected) {
                // the others lose
            }
        });
        assertThat(won.get()).isEqualTo(1);
        assertThat(store.ofOrder(order)).hasSize(1);
        assertThat(store.refundAccount(order).version()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ stateful, against the model

    /**
     * Rule: any sequence of new returns (with or without bumping the order's refund account, on a
     * fresh or a stale account), approvals (fresh or stale) and publications gives the same
     * answers and reads as the reference model. Fix: the shrunk failing sequence is printed with
     * the first step where store and model disagree.
     *
     * @param chain a random sequence of changes
     */
    @Property(tries = 100)
    void required_any_sequence_of_changes_behaves_as_the_reference_model(
            @ForAll("changeChains") ActionChain<ModelCheck> chain) {
        chain.withInvariant("reads agree with the model", ModelCheck::compare).run();
    }

    /** @return random change sequences on a fresh store and model of one order */
    @Provide
    Arbitrary<ActionChain<ModelCheck>> changeChains() {
        return ActionChain.startWith(() -> new ModelCheck(newStore(), OrderId.of(unique("o"))))
                .withAction(new Step())
                .withMaxTransformations(30);
    }

    /** The store and a plain model of one order's returns. Mutable; one per chain. */
    final class ModelCheck {
        final ReturnStore store;
        final OrderId order;
        final Map<ReturnId, List<ReturnRequest>> returns = new java.util.LinkedHashMap<>();
        final Map<ReturnId, List<ReturnEvent>> logs = new HashMap<>();
        final List<EventId> outbox = new ArrayList<>();
        final Set<EventId> mine = new HashSet<>();
        final List<RefundAccount> accounts = new ArrayList<>();

        ModelCheck(ReturnStore store, OrderId order) {
            this.store = store;
            this.order = order;
            accounts.add(RefundAccount.empty(order));
        }

        void create(boolean withAccount, boolean staleAccount) {
            ReturnRequest r = fresh(order);
            RefundAccount base = staleAccount && accounts.size() > 1 ? accounts.get(accounts.size() - 2)
                    : accounts.get(accounts.size() - 1);
            Optional<ReturnChange.AccountWrite> write = withAccount ? Optional.of(bump(base)) : Optional.empty();
            ReturnChange change = ReturnStoreContract.this.create(r, write, Optional.empty());
            boolean accepts = !withAccount || base == accounts.get(accounts.size() - 1);
            assertThat(Outcome.of(() -> store.save(change))).as("create %s", r.id())
                    .isEqualTo(accepts ? Void.class : ReturnConflictException.class);
            if (accepts) {
                returns.put(r.id(), new ArrayList<>(List.of(r)));
                record(change);
                write.ifPresent(w -> accounts.add(w.account()));
            }
        }

        void approveOne(int which, boolean stale) {
            List<ReturnId> requested = returns.entrySet().stream()
                    .filter(e -> e.getValue().get(0).status() == ReturnStatus.REQUESTED).map(Map.Entry::getKey).toList();
            if (requested.isEmpty()) {
                return;
            }
            List<ReturnRequest> versions = returns.get(requested.get(which % requested.size()));
            ReturnRequest current = versions.get(versions.size() - 1);
            if (current.status() != ReturnStatus.REQUESTED) {
                if (!stale) {
                    return;
                }
                ReturnRequest old = versions.get(versions.size() - 2);
                assertThat(Outcome.of(() -> store.save(approve(old, Optional.empty())))).as("stale approve")
                        .isEqualTo(ReturnConflictException.class);
                return;
            }
            ReturnChange change = approve(current, Optional.empty());
            assertThat(Outcome.of(() -> store.save(change))).as("approve").isEqualTo(Void.class);
            versions.add(change.request());
            record(change);
        }

        void publish(int n) {
            compareOutbox();
            List<EventId> oldest = outbox.stream().limit(n).toList();
            store.markPublished(oldest);
            outbox.removeAll(oldest);
            compareOutbox();
        }

        private void record(ReturnChange change) {
            logs.computeIfAbsent(change.request().id(), k -> new ArrayList<>()).addAll(change.events());
            change.events().forEach(e -> {
                outbox.add(e.eventId());
                mine.add(e.eventId());
            });
        }


        void compare() {
            List<ReturnRequest> latest = returns.values().stream().map(v -> v.get(v.size() - 1)).toList();
            assertThat(store.ofOrder(order)).isEqualTo(latest);
            returns.keySet().forEach(id -> assertThat(store.events(id)).isEqualTo(logs.get(id)));
            assertThat(store.refundAccount(order)).isEqualTo(accounts.get(accounts.size() - 1));
        }

        /** The outbox, compared when events are published (a shared database's outbox is large). */
        void compareOutbox() {
            assertThat(ids(store.unpublished(100_000)).stream().filter(mine::contains).toList()).isEqualTo(outbox);
        }

        @Override
        public String toString() {
            return "ModelCheck" + returns.keySet();
        }
    }

    final class Step implements Action.Independent<ModelCheck> {
        @Override
        public Arbitrary<Transformer<ModelCheck>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 5),
                    Arbitraries.of(true, false)).as((kind, which, stale) -> switch (kind) {
                        case 0 -> Transformer.<ModelCheck>mutate("request", m -> m.create(false, false));
                        case 1 -> Transformer.<ModelCheck>mutate("request bumping the account"
                                + (stale ? " read stale" : ""), m -> m.create(true, stale));
                        case 2 -> Transformer.<ModelCheck>mutate("approve " + which + (stale ? " on a stale read" : ""),
                                m -> m.approveOne(which, stale));
                        default -> Transformer.<ModelCheck>mutate("publish the oldest " + (1 + which),
                                m -> m.publish(1 + which));
                    });
        }
    }
}
