package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderPayments.PaymentDeclinedException;
import dev.oms.core.OrderService.CommandResult;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.fakes.FakeFraudScreen;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.RuleViolationException.PaymentLimitExceededException;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.Order.PaymentStatus;
import dev.oms.spi.payment.FraudScreen.FraudVerdict;
import org.junit.jupiter.api.Test;

class PaymentsAndFraudTest {
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderService orders = service(store);
    private final FakePaymentGateway gateway = new FakePaymentGateway();
    private final OrderPayments payments = new OrderPayments(orders, gateway);

    private Order place(String id, CustomerRef customer) {
        return orders.place(PlaceOrder.builder(WEB, ExternalOrderId.of(id), customer, EUR)
                .shipTo(dev.oms.spi.Address.of("NL", "1011")).placedAt(T0).line("L1", "SKU", 1, eur("30.00")).build())
                .order();
    }

    @Test
    void a_declined_authorisation_is_recorded_with_a_payment_hold() {
        CustomerRef bob = CustomerRef.of("bob");
        gateway.declineCustomer(bob);
        CommandResult result = payments.authorise(place("p-1", bob).id(), eur("30.00"), key());
        assertThat(result.order().hold(HoldType.PAYMENT, OrderDecider.DECLINE_HOLD_CODE)).isPresent();
        assertThat(OrderTotals.paymentStatus(result.order())).isEqualTo(PaymentStatus.UNPAID);
    }

    @Test
    void nothing_reaches_the_provider_for_a_capture_the_order_would_refuse() {
        Order order = place("p-2", ALICE);
        payments.authorise(order.id(), eur("30.00"), key());
        assertThatThrownBy(() -> payments.capture(order.id(), eur("30.01"), key()))
                .isInstanceOf(PaymentLimitExceededException.class);
        assertThat(gateway.operations()).extracting(FakePaymentGateway.Operation::kind).containsExactly("authorise");
    }

    @Test
    void void_remaining_and_a_provider_decline_of_a_refund() {
        Order order = place("p-3", ALICE);
        payments.authorise(order.id(), eur("30.00"), key());
        payments.capture(order.id(), eur("10.00"), key());
        Order voided = payments.voidRemaining(order.id(), key()).order();
        assertThat(voided.payments().voided()).isEqualTo(eur("20.00"));
        assertThatThrownBy(() -> payments.voidRemaining(order.id(), key())).isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("nothing is authorised");
        OrderPayments declining = new OrderPayments(orders,
                new FakePaymentGateway().declineOperation("refund", "refund window closed"));
        long version = orders.load(order.id()).version();
        assertThatThrownBy(() -> declining.refund(order.id(), eur("5.00"), key()))
                .isInstanceOf(PaymentDeclinedException.class).hasMessageContaining("refund window closed");
        assertThat(orders.load(order.id()).version()).isEqualTo(version);
    }

    @Test
    void fraud_review_places_a_hold_that_approval_releases_and_reject_cancels() {
        CustomerRef suspicious = CustomerRef.of("suspicious");
        CustomerRef fraudster = CustomerRef.of("fraudster");
        FraudScreening fraud = new FraudScreening(orders,
                new FakeFraudScreen().review(suspicious).reject(fraudster).reviewAbove(eur("1000.00")));
        Order reviewed = place("f-1", suspicious);
        FraudScreening.Screened screened = fraud.screen(reviewed.id(), key());
        assertThat(screened.verdict().outcome()).isEqualTo(FraudVerdict.Outcome.REVIEW);
        assertThat(screened.result().orElseThrow().order().hold(HoldType.FRAUD_REVIEW, FraudScreening.HOLD_CODE))
                .isPresent();
        assertThat(fraud.screen(reviewed.id(), key()).result()).as("already on hold: nothing more").isEmpty();
        assertThat(fraud.approve(reviewed.id(), "looked fine", key()).order().isOnHold()).isFalse();

        Order rejected = place("f-2", fraudster);
        assertThat(fraud.screen(rejected.id(), key()).result().orElseThrow().order().status())
                .isEqualTo(OrderStatus.CANCELLED);
        assertThat(fraud.screen(place("f-3", ALICE).id(), key()).result()).isEmpty();
    }
}
