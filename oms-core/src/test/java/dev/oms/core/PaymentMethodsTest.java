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
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.RuleViolationException.PaymentLimitExceededException;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.PaymentLedger;
import dev.oms.spi.order.Order.PaymentLedger.MethodLedger;
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

    @Test
    void oms_own_money_movements_name_no_method_so_on_an_order_paid_several_ways_they_are_refused_unmoved() {
        OrderService orders = Fixtures.service(new dev.oms.core.memory.InMemoryOrderStore());
        dev.oms.fakes.FakePaymentGateway gateway = new dev.oms.fakes.FakePaymentGateway();
        OrderPayments payments = new OrderPayments(orders, gateway);
        Order o = orders.place(PlaceOrder.builder(WEB, ExternalOrderId.of("pm-2"), ALICE, EUR)
                .shipTo(Address.of("DE", "10115")).placedAt(T0).line("1", "JACKET", 1, eur("120.00")).build(),
                Fixtures.key()).order();
        orders.handle(o.id(), new OrderCommand.RecordAuthorisation(eur("20.00"), REF, Optional.of(GIFT)),
                Fixtures.key());
        long version = orders.load(o.id()).version();
        assertThatThrownBy(() -> payments.capture(o.id(), eur("10.00"), Fixtures.key()))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo("payment-method-named"));
        assertThat(gateway.operations()).as("nothing reached the provider").isEmpty();
        assertThat(orders.load(o.id()).version()).isEqualTo(version);
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
