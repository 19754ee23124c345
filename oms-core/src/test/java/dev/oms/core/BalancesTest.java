package dev.oms.core;

import static dev.oms.core.Fixtures.ALICE;
import static dev.oms.core.Fixtures.EUR;
import static dev.oms.core.Fixtures.T0;
import static dev.oms.core.Fixtures.WEB;
import static dev.oms.core.Fixtures.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.memory.InMemoryBalances;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.spi.Address;
import dev.oms.spi.CommandKey;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.PaymentLedger;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.payment.PaymentMethod.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * Gift card balances: oms spends a balance through the host's gateway for it
 * ({@link OrderPayments#withBalances}), and the in-memory one never holds or spends more than a
 * card has, however many orders spend it at once.
 */
class BalancesTest {
    private static final PaymentMethod GIFT = PaymentMethod.of("gift-7", Kind.GIFT_CARD);
    private static final PaymentMethod CARD = PaymentMethod.of("card", Kind.CARD);

    private final OrderService orders = Fixtures.service(new InMemoryOrderStore());
    private final FakePaymentGateway cards = new FakePaymentGateway();
    private final InMemoryBalances balances = new InMemoryBalances().open("gift-7", eur("30.00"));
    private final OrderPayments payments = new OrderPayments(orders, cards).withBalances(balances);

    private OrderId order(String price) {
        return orders.place(PlaceOrder.builder(WEB, ExternalOrderId.of("bal-" + Fixtures.key().value()), ALICE, EUR)
                .shipTo(Address.of("DE", "10115")).placedAt(T0).line("1", "SCARF", 1, eur(price)).build(),
                Fixtures.key()).order().id();
    }

    @Test
    void a_gift_card_is_held_spent_and_credited_back_and_never_past_its_balance() {
        OrderId first = order("50.00");
        payments.authorise(first, GIFT, eur("20.00"), Fixtures.key());
        payments.authorise(first, CARD, eur("30.00"), Fixtures.key());
        assertThat(balances.available("gift-7")).contains(eur("10.00"));
        assertThat(cards.operations()).extracting(FakePaymentGateway.Operation::kind).containsExactly("authorise");

        // a second order asks for more than is left: declined by the balance, a payment hold as any decline
        OrderId second = order("15.00");
        Order declined = payments.authorise(second, GIFT, eur("15.00"), Fixtures.key()).order();
        assertThat(declined.hold(HoldType.PAYMENT, OrderDecider.DECLINE_HOLD_CODE)).isPresent();
        assertThat(declined.payments().authorised()).isEqualTo(eur("0.00"));
        assertThat(balances.available("gift-7")).contains(eur("10.00"));

        // topped up by 10: what the first order holds stays held
        balances.topUp("gift-7", eur("10.00"));
        assertThat(balances.available("gift-7")).contains(eur("20.00"));
        assertThatThrownBy(() -> balances.topUp("gift-9", eur("10.00"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no account gift-9");
        assertThatThrownBy(() -> balances.topUp("gift-7", eur("0.00"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> balances.topUp("gift-7", Fixtures.usd("5.00")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("amount");
        assertThat(balances.available("gift-7")).as("refusals change nothing").contains(eur("20.00"));
        balances.open("gift-7", eur("30.00"));                     // back to where it was

        payments.capture(first, eur("35.00"), Fixtures.key());    // gift card 20 first, card 15
        payments.refund(first, eur("25.00"), Fixtures.key());     // card 15 first, then 10 back on the gift card
        PaymentLedger gift = orders.load(first).payments().method("gift-7").orElseThrow().ledger();
        assertThat(gift.captured()).isEqualTo(eur("20.00"));
        assertThat(gift.refunded()).isEqualTo(eur("10.00"));
        assertThat(balances.available("gift-7")).contains(eur("20.00"));   // 30 - 20 spent + 10 credited back
    }

    @Test
    void the_in_memory_balances_decline_what_an_order_does_not_hold_or_did_not_spend_and_answer_a_repeat_alike() {
        OrderId order = order("10.00");
        dev.oms.spi.payment.PaymentGateway.PaymentRequest hold = new dev.oms.spi.payment.PaymentGateway.PaymentRequest(
                order, ALICE, eur("5.00"), CommandKey.of("h-1"), java.util.Optional.of(GIFT));
        assertThat(balances.authorise(hold)).isInstanceOf(dev.oms.spi.payment.PaymentGateway.PaymentResult.Approved.class);
        assertThat(balances.authorise(hold)).as("a repeat moves nothing").isEqualTo(balances.authorise(hold));
        assertThat(balances.available("gift-7")).contains(eur("25.00"));
        assertThat(balances.capture(new dev.oms.spi.payment.PaymentGateway.PaymentRequest(order, ALICE, eur("5.01"),
                CommandKey.of("c-1"), java.util.Optional.of(GIFT)))).isInstanceOfSatisfying(
                        dev.oms.spi.payment.PaymentGateway.PaymentResult.Declined.class,
                        d -> assertThat(d.reason()).contains("holds 5"));
        assertThat(balances.refund(new dev.oms.spi.payment.PaymentGateway.PaymentRequest(order, ALICE, eur("1.00"),
                CommandKey.of("r-1"), java.util.Optional.of(GIFT)))).isInstanceOfSatisfying(
                        dev.oms.spi.payment.PaymentGateway.PaymentResult.Declined.class,
                        d -> assertThat(d.reason()).contains("spent 0"));
        assertThat(balances.authorise(new dev.oms.spi.payment.PaymentGateway.PaymentRequest(order, ALICE, eur("1.00"),
                CommandKey.of("h-2"), java.util.Optional.of(PaymentMethod.of("gift-unknown", Kind.GIFT_CARD)))))
                .isInstanceOf(dev.oms.spi.payment.PaymentGateway.PaymentResult.Declined.class);
        assertThat(balances.authorise(new dev.oms.spi.payment.PaymentGateway.PaymentRequest(order, ALICE, eur("1.00"),
                CommandKey.of("h-3")))).isInstanceOf(dev.oms.spi.payment.PaymentGateway.PaymentResult.Declined.class);
        assertThat(balances.available("gift-7")).as("nothing moved by the declines").contains(eur("25.00"));
    }

    @Test
    void many_orders_spending_one_card_at_once_never_hold_more_than_it_has() throws Exception {
        balances.open("gift-7", eur("100.00"));
        int threads = 4;
        int perThread = 25;
        List<OrderId> ids = new ArrayList<>();
        for (int i = 0; i < threads * perThread; i++) {
            ids.add(order("10.00"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<OrderId> mine = ids.subList(t * perThread, (t + 1) * perThread);
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < mine.size(); i++) {
                    MonetaryAmount amount = eur(String.valueOf(1 + (i % 9)) + ".00");
                    payments.authorise(mine.get(i), GIFT, amount, CommandKey.of("gift-" + mine.get(i).value()));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        MonetaryAmount held = eur("0.00");
        int approved = 0;
        for (OrderId id : ids) {
            MonetaryAmount authorised = orders.load(id).payments().authorised();
            held = held.add(authorised);
            approved += authorised.isPositive() ? 1 : 0;
        }
        // what the orders recorded is exactly what the card holds, and never more than it had
        assertThat(held.add(balances.available("gift-7").orElseThrow())).isEqualTo(eur("100.00"));
        assertThat(held).isLessThanOrEqualTo(eur("100.00"));
        assertThat(approved).isGreaterThan(0).isLessThan(ids.size());   // 100 orders asking 1-9 each: not all fit
        // spending every hold at once leaves the card exactly what was not held
        List<Future<?>> captures = new ArrayList<>();
        ExecutorService spend = Executors.newFixedThreadPool(threads);
        for (OrderId id : ids) {
            MonetaryAmount authorised = orders.load(id).payments().authorised();
            if (authorised.isPositive()) {
                captures.add(spend.submit(() -> payments.capture(id, authorised, CommandKey.of("spend-" + id.value()))));
            }
        }
        for (Future<?> f : captures) {
            f.get(60, TimeUnit.SECONDS);
        }
        spend.shutdown();
        assertThat(balances.available("gift-7")).contains(eur("100.00").subtract(held));
    }
}
