package dev.oms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.PlaceOrder;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.DraftId;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReservationId;
import dev.oms.spi.StaleVersionException.DraftConflictException;
import dev.oms.spi.order.Attributes;
import dev.oms.spi.order.B2bTerms;
import dev.oms.spi.order.Draft;
import dev.oms.spi.order.Draft.ManualDiscount;
import dev.oms.spi.order.Draft.Quote;
import dev.oms.spi.order.Draft.Status;
import dev.oms.spi.store.DraftStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.money.Monetary;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;
import org.junit.jupiter.api.Test;

/**
 * The conformance contract of {@link DraftStore}, where draft orders and quotes live. An adapter
 * author extends this class and implements {@link #newStore()}.
 *
 * <p>The rules are those of the {@code DraftStore} Javadoc: version 1 only for a new id, a later
 * version only over the one before (so one of racing agents' edits wins), every field read back
 * exactly (prices keep their scale), and the quotes due to expire listed soonest first. Every test
 * uses ids and times unique to it, so the store may hold other data.
 */
public abstract class DraftStoreContract {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger counter = new AtomicInteger();
    /** Far in the future and unique per contract instance, so queries by time see only this test's drafts. */
    private final Instant base = Instant.parse("2400-01-01T00:00:00Z").plus(Duration.ofDays(
            Math.floorMod(run.hashCode(), 100_000) * 10L));

    /** For subclasses: an adapter's test class. */
    protected DraftStoreContract() {
    }

    /** @return the store under test (it may hold other data; the contract uses fresh ids) */
    protected abstract DraftStore newStore();

    private Draft fresh() {
        String id = "tck-q-" + run + "-" + counter.incrementAndGet();
        PlaceOrder content = PlaceOrder.builder(ChannelId.of("sales"), ExternalOrderId.of(id), CustomerRef.of("acme"),
                Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(base)
                .b2b(new B2bTerms("acme", "buyer-ann", "PO-1", B2bTerms.PaymentTerms.NET_30))
                .attribute("project", new Attributes.Text("Filiale Nord"))
                .line("1", "DESK", 2, Amounts.of("499.50", "EUR")).line("2", "CHAIR", 8, Amounts.of("89.90", "EUR"))
                .discount("loyalty", Amounts.of("20.00", "EUR"))
                .shipping("freight", Amounts.of("40.00", "EUR"), Amounts.of("0.00", "EUR")).build();
        return new Draft(DraftId.of(id), 1, Status.OPEN, "agent-kim", OrderId.of("tck-o-" + id), content.header(),
                content.lines(), content.discounts(), content.shippingCharges(), List.of(), Optional.empty(), List.of(),
                base, base, Optional.of(CommandKey.of("tck-k-" + id)));
    }

    private static Draft next(Draft d, Status status, Optional<Quote> quote, List<ReservationId> held, Instant at) {
        return new Draft(d.id(), d.version() + 1, status, d.author(), d.orderId(), d.header(), d.lines(), d.discounts(),
                d.shippingCharges(), List.of(new ManualDiscount(Optional.of(LineId.of("2")), "manual",
                        Amounts.of("9.00", "EUR"), "framework agreement", "agent-kim", at), new ManualDiscount(
                                Optional.empty(), "loyalty", Amounts.of("20.00", "EUR"), "", "agent-lee", at)),
                quote, held, d.createdAt(), at, Optional.of(CommandKey.of("tck-k2-" + d.id())));
    }

    private Draft quoted(Draft d, Instant expiresAt) {
        return next(d, Status.QUOTED, Optional.of(new Quote(base, expiresAt, Amounts.of("1738.20", "EUR"),
                Optional.empty(), Optional.empty())), List.of(ReservationId.of("tck-res-" + d.id())), base);
    }

    /**
     * Rule: a saved draft reads back exactly: its content (header with terms and attributes, lines
     * with their prices' scale, discounts, shipping), manual discounts, quote, held stock, times and
     * last key. Fix: persist the whole record (oms-json's {@code StoredJson} does).
     */
    @Test
    void required_a_saved_draft_reads_back_exactly() {
        DraftStore store = newStore();
        Draft d = fresh();
        store.save(d);
        assertThat(store.load(d.id())).contains(d);
        Draft q = quoted(d, base.plusSeconds(3600));
        store.save(q);
        assertThat(store.load(d.id())).contains(q);
        Draft accepted = next(q, Status.ACCEPTED, Optional.of(new Quote(base, base.plusSeconds(3600),
                Amounts.of("1738.20", "EUR"), Optional.of(base.plusSeconds(60)), Optional.of("buyer-ann"))),
                q.heldStock(), base.plusSeconds(60));
        store.save(accepted);
        assertThat(store.load(d.id())).contains(accepted);
        assertThat(store.load(DraftId.of("tck-none-" + run))).isEmpty();
    }

    /**
     * Rule: version 1 is written only if the id is new; version {@code n} only over the stored
     * {@code n - 1}. Otherwise {@link DraftConflictException} (with the expected and stored
     * versions) and nothing is written. Fix: an insert that fails on an existing id, a conditional
     * update on the version.
     */
    @Test
    void required_a_stale_or_repeated_version_is_refused_and_writes_nothing() {
        DraftStore store = newStore();
        Draft d = fresh();
        store.save(d);
        assertThatThrownBy(() -> store.save(d)).isInstanceOf(DraftConflictException.class);
        Draft v2 = quoted(d, base.plusSeconds(60));
        store.save(v2);
        Draft otherV2 = next(d, Status.WITHDRAWN, Optional.empty(), List.of(), base);
        assertThatThrownBy(() -> store.save(otherV2)).isInstanceOfSatisfying(DraftConflictException.class, e -> {
            assertThat(e.expectedVersion()).isEqualTo(1);
            assertThat(e.actualVersion()).isEqualTo(2);
            assertThat(e.id()).isEqualTo(d.id());
        });
        Draft v4 = next(next(v2, Status.OPEN, Optional.empty(), List.of(), base), Status.OPEN, Optional.empty(),
                List.of(), base);
        assertThatThrownBy(() -> store.save(v4)).as("a gap in versions").isInstanceOf(DraftConflictException.class);
        assertThat(store.load(d.id())).contains(v2);
    }

    /**
     * Rule: when saves of one version race, exactly one wins and the others get
     * {@link DraftConflictException}: two agents never both edit the same version. Fix: the
     * conditional update checks the affected row count in the same statement.
     */
    @Test
    void required_racing_saves_of_one_version_let_exactly_one_win() {
        DraftStore store = newStore();
        Draft d = fresh();
        store.save(d);
        assertThat(Concurrently.wins(Concurrently.THREADS, t -> store.save(quoted(d, base.plusSeconds(100 + t))),
                DraftConflictException.class)).isEqualTo(1);
        assertThat(store.load(d.id()).orElseThrow().version()).isEqualTo(2);
    }

    /**
     * Rule: {@code quotesExpiredBy(at, limit)} lists quoted drafts whose quote expires at or before
     * the time, soonest first (ties by id), at most {@code limit}; never open, accepted or other
     * drafts, nor a quote that was accepted or edited since. Fix: keep the expiry of the current
     * quote with the status, filter on both.
     */
    @Test
    void required_quotes_expired_by_a_time_are_listed_soonest_first() {
        DraftStore store = newStore();
        Draft late = fresh();
        Draft early = fresh();
        Draft accepted = fresh();
        Draft open = fresh();
        Draft future = fresh();
        for (Draft d : List.of(late, early, accepted, open, future)) {
            store.save(d);
        }
        store.save(quoted(late, base.plusSeconds(300)));
        store.save(quoted(early, base.plusSeconds(100)));
        Draft acceptedQuote = quoted(accepted, base.plusSeconds(50));
        store.save(acceptedQuote);
        store.save(next(acceptedQuote, Status.ACCEPTED, acceptedQuote.quote(), List.of(), base.plusSeconds(10)));
        store.save(quoted(future, base.plusSeconds(10_000)));

        List<DraftId> mine = List.of(late.id(), early.id(), accepted.id(), open.id(), future.id());
        assertThat(ids(store.quotesExpiredBy(base.plusSeconds(300), 100_000), mine))
                .containsExactly(early.id(), late.id());
        assertThat(ids(store.quotesExpiredBy(base.plusSeconds(299), 100_000), mine)).containsExactly(early.id());
        assertThat(ids(store.quotesExpiredBy(base.plusSeconds(99), 100_000), mine)).isEmpty();
        List<Draft> first = store.quotesExpiredBy(base.plusSeconds(300), 1);
        assertThat(first).as("the limit").hasSize(1);
        assertThat(first.get(0).quote().orElseThrow().expiresAt()).as("the soonest").isBeforeOrEqualTo(
                base.plusSeconds(100));
        List<Draft> all = store.quotesExpiredBy(base.plusSeconds(300), 100_000);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).quote().orElseThrow().expiresAt()).as("soonest first")
                    .isAfterOrEqualTo(all.get(i - 1).quote().orElseThrow().expiresAt());
        }
        assertThat(all).allSatisfy(d -> assertThat(d.status()).isEqualTo(Status.QUOTED));
        assertThatThrownBy(() -> store.quotesExpiredBy(base, 0)).isInstanceOf(
                dev.oms.spi.InvalidInputException.class);
    }

    private static List<DraftId> ids(List<Draft> drafts, List<DraftId> mine) {
        return drafts.stream().map(Draft::id).filter(mine::contains).toList();
    }

    // ------------------------------------------------------------------ stateful, against the model

    /**
     * Rule: any sequence of saves (fresh or stale) of a few drafts succeeds or fails exactly as the
     * reference model says, every draft reads back as the model holds it, and the expired quotes are
     * the model's. Fix: the shrunk failing sequence is printed with the first step where store and
     * model disagree.
     *
     * @param chain a random sequence of saves
     */
    @Property(tries = 100)
    void required_any_sequence_of_saves_behaves_as_the_reference_model(
            @ForAll("saveChains") ActionChain<ModelCheck> chain) {
        chain.withInvariant("reads agree with the model", ModelCheck::compare).run();
    }

    /** @return random save sequences on a fresh store and model of three drafts */
    @Provide
    Arbitrary<ActionChain<ModelCheck>> saveChains() {
        return ActionChain.startWith(() -> new ModelCheck(newStore(), List.of(fresh(), fresh(), fresh())))
                .withAction(new Step())
                .withMaxTransformations(30);
    }

    /** The store and the model of its drafts' versions. Mutable; one per chain. */
    final class ModelCheck {
        final DraftStore store;
        final VersionedModel<DraftId, Draft> model;

        ModelCheck(DraftStore store, List<Draft> initial) {
            this.store = store;
            this.model = new VersionedModel<>(initial, Draft::id, store::save, DraftConflictException.class);
        }

        void save(int which, int kind, boolean stale) {
            Draft from = model.base(which, stale);
            Instant at = base.plusSeconds(model.size(which));
            Draft next = switch (kind) {
                case 0 -> quoted(from, at.plusSeconds(10L * (which + 1)));
                case 1 -> next(from, Status.OPEN, Optional.empty(), List.of(), at);
                default -> next(from, Status.WITHDRAWN, Optional.empty(), List.of(), at);
            };
            model.save(from, next, "saving " + next.id() + " version " + next.version());
        }

        void compare() {
            model.compare(store::load);
            List<DraftId> expected = model.latest().stream()
                    .filter(d -> d.status() == Status.QUOTED && !d.quote().orElseThrow().expiresAt()
                            .isAfter(base.plusSeconds(10_000)))
                    .sorted(java.util.Comparator.comparing((Draft d) -> d.quote().orElseThrow().expiresAt())
                            .thenComparing(Draft::id))
                    .map(Draft::id).toList();
            assertThat(ids(store.quotesExpiredBy(base.plusSeconds(10_000), 100_000), model.ids())).isEqualTo(expected);
        }

        @Override
        public String toString() {
            return "ModelCheck " + model;
        }
    }

    final class Step implements net.jqwik.api.state.Action.Independent<ModelCheck> {
        @Override
        public net.jqwik.api.Arbitrary<net.jqwik.api.state.Transformer<ModelCheck>> transformer() {
            return net.jqwik.api.Combinators.combine(net.jqwik.api.Arbitraries.integers().between(0, 2),
                    net.jqwik.api.Arbitraries.integers().between(0, 2), net.jqwik.api.Arbitraries.of(true, false))
                    .as((which, kind, stale) -> net.jqwik.api.state.Transformer.<ModelCheck>mutate("save draft " + which
                            + (kind == 0 ? " quoted" : kind == 1 ? " reopened" : " withdrawn")
                            + (stale ? " on a stale read" : ""), m -> m.save(which, kind, stale)));
        }
    }
}
