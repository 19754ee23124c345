package dev.oms.core;

import static dev.oms.core.Fixtures.ALICE;
import static dev.oms.core.Fixtures.EUR;
import static dev.oms.core.Fixtures.T0;
import static dev.oms.core.Fixtures.WEB;
import static dev.oms.core.Fixtures.eur;
import static dev.oms.core.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.spi.Address;
import dev.oms.spi.CommandKey;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.RuleViolationException.PaymentLimitExceededException;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.PaymentLedger;
import dev.oms.spi.order.Order.PaymentLedger.MethodLedger;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.spi.payment.PaymentGateway.PaymentRequest;
import dev.oms.spi.payment.PaymentGateway.PaymentResult;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.payment.PaymentMethod.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.money.MonetaryAmount;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * An order paid several ways: each payment method keeps its own ledger, none captures more than
 * it authorised or refunds more than it captured, and the order's totals are their sums.
 */
class PaymentMethodsTest {
    private static final OrderDecider DECIDER = OrderDecider.builder().clock(Fixtures.CLOCK).build();
    private static final PaymentMethod GIFT = PaymentMethod.of("gift-1", Kind.GIFT_CARD);
    private static final PaymentMethod CARD = PaymentMethod.of("card", Kind.CARD);
    private static final PaymentReference REF = PaymentReference.of("psp-1");

    private static Order placed() {
        return DECIDER.place(PlaceOrder.builder(WEB, ExternalOrderId.of("pm-1"), ALICE, EUR)
                .shipTo(Address.of("DE", "10115")).placedAt(T0).line("1", "JACKET", 1, eur("120.00")).build())
                .orThrow().order();
    }

    private static Order decide(Order o, OrderCommand command) {
        return DECIDER.decide(o, command).orThrow().order();
    }

    @Test
    void a_gift_card_and_a_card_each_keep_their_own_ledger_and_the_order_their_sums() {
        Order o = placed();
        o = decide(o, new OrderCommand.RecordAuthorisation(eur("20.00"), REF, Optional.of(GIFT)));
        o = decide(o, new OrderCommand.RecordAuthorisation(eur("100.00"), REF, Optional.of(CARD)));
        o = decide(o, new OrderCommand.RecordCapture(eur("20.00"), REF, Optional.of(GIFT)));
        o = decide(o, new OrderCommand.RecordCapture(eur("60.00"), REF, Optional.of(CARD)));
        o = decide(o, new OrderCommand.RecordRefund(eur("15.00"), REF, Optional.of(CARD)));
        PaymentLedger ledger = o.payments();
        assertThat(ledger.authorised()).isEqualTo(eur("120.00"));
        assertThat(ledger.captured()).isEqualTo(eur("80.00"));
        assertThat(ledger.refunded()).isEqualTo(eur("15.00"));
        assertThat(ledger.methods()).extracting(m -> m.method().id()).containsExactly("gift-1", "card");
        assertThat(ledger.method("gift-1").orElseThrow().ledger().refundable()).isEqualTo(eur("20.00"));
        assertThat(ledger.method("card").orElseThrow().ledger().capturable()).isEqualTo(eur("40.00"));
        assertThat(OrderInvariants.violations(o)).isEmpty();

        // the card captured 60.00 and refunded 15.00: 45.01 more is above its own refundable,
        // though the order as a whole still has 65.00
        Order before = o;
        assertThatThrownBy(() -> decide(before, new OrderCommand.RecordRefund(eur("45.01"), REF, Optional.of(CARD))))
                .isInstanceOfSatisfying(PaymentLimitExceededException.class, e -> {
                    assertThat(e.rule()).isEqualTo("refund-within-captured");
                    assertThat(e.limit()).isEqualTo(eur("45.00"));
                });
        // the gift card authorised 20.00 and captured all of it
        assertThatThrownBy(() -> decide(before, new OrderCommand.RecordCapture(eur("0.01"), REF, Optional.of(GIFT))))
                .isInstanceOfSatisfying(PaymentLimitExceededException.class,
                        e -> assertThat(e.rule()).isEqualTo("capture-within-authorised"));
    }

    @Test
    void payments_either_all_name_a_method_or_none_and_a_method_keeps_its_kind() {
        Order named = decide(placed(), new OrderCommand.RecordAuthorisation(eur("20.00"), REF, Optional.of(GIFT)));
        assertThat(rule(named, new OrderCommand.RecordCapture(eur("1.00"), REF))).isEqualTo("payment-method-named");
        assertThat(rule(named, new OrderCommand.RecordAuthorisation(eur("1.00"), REF,
                Optional.of(PaymentMethod.of("gift-1", Kind.CARD))))).isEqualTo("payment-method-kind");
        assertThat(rule(named, new OrderCommand.RecordCapture(eur("1.00"), REF, Optional.of(CARD))))
                .isEqualTo("payment-method-authorised");
        Order unnamed = decide(placed(), new OrderCommand.RecordAuthorisation(eur("20.00"), REF));
        assertThat(rule(unnamed, new OrderCommand.RecordAuthorisation(eur("1.00"), REF, Optional.of(CARD))))
                .isEqualTo("payment-method-named");
        assertThat(decide(unnamed, new OrderCommand.RecordCapture(eur("20.00"), REF)).payments().methods()).isEmpty();
    }

    /** A world with the fake provider behind a switch that declines the card's captures. */
    private static final class Payments {
        final OrderService orders = Fixtures.service(new dev.oms.core.memory.InMemoryOrderStore());
        final dev.oms.fakes.FakePaymentGateway fake = new dev.oms.fakes.FakePaymentGateway();
        final List<dev.oms.spi.payment.PaymentGateway.PaymentRequest> requests = new ArrayList<>();
        boolean declineCardCaptures;
        boolean cardUnreachable;
        /** The keys the card declined: a provider answers a repeat of a key as it did the first time. */
        final java.util.Set<dev.oms.spi.CommandKey> declined = new java.util.HashSet<>();
        final dev.oms.spi.payment.PaymentGateway gateway = new dev.oms.spi.payment.PaymentGateway() {
            @Override
            public PaymentResult authorise(PaymentRequest request) {
                requests.add(request);
                return fake.authorise(request);
            }

            @Override
            public PaymentResult capture(PaymentRequest request) {
                requests.add(request);
                boolean card = request.method().map(PaymentMethod::id).orElse("").equals("card");
                if (card && cardUnreachable) {
                    throw new IllegalStateException("card provider unreachable");
                }
                if (card && (declineCardCaptures || declined.contains(request.idempotencyKey()))) {
                    declined.add(request.idempotencyKey());
                    return new PaymentResult.Declined("card declined");
                }
                return fake.capture(request);
            }

            @Override
            public PaymentResult voidAuthorisation(PaymentRequest request) {
                requests.add(request);
                return fake.voidAuthorisation(request);
            }

            @Override
            public PaymentResult refund(PaymentRequest request) {
                requests.add(request);
                return fake.refund(request);
            }
        };

        Order jacket() {
            return orders.place(PlaceOrder.builder(WEB, ExternalOrderId.of("pm-" + Fixtures.key().value()), ALICE,
                    EUR).shipTo(Address.of("DE", "10115")).placedAt(T0).line("1", "JACKET", 1, eur("120.00")).build(),
                    Fixtures.key()).order();
        }

        Order giftAndCard(OrderPayments payments) {
            Order o = jacket();
            payments.authorise(o.id(), GIFT, eur("20.00"), Fixtures.key());
            payments.authorise(o.id(), CARD, eur("100.00"), Fixtures.key());
            return orders.load(o.id());
        }

        MonetaryAmount of(Order o, String method, java.util.function.Function<PaymentLedger, MonetaryAmount> part) {
            return part.apply(orders.load(o.id()).payments().method(method).orElseThrow().ledger());
        }
    }

    @Test
    void captures_spend_the_gift_card_first_and_refunds_go_back_to_the_card_first() {
        Payments w = new Payments();
        OrderService orders = w.orders;
        PaymentGateway gateway = w.gateway;
        Order o = w.jacket();   // 120.00
        // plan:begin
        OrderPayments payments = new OrderPayments(orders, gateway);   // PaymentPlan.standard()
        payments.authorise(o.id(), PaymentMethod.of("gift-1", Kind.GIFT_CARD), eur("20.00"), CommandKey.of("auth-gift"));
        payments.authorise(o.id(), PaymentMethod.of("card", Kind.CARD), eur("100.00"), CommandKey.of("auth-card"));
        // balances first on capture, the card first on refund
        payments.capture(o.id(), eur("50.00"), CommandKey.of("capture-parcel-1"));   // gift 20, card 30
        payments.refund(o.id(), eur("40.00"), CommandKey.of("refund-return-1"));     // card 30, gift 10
        // plan:end
        assertThat(w.of(o, "gift-1", PaymentLedger::captured)).isEqualTo(eur("20.00"));
        assertThat(w.of(o, "card", PaymentLedger::captured)).isEqualTo(eur("30.00"));
        assertThat(w.of(o, "card", PaymentLedger::refunded)).isEqualTo(eur("30.00"));
        assertThat(w.of(o, "gift-1", PaymentLedger::refunded)).isEqualTo(eur("10.00"));
        assertThat(w.orders.load(o.id()).payments().refunded()).isEqualTo(eur("40.00"));
        // each part named its method to the provider
        assertThat(w.requests).extracting(r -> r.method().orElseThrow().id() + " " + r.amount().getNumber()
                .numberValue(java.math.BigDecimal.class).stripTrailingZeros().toPlainString())
                .containsExactly("gift-1 20", "card 100", "gift-1 20", "card 30", "card 30", "gift-1 10");
        // the same refund key again moves nothing more
        payments.refund(o.id(), eur("40.00"), CommandKey.of("refund-return-1"));
        assertThat(w.requests).hasSize(6);
        assertThat(OrderInvariants.violations(w.orders.load(o.id()))).isEmpty();
    }

    @Test
    void an_edit_that_costs_more_is_authorised_on_the_method_the_host_names() {
        Payments w = new Payments();
        OrderPayments payments = new OrderPayments(w.orders, w.gateway);
        Order o = w.giftAndCard(payments);
        assertThatThrownBy(() -> payments.authoriseAdditional(o.id(), eur("5.00"), Fixtures.key()))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo("payment-method-named"));
        payments.authoriseAdditional(o.id(), CARD, eur("5.00"), Fixtures.key());
        assertThat(w.of(o, "card", PaymentLedger::authorised)).isEqualTo(eur("105.00"));
        assertThat(w.requests).last().satisfies(r -> assertThat(r.method()).contains(CARD));
    }

    @Test
    void an_approval_a_dying_process_never_recorded_is_voided_once_the_order_refuses_it_and_only_then() {
        Payments w = new Payments();
        OrderPayments payments = new OrderPayments(w.orders, w.gateway);
        Order o = w.giftAndCard(payments);
        CommandKey key = Fixtures.key();
        assertThat(payments.releaseUnrecorded(o.id(), Optional.of(CARD), eur("5.00"), key))
                .as("the order still takes an authorisation: repeat it instead").isEmpty();
        assertThat(w.requests).as("nothing asked").hasSize(2);
        payments.authoriseAdditional(o.id(), CARD, eur("5.00"), key);
        assertThat(payments.releaseUnrecorded(o.id(), Optional.of(CARD), eur("5.00"), key))
                .as("recorded: the order's own void releases it").isEmpty();

        // approved at the provider, then the process died; the order was cancelled meanwhile
        CommandKey lost = Fixtures.key();
        w.gateway.authorise(new PaymentRequest(o.id(), ALICE, eur("7.00"), lost, Optional.of(CARD)));
        w.orders.handle(o.id(), new OrderCommand.Cancel(dev.oms.spi.order.CancelReason.CUSTOMER_REQUEST, ""),
                Fixtures.key());
        int before = w.requests.size();
        assertThat(payments.releaseUnrecorded(o.id(), Optional.of(CARD), eur("7.00"), lost))
                .hasValueSatisfying(v -> assertThat(v).isInstanceOf(PaymentResult.Approved.class));
        assertThat(w.requests.subList(before, w.requests.size())).extracting(r -> r.idempotencyKey())
                .as("asked again under its key, voided under the derived one")
                .containsExactly(lost, lost.derive("void-unrecorded"));
        assertThat(w.orders.load(o.id()).payments().method("card").orElseThrow().ledger().authorised())
                .as("nothing recorded").isEqualTo(eur("105.00"));
        assertThatThrownBy(() -> payments.releaseUnrecorded(o.id(), null, eur("7.00"), lost))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("method");
    }

    @Test
    void a_host_plan_can_charge_the_card_first_and_void_what_every_method_has_left() {
        Payments w = new Payments();
        List<Kind> cardFirst = List.of(Kind.CARD, Kind.GIFT_CARD, Kind.STORE_CREDIT, Kind.BANK_TRANSFER, Kind.INVOICE);
        OrderPayments payments = new OrderPayments(w.orders, w.gateway, new PaymentPlan(cardFirst, cardFirst));
        Order o = w.giftAndCard(payments);
        payments.capture(o.id(), eur("50.00"), Fixtures.key());
        assertThat(w.of(o, "card", PaymentLedger::captured)).isEqualTo(eur("50.00"));
        assertThat(w.of(o, "gift-1", PaymentLedger::captured)).isEqualTo(eur("0.00"));
        payments.voidRemaining(o.id(), Fixtures.key());
        assertThat(w.of(o, "card", PaymentLedger::voided)).isEqualTo(eur("50.00"));
        assertThat(w.of(o, "gift-1", PaymentLedger::voided)).isEqualTo(eur("20.00"));
        assertThat(w.orders.load(o.id()).payments().capturable()).isEqualTo(eur("0.00"));
        assertThatThrownBy(() -> new PaymentPlan(List.of(Kind.CARD), cardFirst)).isInstanceOf(
                InvalidInputException.class).hasMessageContaining("PaymentPlan.captureOrder");
    }

    @Test
    void a_failure_between_two_parts_keeps_the_first_and_the_same_key_moves_only_the_rest() {
        Payments w = new Payments();
        OrderPayments payments = new OrderPayments(w.orders, w.gateway);
        Order o = w.giftAndCard(payments);
        CommandKey key = CommandKey.of("capture-parcel-9");
        w.cardUnreachable = true;   // no answer: as if the process died before the card's part
        assertThatThrownBy(() -> payments.capture(o.id(), eur("50.00"), key)).hasMessageContaining("unreachable");
        assertThat(w.orders.load(o.id()).payments().captured()).isEqualTo(eur("20.00"));   // the gift card's part
        w.cardUnreachable = false;
        payments.capture(o.id(), eur("50.00"), key);
        assertThat(w.of(o, "gift-1", PaymentLedger::captured)).isEqualTo(eur("20.00"));
        assertThat(w.of(o, "card", PaymentLedger::captured)).isEqualTo(eur("30.00"));
        assertThat(w.fake.operations()).filteredOn(op -> op.kind().equals("capture")).hasSize(2);
    }

    @Test
    void after_a_declined_part_the_ledger_shows_what_moved_and_the_rest_moves_under_a_new_key() {
        Payments w = new Payments();
        OrderPayments payments = new OrderPayments(w.orders, w.gateway);
        Order o = w.giftAndCard(payments);
        CommandKey key = CommandKey.of("capture-parcel-10");
        w.declineCardCaptures = true;
        assertThatThrownBy(() -> payments.capture(o.id(), eur("50.00"), key))
                .isInstanceOf(OrderPayments.PaymentDeclinedException.class);
        w.declineCardCaptures = false;
        // the provider answers the same key as the first time
        assertThatThrownBy(() -> payments.capture(o.id(), eur("50.00"), key))
                .isInstanceOf(OrderPayments.PaymentDeclinedException.class);
        MonetaryAmount moved = w.orders.load(o.id()).payments().captured();
        assertThat(moved).isEqualTo(eur("20.00"));
        payments.capture(o.id(), eur("50.00").subtract(moved), CommandKey.of("capture-parcel-10-rest"));
        assertThat(w.of(o, "card", PaymentLedger::captured)).isEqualTo(eur("30.00"));
        assertThat(w.orders.load(o.id()).payments().captured()).isEqualTo(eur("50.00"));
    }

    @Test
    void a_movement_above_what_every_method_can_take_moves_nothing() {
        Payments w = new Payments();
        OrderPayments payments = new OrderPayments(w.orders, w.gateway);
        Order o = w.giftAndCard(payments);
        long version = w.orders.load(o.id()).version();
        int calls = w.requests.size();
        assertThatThrownBy(() -> payments.capture(o.id(), eur("120.01"), Fixtures.key()))
                .isInstanceOfSatisfying(PaymentLimitExceededException.class, e -> {
                    assertThat(e.rule()).isEqualTo("capture-within-authorised");
                    assertThat(e.limit()).isEqualTo(eur("120.00"));
                });
        assertThatThrownBy(() -> payments.refund(o.id(), eur("0.01"), Fixtures.key()))
                .isInstanceOfSatisfying(PaymentLimitExceededException.class,
                        e -> assertThat(e.rule()).isEqualTo("refund-within-captured"));
        assertThat(w.requests).hasSize(calls);
        assertThat(w.orders.load(o.id()).version()).isEqualTo(version);
        // and a movement that names no method is refused on an order paid several ways
        assertThat(rule(w.orders.load(o.id()), new OrderCommand.RecordRefund(eur("1.00"), REF)))
                .isEqualTo("payment-method-named");
    }

    /**
     * Random authorisations on up to four methods of random kinds, then random captures and
     * refunds through {@link OrderPayments}: each movement takes exactly its amount, a method later
     * in the plan's order moves only once every earlier one has nothing left to give, and no method
     * ever leaves its limits.
     */
    @Property(tries = 200)
    void captures_and_refunds_follow_the_plan_s_order_across_methods(@ForAll long seed) {
        Random random = new Random(seed);
        Payments w = new Payments();
        OrderPayments payments = new OrderPayments(w.orders, w.gateway);
        Order o = w.orders.place(PlaceOrder.builder(WEB, ExternalOrderId.of("pm-p-" + seed), ALICE, EUR)
                .shipTo(Address.of("DE", "10115")).placedAt(T0).line("1", "JACKET", 1, eur("500.00")).build(),
                Fixtures.key()).order();
        Kind[] kinds = Kind.values();
        for (int m = 0; m < 1 + random.nextInt(4); m++) {
            payments.authorise(o.id(), PaymentMethod.of("m" + m, kinds[random.nextInt(kinds.length)]),
                    eur(java.math.BigDecimal.valueOf(100 + random.nextInt(9000), 2).toPlainString()), Fixtures.key());
        }
        for (int step = 0; step < 12; step++) {
            boolean refund = random.nextBoolean();
            PaymentLedger before = w.orders.load(o.id()).payments();
            MonetaryAmount room = refund ? before.refundable() : before.capturable();
            if (!room.isPositive()) {
                continue;
            }
            long cents = dev.oms.core.MoneyAllocation.minorUnits(room, "room");
            MonetaryAmount amount = eur(java.math.BigDecimal.valueOf(1 + (long) (random.nextDouble() * cents), 2)
                    .toPlainString());
            if (refund) {
                payments.refund(o.id(), amount, Fixtures.key());
            } else {
                payments.capture(o.id(), amount, Fixtures.key());
            }
            PaymentLedger after = w.orders.load(o.id()).payments();
            assertThat(refund ? after.refunded().subtract(before.refunded())
                    : after.captured().subtract(before.captured())).isEqualTo(amount);
            boolean earlierLeftSomething = false;
            for (MethodLedger m : PaymentPlan.standard().inOrder(before.methods(), refund)) {
                PaymentLedger was = m.ledger();
                PaymentLedger now = after.method(m.method().id()).orElseThrow().ledger();
                boolean moved = refund ? now.refunded().isGreaterThan(was.refunded())
                        : now.captured().isGreaterThan(was.captured());
                assertThat(moved && earlierLeftSomething).as("a method moved before an earlier one was used up")
                        .isFalse();
                earlierLeftSomething |= (refund ? now.refundable() : now.capturable()).isPositive();
                assertThat(now.captured().add(now.voided())).isLessThanOrEqualTo(now.authorised());
                assertThat(now.refunded()).isLessThanOrEqualTo(now.captured());
            }
        }
    }

    @Test
    void the_readme_shows_the_plan_as_run_here() {
        assertThat(dev.oms.docs.ReadmeSnippets.codeBlockAfter(dev.oms.docs.ReadmeSnippets.readme(),
                "<!-- plan (from PaymentMethodsTest) -->")).isEqualTo(dev.oms.docs.ReadmeSnippets.region(
                        java.nio.file.Path.of("src/test/java/dev/oms/core/PaymentMethodsTest.java"), "plan"));
    }

    @Test
    void a_payment_in_another_currency_than_the_order_is_refused_naming_it() {
        Order o = placed();
        assertThatThrownBy(() -> decide(o, new OrderCommand.RecordAuthorisation(usd("20.00"), REF, Optional.of(GIFT))))
                .isInstanceOf(InvalidInputException.CurrencyMismatchException.class)
                .hasMessageContaining("RecordAuthorisation.amount");
    }

    /** The rule a refused command names; refusals are decided, so nothing changed. */
    private static String rule(Order o, OrderCommand command) {
        RuleViolationException[] refused = new RuleViolationException[1];
        assertThatThrownBy(() -> decide(o, command)).isInstanceOfSatisfying(RuleViolationException.class,
                e -> refused[0] = e);
        return refused[0].rule();
    }

    @Test
    void a_ledger_whose_methods_do_not_add_up_or_repeat_one_is_refused() {
        PaymentLedger gift = new PaymentLedger(eur("20.00"), eur("20.00"), eur("0.00"), eur("0.00"));
        assertThatThrownBy(() -> new PaymentLedger(eur("30.00"), eur("20.00"), eur("0.00"), eur("0.00"),
                List.of(new MethodLedger(GIFT, gift)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("add up to");
        assertThatThrownBy(() -> new PaymentLedger(eur("40.00"), eur("40.00"), eur("0.00"), eur("0.00"),
                List.of(new MethodLedger(GIFT, gift), new MethodLedger(GIFT, gift))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new PaymentLedger(usd("20.00"), usd("20.00"), usd("0.00"), usd("0.00"),
                List.of(new MethodLedger(GIFT, gift)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("another currency");
        assertThatThrownBy(() -> PaymentMethod.of(" gift", Kind.GIFT_CARD)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("PaymentMethod.id");
    }

    /**
     * Random authorisations, captures, voids and refunds over up to three methods: every one the
     * decider accepts keeps each method within its limits and the totals their sums; every one it
     * refuses is above a limit of the method it names.
     */
    @Property(tries = 300)
    void no_method_ever_captures_more_than_it_authorised_or_refunds_more_than_it_captured(@ForAll long seed) {
        Random random = new Random(seed);
        List<PaymentMethod> methods = List.of(GIFT, CARD, PaymentMethod.of("credit", Kind.STORE_CREDIT));
        Order o = placed();
        List<String> log = new ArrayList<>();
        for (int step = 0; step < 40; step++) {
            PaymentMethod m = methods.get(random.nextInt(methods.size()));
            MonetaryAmount amount = eur(java.math.BigDecimal.valueOf(100 + random.nextInt(3000), 2).toPlainString());
            int kind = random.nextInt(4);
            OrderCommand command = switch (kind) {
                case 0 -> new OrderCommand.RecordAuthorisation(amount, REF, Optional.of(m));
                case 1 -> new OrderCommand.RecordCapture(amount, REF, Optional.of(m));
                case 2 -> new OrderCommand.RecordVoid(amount, REF, Optional.of(m));
                default -> new OrderCommand.RecordRefund(amount, REF, Optional.of(m));
            };
            Optional<MethodLedger> own = o.payments().method(m.id());
            try {
                o = decide(o, command);
                log.add(command.toString());
            } catch (RuleViolationException refused) {
                if (refused.rule().equals("payment-method-authorised")) {
                    assertThat(own).isEmpty();
                } else {
                    PaymentLedger l = own.orElseThrow().ledger();
                    assertThat(amount).isGreaterThan(kind == 3 ? l.refundable() : l.capturable());
                }
            }
            for (MethodLedger ml : o.payments().methods()) {
                PaymentLedger l = ml.ledger();
                assertThat(l.captured().add(l.voided())).as(log.toString()).isLessThanOrEqualTo(l.authorised());
                assertThat(l.refunded()).isLessThanOrEqualTo(l.captured());
            }
            MonetaryAmount captured = o.payments().methods().stream().map(ml -> ml.ledger().captured())
                    .reduce(eur("0.00"), MonetaryAmount::add);
            assertThat(o.payments().captured()).isEqualTo(captured);
        }
    }
}
