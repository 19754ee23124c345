package dev.oms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.OrderId;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.spi.payment.PaymentGateway.PaymentRequest;
import dev.oms.spi.payment.PaymentGateway.PaymentResult;
import dev.oms.spi.payment.PaymentMethod;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * The conformance contract of a gateway for gift card and store credit balances, the one given to
 * {@code OrderPayments.withBalances}: a {@link PaymentGateway} whose authorisation holds part of a
 * balance, capture spends it, void releases it and refund credits it back. An adapter author
 * extends this class and implements {@link #newGateway()}, {@link #open} and {@link #available}.
 *
 * <p>The rules: a hold is approved only if the balance less what is held covers it, however many
 * orders ask at once (so a card never holds or spends more than it has); an order captures or
 * releases at most what it holds and is credited back at most what it spent; every call is
 * idempotent by its key (a repeat gives the first answer and moves nothing). Every test uses
 * accounts and orders unique to it.
 */
public abstract class BalanceGatewayContract {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger counter = new AtomicInteger();

    /** For subclasses: an adapter's test class. */
    protected BalanceGatewayContract() {
    }

    /** @return the gateway under test */
    protected abstract PaymentGateway newGateway();

    /**
     * Opens an account on the gateway with a balance.
     *
     * @param gateway the gateway under test
     * @param account the payment method id that names it
     * @param balance what it has
     */
    protected abstract void open(PaymentGateway gateway, String account, MonetaryAmount balance);

    /**
     * @param gateway the gateway under test
     * @param account the payment method id that names it
     * @return what it has that is neither held nor spent
     */
    protected abstract MonetaryAmount available(PaymentGateway gateway, String account);

    private String unique(String prefix) {
        return prefix + "-" + run + "-" + counter.incrementAndGet();
    }

    private static MonetaryAmount eur(String amount) {
        return Amounts.of(amount, "EUR");
    }

    private PaymentRequest request(OrderId order, String account, String amount) {
        return new PaymentRequest(order, CustomerRef.of("tck"), eur(amount), CommandKey.of(unique("k")),
                Optional.of(PaymentMethod.of(account, PaymentMethod.Kind.GIFT_CARD)));
    }

    @Test
    void required_a_hold_within_the_balance_is_approved_and_one_above_what_is_left_declined() {
        PaymentGateway gateway = newGateway();
        String card = unique("gift");
        open(gateway, card, eur("30.00"));
        assertThat(gateway.authorise(request(OrderId.of(unique("o")), card, "20.00")))
                .as("a hold within the balance is approved").isInstanceOf(PaymentResult.Approved.class);
        assertThat(gateway.authorise(request(OrderId.of(unique("o")), card, "10.01")))
                .as("a hold above what is left (10.00) is declined, not approved: fix the balance check")
                .isInstanceOf(PaymentResult.Declined.class);
        assertThat(available(gateway, card)).as("a declined hold holds nothing").isEqualTo(eur("10.00"));
    }

    @Test
    void required_holds_never_exceed_the_balance_however_many_orders_ask_at_once() {
        PaymentGateway gateway = newGateway();
        String card = unique("gift");
        open(gateway, card, eur("50.00"));
        AtomicInteger approved = new AtomicInteger();
        Concurrently.run(Concurrently.THREADS, t -> {
            for (int i = 0; i < 20; i++) {
                if (gateway.authorise(request(OrderId.of(unique("o")), card, "1.00")) instanceof PaymentResult.Approved) {
                    approved.incrementAndGet();
                }
            }
        });
        assertThat(approved).as("160 holds of 1.00 on a 50.00 card: exactly 50 approved (check and hold atomically,"
                + " per account)").hasValue(50);
        assertThat(available(gateway, card)).isEqualTo(eur("0.00"));
    }

    @Test
    void required_a_repeat_with_the_same_key_gives_the_first_answer_and_moves_nothing() {
        PaymentGateway gateway = newGateway();
        String card = unique("gift");
        open(gateway, card, eur("30.00"));
        PaymentRequest hold = request(OrderId.of(unique("o")), card, "20.00");
        PaymentResult first = gateway.authorise(hold);
        assertThat(gateway.authorise(hold)).as("a repeat of the same key answers as the first time").isEqualTo(first);
        assertThat(available(gateway, card)).as("and holds nothing more").isEqualTo(eur("10.00"));
    }

    @Test
    void required_an_order_spends_or_releases_at_most_what_it_holds_and_gets_back_at_most_what_it_spent() {
        PaymentGateway gateway = newGateway();
        String card = unique("gift");
        open(gateway, card, eur("30.00"));
        OrderId order = OrderId.of(unique("o"));
        gateway.authorise(request(order, card, "20.00"));
        assertThat(gateway.capture(request(order, card, "20.01"))).as("a capture above the order's hold is declined")
                .isInstanceOf(PaymentResult.Declined.class);
        assertThat(gateway.capture(request(order, card, "15.00"))).isInstanceOf(PaymentResult.Approved.class);
        assertThat(gateway.voidAuthorisation(request(order, card, "5.00"))).as("the rest of the hold is released")
                .isInstanceOf(PaymentResult.Approved.class);
        assertThat(available(gateway, card)).isEqualTo(eur("15.00"));
        assertThat(gateway.refund(request(order, card, "15.01"))).as("a credit above what the order spent is declined")
                .isInstanceOf(PaymentResult.Declined.class);
        assertThat(gateway.refund(request(order, card, "15.00"))).isInstanceOf(PaymentResult.Approved.class);
        assertThat(available(gateway, card)).as("spent and credited back: the whole balance").isEqualTo(eur("30.00"));
    }
}
