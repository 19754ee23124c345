package dev.oms.flow;

import static dev.oms.flow.FlowWorld.BERLIN;
import static dev.oms.flow.FlowWorld.HAMBURG;
import static dev.oms.flow.FlowWorld.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderTotals;
import dev.oms.core.PaymentPlan;
import dev.oms.core.PlaceOrder;
import dev.oms.core.memory.InMemoryBalances;
import dev.oms.fakes.FakePaymentGateway.Operation;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.spi.payment.PaymentGateway.PaymentRequest;
import dev.oms.spi.payment.PaymentGateway.PaymentResult;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.payment.PaymentMethod.Kind;
import dev.oms.spi.payment.PaymentShare;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * {@code flow.accept(placement, shares, key)}: an order paid with a gift card (a balance the host
 * keeps) and a card for the rest, through accepting, captures per parcel, a return's refund, a
 * cancellation, a decline and a crash between the shares.
 */
class FlowPaymentSharesTest {
    private static final PaymentMethod GIFT = PaymentMethod.of("gift-1", Kind.GIFT_CARD);
    private static final PaymentMethod CARD = PaymentMethod.of("card", Kind.CARD);
    /** Not the standard plan: the card is captured first and the gift card refunded first. */
    private static final PaymentPlan CARD_FIRST = new PaymentPlan(
            List.of(Kind.CARD, Kind.GIFT_CARD, Kind.STORE_CREDIT, Kind.BANK_TRANSFER, Kind.INVOICE),
            List.of(Kind.GIFT_CARD, Kind.STORE_CREDIT, Kind.CARD, Kind.BANK_TRANSFER, Kind.INVOICE));

    private final InMemoryBalances balances = new InMemoryBalances().open("gift-1", eur("50.00"));

    private FlowWorld world(PaymentPlan plan) {
        return new FlowWorld(FlowStores.inMemory(), b -> b.balances(balances).paymentPlan(plan))
                .stock("TEE", BERLIN, 5).stock("MUG", HAMBURG, 5);
    }

    /** Two lines at two warehouses, so two parcels: 2 x 20.00 and 8.00, shipping 4.90 with 0.93 tax: 53.83. */
    private static PlaceOrder twoParcels(FlowWorld w) {
        return w.order("g").line("1", "TEE", 2, eur("20.00")).line("2", "MUG", 1, eur("8.00")).build();
    }

    private static List<Operation> authorisations(FlowWorld w) {
        return w.payments.operations().stream().filter(o -> o.kind().equals("authorise")).toList();
    }

    @Test
    void a_gift_card_and_a_card_for_the_rest_are_authorised_captured_and_refunded_by_the_flow_s_plan() {
        FlowWorld w = world(CARD_FIRST);
        FlowResult r = w.flow.accept(twoParcels(w), List.of(PaymentShare.upTo(GIFT, eur("30.00")),
                PaymentShare.rest(CARD)), w.key());
        Order order = r.order();
        MonetaryAmount total = OrderTotals.of(order).grandTotal();
        assertThat(total).isEqualTo(eur("53.83"));
        assertThat(order.status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(order.payments().method("gift-1").orElseThrow().ledger().authorised()).isEqualTo(eur("30.00"));
        assertThat(order.payments().method("card").orElseThrow().ledger().authorised()).isEqualTo(eur("23.83"));
        assertThat(balances.available("gift-1")).as("the balance holds the gift card's share").contains(eur("20.00"));
        assertThat(authorisations(w)).as("the card's provider sees only the card's share").singleElement()
                .satisfies(o -> {
                    assertThat(o.request().method()).contains(CARD);
                    assertThat(o.request().amount()).isEqualTo(eur("23.83"));
                });

        // the first parcel (the tees, 40.00 and its part of the shipping) draws on the card first
        FulfillmentOrder tees = r.fulfillmentOrders().stream().filter(fo -> fo.location().equals(BERLIN))
                .findFirst().orElseThrow();
        w.shipAll(tees);
        Order afterFirst = w.flow.orders().load(order.id());
        assertThat(afterFirst.payments().method("card").orElseThrow().ledger().captured()).isEqualTo(eur("23.83"));
        assertThat(afterFirst.payments().captured()).as("the tees' parcel is worth more than the card's share")
                .isGreaterThan(eur("23.83"));
        assertThat(afterFirst.payments().method("gift-1").orElseThrow().ledger().captured())
                .as("the gift card takes only what the card could not").isEqualTo(afterFirst.payments().captured()
                        .subtract(eur("23.83")));
        for (FulfillmentOrder fo : w.flow.fulfillment().ofOrder(order.id())) {
            if (!fo.id().equals(tees.id())) {
                w.shipAll(fo);
            }
        }
        Order shipped = w.flow.orders().load(order.id());
        assertThat(shipped.payments().captured()).isEqualTo(total);
        assertThat(shipped.payments().method("gift-1").orElseThrow().ledger().captured()).isEqualTo(eur("30.00"));
        assertThat(balances.available("gift-1")).as("spent, not held").contains(eur("20.00"));

        // a returned tee is refunded to the gift card first, as this plan says
        for (FulfillmentOrder fo : w.flow.fulfillment().ofOrder(order.id())) {
            w.flow.fulfillment().shipmentsOf(fo.id()).forEach(w::deliver);
        }
        ReturnRequest rma = w.flow.requestReturn(ReturnDraft.returnOf(order.id(),
                LineToReturn.of("1", 1, ReturnReasons.DOES_NOT_FIT)), w.key());
        w.flow.approveReturn(rma.id(), BERLIN, w.key());
        w.flow.receiveReturn(rma.id(), List.of(LineQuantity.of("1", 1)), w.key());
        w.flow.inspectReturn(rma.id(), List.of(new Inspection.LineInspection(LineId.of("1"), new Inspection(
                Quantity.of(1), Inspection.ItemCondition.AS_NEW, Inspection.Disposition.RESTOCK, BERLIN))), w.key());
        w.flow.refundReturn(rma.id(), RefundMethod.ORIGINAL_PAYMENT, w.key());
        Order refunded = w.flow.orders().load(order.id());
        MonetaryAmount back = refunded.payments().refunded();
        assertThat(back.isPositive()).isTrue();
        assertThat(refunded.payments().method("gift-1").orElseThrow().ledger().refunded()).isEqualTo(back);
        assertThat(refunded.payments().method("card").orElseThrow().ledger().refunded().isZero()).isTrue();
        assertThat(balances.available("gift-1")).as("credited back").contains(eur("20.00").add(back));
    }

    @Test
    void a_gift_card_worth_more_than_the_order_pays_all_of_it_and_the_card_is_not_asked() {
        FlowWorld w = world(PaymentPlan.standard());
        FlowResult r = w.flow.accept(w.order("g").line("1", "TEE", 1, eur("20.00")).build(),
                List.of(PaymentShare.upTo(GIFT, eur("50.00")), PaymentShare.rest(CARD)), w.key());
        assertThat(r.order().status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(r.order().payments().authorised()).isEqualTo(eur("25.83"));
        assertThat(r.order().payments().method("card")).as("nothing left for the card").isEmpty();
        assertThat(authorisations(w)).isEmpty();
        assertThat(balances.available("gift-1")).contains(eur("24.17"));
    }

    @Test
    void a_cancelled_order_paid_two_ways_releases_the_gift_card_and_voids_the_card() {
        FlowWorld w = world(PaymentPlan.standard());
        FlowResult r = w.flow.accept(twoParcels(w), List.of(PaymentShare.upTo(GIFT, eur("30.00")),
                PaymentShare.rest(CARD)), w.key());
        w.flow.cancel(r.order().id(), CancelReason.CUSTOMER_REQUEST, "changed their mind", w.key());
        Order cancelled = w.flow.orders().load(r.order().id());
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.payments().method("gift-1").orElseThrow().ledger().voided()).isEqualTo(eur("30.00"));
        assertThat(cancelled.payments().method("card").orElseThrow().ledger().voided()).isEqualTo(eur("23.83"));
        assertThat(balances.available("gift-1")).as("the hold is released").contains(eur("50.00"));
    }

    @Test
    void a_gift_card_without_the_balance_holds_the_order_and_the_retry_pays_it_once_the_balance_is_there() {
        balances.open("gift-1", eur("10.00"));
        FlowWorld w = world(PaymentPlan.standard());
        FlowResult r = w.flow.accept(twoParcels(w), List.of(PaymentShare.upTo(GIFT, eur("30.00")),
                PaymentShare.rest(CARD)), w.key());
        Order held = r.order();
        assertThat(held.hold(HoldType.PAYMENT, dev.oms.core.OrderDecider.DECLINE_HOLD_CODE)).isPresent();
        assertThat(held.payments().authorised().isZero()).isTrue();
        assertThat(authorisations(w)).as("the card after a declined share waits").isEmpty();
        assertThat(w.flow.orders().history(held.id())).filteredOn(dev.oms.spi.event.OrderEvent.PaymentDeclined.class
                ::isInstance).map(dev.oms.spi.event.OrderEvent.PaymentDeclined.class::cast).singleElement()
                .satisfies(d -> assertThat(d.method()).as("the decline says which way of paying").contains(GIFT));
        assertThat(w.flow.processesOf(held.id())).anySatisfy(p -> {
            assertThat(p.status()).isEqualTo(ProcessStatus.WAITING);
            assertThat(p.waitingFor()).contains(WaitReason.PAYMENT);
        });
        assertThat(balances.available("gift-1")).contains(eur("10.00"));

        balances.open("gift-1", eur("30.00")); // the customer topped up the gift card
        FlowResult paid = w.flow.retryPayment(held.id(), w.key());
        assertThat(paid.order().status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(paid.order().payments().method("gift-1").orElseThrow().ledger().authorised())
                .isEqualTo(eur("30.00"));
        assertThat(paid.order().payments().method("card").orElseThrow().ledger().authorised())
                .isEqualTo(eur("23.83"));
        assertThat(balances.available("gift-1")).contains(eur("0.00"));
    }

    @Test
    void a_crash_between_the_gift_card_and_the_card_is_resumed_with_each_share_authorised_once() {
        dev.oms.fakes.FakePaymentGateway real = new dev.oms.fakes.FakePaymentGateway();
        AtomicBoolean down = new AtomicBoolean(true);
        PaymentGateway cards = new AroundGateway(real) {
            @Override
            public PaymentResult authorise(PaymentRequest request) {
                if (down.get()) {
                    throw new IllegalStateException("card provider unreachable");
                }
                return super.authorise(request);
            }
        };
        FlowWorld w = new FlowWorld(FlowStores.inMemory(), b -> b.payments(cards).balances(balances))
                .stock("TEE", BERLIN, 5).stock("MUG", HAMBURG, 5);
        PlaceOrder placement = twoParcels(w);
        List<PaymentShare> shares = List.of(PaymentShare.upTo(GIFT, eur("30.00")), PaymentShare.rest(CARD));
        assertThatThrownBy(() -> w.flow.accept(placement, shares, w.key())).hasMessageContaining("unreachable");
        Order between = w.flow.orders().find(placement.header().channel(), placement.header().externalOrderId())
                .orElseThrow();
        assertThat(between.payments().method("gift-1").orElseThrow().ledger().authorised()).isEqualTo(eur("30.00"));
        assertThat(between.payments().method("card")).isEmpty();

        down.set(false);
        w.clock.advance(Duration.ofMinutes(1));
        w.flow.resume();
        Order accepted = w.flow.orders().load(between.id());
        assertThat(accepted.status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(accepted.payments().authorised()).isEqualTo(eur("53.83"));
        assertThat(balances.available("gift-1")).as("held once").contains(eur("20.00"));
        assertThat(real.operations()).filteredOn(o -> o.kind().equals("authorise")).singleElement()
                .satisfies(o -> assertThat(o.request().amount()).isEqualTo(eur("23.83")));
    }

    @Test
    void shares_that_do_not_add_up_to_a_way_of_paying_are_refused_naming_the_share_and_nothing_is_placed() {
        FlowWorld w = world(PaymentPlan.standard());
        PlaceOrder placement = twoParcels(w);
        PaymentMethod other = PaymentMethod.of("card-2", Kind.CARD);
        assertThatThrownBy(() -> w.flow.accept(placement, List.of(), w.key()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("payments")
                .hasMessageContaining("at least one share");
        assertThatThrownBy(() -> w.flow.accept(placement, List.of(PaymentShare.upTo(GIFT, eur("30.00"))), w.key()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("payments[0].upTo")
                .hasMessageContaining("the last share pays the rest");
        assertThatThrownBy(() -> w.flow.accept(placement, List.of(PaymentShare.rest(CARD), PaymentShare.rest(other)),
                w.key())).isInstanceOf(InvalidInputException.class).hasMessageContaining("payments[0].upTo")
                .hasMessageContaining("only the last share pays the rest");
        assertThatThrownBy(() -> w.flow.accept(placement, List.of(PaymentShare.upTo(CARD, eur("10.00")),
                PaymentShare.rest(PaymentMethod.of("card", Kind.GIFT_CARD))), w.key()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("payments[1].method")
                .hasMessageContaining("card is named twice");
        assertThatThrownBy(() -> w.flow.accept(placement, List.of(PaymentShare.upTo(GIFT,
                dev.oms.spi.Amounts.of("30.00", "USD")), PaymentShare.rest(CARD)), w.key()))
                .isInstanceOf(CurrencyMismatchException.class).hasMessageContaining("payments[0].upTo");
        assertThatThrownBy(() -> PaymentShare.upTo(GIFT, eur("30.001"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("PaymentShare.upTo").hasMessageContaining("more fraction digits");
        assertThatThrownBy(() -> PaymentShare.upTo(GIFT, eur("0.00"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("PaymentShare.upTo").hasMessageContaining("must be positive");
        assertThatThrownBy(() -> PaymentShare.upTo(GIFT, eur("-1.00"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> w.flow.accept(placement, null, w.key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("payments");
        assertThatThrownBy(() -> w.flow.accept(placement, java.util.Arrays.asList(PaymentShare.upTo(GIFT,
                eur("30.00")), null), w.key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("payments[1]");
        assertThatThrownBy(() -> w.flow.accept(placement, List.of(PaymentShare.rest(PaymentMethod.of("c".repeat(101),
                Kind.CARD))), w.key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("payments[0].method").hasMessageContaining("at most 100");
        assertThat(w.flow.orders().find(placement.header().channel(), placement.header().externalOrderId()))
                .as("nothing placed").isEmpty();
        assertThat(balances.available("gift-1")).contains(eur("50.00"));
        assertThat(w.payments.operations()).isEmpty();
    }

    @Test
    void the_same_key_with_other_shares_is_a_conflict_and_the_same_request_again_returns_the_first_answer() {
        FlowWorld w = world(PaymentPlan.standard());
        PlaceOrder placement = twoParcels(w);
        dev.oms.spi.CommandKey key = w.key();
        FlowResult first = w.flow.accept(placement, List.of(PaymentShare.upTo(GIFT, eur("30.00")),
                PaymentShare.rest(CARD)), key);
        FlowResult again = w.flow.accept(placement, List.of(PaymentShare.upTo(GIFT, eur("30.00")),
                PaymentShare.rest(CARD)), key);
        assertThat(again.order()).isEqualTo(first.order());
        assertThatThrownBy(() -> w.flow.accept(placement, List.of(PaymentShare.upTo(GIFT, eur("40.00")),
                PaymentShare.rest(CARD)), key)).isInstanceOf(dev.oms.spi.OmsException.PlacementConflictException.class)
                .hasMessageContaining("payments: accepted with [gift-1 up to EUR 30.00, card for the rest], now "
                        + "[gift-1 up to EUR 40.00, card for the rest]");
        assertThat(balances.available("gift-1")).contains(eur("20.00"));
        assertThat(authorisations(w)).hasSize(1);
    }

    @Test
    void an_edit_that_costs_more_on_an_order_paid_by_gift_card_and_invoice_is_authorised_on_the_invoice() {
        PaymentMethod invoice = PaymentMethod.of("inv-1", Kind.INVOICE);
        FlowWorld w = world(PaymentPlan.standard());
        FlowResult r = w.flow.accept(twoParcels(w), List.of(PaymentShare.upTo(GIFT, eur("30.00")),
                PaymentShare.rest(invoice)), w.key());
        MonetaryAmount total = OrderTotals.of(r.order()).grandTotal();
        EditPlan plan = w.flow.previewEdit(r.order().id(), List.of(new dev.oms.spi.order.OrderEdit
                .ChangeQuantity(LineId.of("1"), Quantity.of(3))));
        w.flow.commitEdit(plan, w.key());
        Order edited = w.flow.orders().load(r.order().id());
        MonetaryAmount more = OrderTotals.of(edited).grandTotal().subtract(total);
        assertThat(more.isPositive()).isTrue();
        assertThat(edited.payments().method("inv-1").orElseThrow().ledger().authorised())
                .as("the invoice carries the rest and the extra").isEqualTo(total.subtract(eur("30.00")).add(more));
        assertThat(edited.payments().method("gift-1").orElseThrow().ledger().authorised()).isEqualTo(eur("30.00"));
        assertThat(balances.available("gift-1")).as("the gift card is not asked for more").contains(eur("20.00"));
        assertThat(authorisations(w)).hasSize(2).allSatisfy(o -> assertThat(o.request().method()).contains(invoice));
    }

    /** The balances, dying once armed: after a hold the card's keeper made, before oms hears of it. */
    private static final class DiesAfterAHold extends AroundGateway {
        private final AtomicBoolean armed = new AtomicBoolean();

        DiesAfterAHold(PaymentGateway real) {
            super(real);
        }

        @Override
        public PaymentResult authorise(PaymentRequest request) {
            PaymentResult answer = super.authorise(request);
            if (armed.compareAndSet(true, false)) {
                throw new IllegalStateException("the JVM died after the gift card held the money");
            }
            return answer;
        }
    }

    @Test
    void a_gift_card_hold_a_crash_left_unrecorded_is_released_when_the_order_is_cancelled_before_the_resume() {
        DiesAfterAHold dying = new DiesAfterAHold(balances);
        FlowWorld w = new FlowWorld(FlowStores.inMemory(), b -> b.balances(dying)).stock("TEE", BERLIN, 5)
                .stock("MUG", HAMBURG, 5);
        PlaceOrder placement = twoParcels(w);
        dying.armed.set(true);
        assertThatThrownBy(() -> w.flow.accept(placement, List.of(PaymentShare.upTo(GIFT, eur("30.00")),
                PaymentShare.rest(CARD)), w.key())).hasMessageContaining("died");
        Order between = w.flow.orders().find(placement.header().channel(), placement.header().externalOrderId())
                .orElseThrow();
        assertThat(between.payments().authorised().isZero()).as("oms never heard of the hold").isTrue();
        assertThat(balances.available("gift-1")).as("the card holds it all the same").contains(eur("20.00"));

        w.flow.cancel(between.id(), CancelReason.CUSTOMER_REQUEST, "changed their mind", w.key());
        w.clock.advance(Duration.ofMinutes(1));
        w.flow.resume();
        assertThat(w.flow.orders().load(between.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(balances.available("gift-1")).as("released, not held for a cancelled order").contains(eur("50.00"));
        assertThat(authorisations(w)).as("the card was never asked").isEmpty();
        assertThat(w.flow.processesOf(between.id())).noneMatch(p -> p.status() == ProcessStatus.RUNNING);
    }

    @Test
    void an_edit_s_gift_card_hold_a_crash_left_unrecorded_is_released_when_the_order_is_cancelled_before_the_resume() {
        DiesAfterAHold dying = new DiesAfterAHold(balances);
        PaymentMethod second = PaymentMethod.of("gift-2", Kind.GIFT_CARD);
        balances.open("gift-2", eur("100.00"));
        FlowWorld w = new FlowWorld(FlowStores.inMemory(), b -> b.balances(dying)).stock("TEE", BERLIN, 5)
                .stock("MUG", HAMBURG, 5);
        FlowResult r = w.flow.accept(twoParcels(w), List.of(PaymentShare.upTo(GIFT, eur("30.00")),
                PaymentShare.rest(second)), w.key());
        assertThat(balances.available("gift-2")).contains(eur("76.17"));
        EditPlan plan = w.flow.previewEdit(r.order().id(), List.of(new dev.oms.spi.order.OrderEdit
                .ChangeQuantity(LineId.of("1"), Quantity.of(3))));
        dying.armed.set(true);
        assertThatThrownBy(() -> w.flow.commitEdit(plan, w.key())).hasMessageContaining("died");
        assertThat(balances.available("gift-2")).as("the edit's hold, on the last gift card")
                .contains(eur("56.17"));

        w.flow.cancel(r.order().id(), CancelReason.CUSTOMER_REQUEST, "changed their mind", w.key());
        w.clock.advance(Duration.ofMinutes(1));
        w.flow.resume();
        Order cancelled = w.flow.orders().load(r.order().id());
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.payments().method("gift-2").orElseThrow().ledger().authorised()).isEqualTo(eur("23.83"));
        assertThat(balances.available("gift-2")).as("the edit's hold released too").contains(eur("100.00"));
        assertThat(balances.available("gift-1")).contains(eur("50.00"));
    }

    @Test
    void an_edit_while_the_first_share_is_declined_is_authorised_on_the_share_s_card_and_the_retry_pays_the_rest() {
        balances.open("gift-1", eur("10.00"));
        FlowWorld w = world(PaymentPlan.standard());
        FlowResult r = w.flow.accept(twoParcels(w), List.of(PaymentShare.upTo(GIFT, eur("30.00")),
                PaymentShare.rest(CARD)), w.key());
        assertThat(r.order().payments().authorised().isZero()).isTrue();
        EditPlan plan = w.flow.previewEdit(r.order().id(), List.of(new dev.oms.spi.order.OrderEdit
                .ChangeQuantity(LineId.of("1"), Quantity.of(3))));
        w.flow.commitEdit(plan, w.key());
        Order edited = w.flow.orders().load(r.order().id());
        assertThat(edited.payments().methods()).as("paid several ways from its first payment on")
                .extracting(m -> m.method()).containsExactly(CARD);
        balances.open("gift-1", eur("30.00"));
        FlowResult paid = w.flow.retryPayment(r.order().id(), w.key());
        Order accepted = paid.order();
        assertThat(accepted.status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(accepted.payments().authorised()).isEqualTo(OrderTotals.of(accepted).grandTotal());
        assertThat(accepted.payments().method("gift-1").orElseThrow().ledger().authorised()).isEqualTo(eur("30.00"));
        assertThat(balances.available("gift-1")).contains(eur("0.00"));
    }

    @Test
    void a_declined_second_share_is_paid_by_the_retry_and_the_first_is_not_asked_again() {
        FlowWorld w = world(PaymentPlan.standard());
        w.payments.declineCustomer(dev.oms.spi.CustomerRef.of("g"));
        FlowResult r = w.flow.accept(twoParcels(w), List.of(PaymentShare.upTo(GIFT, eur("30.00")),
                PaymentShare.rest(CARD)), w.key());
        assertThat(r.order().hold(HoldType.PAYMENT, dev.oms.core.OrderDecider.DECLINE_HOLD_CODE)).isPresent();
        assertThat(r.order().payments().method("gift-1").orElseThrow().ledger().authorised()).isEqualTo(eur("30.00"));
        assertThat(w.flow.orders().history(r.order().id())).filteredOn(dev.oms.spi.event.OrderEvent.PaymentDeclined
                .class::isInstance).map(dev.oms.spi.event.OrderEvent.PaymentDeclined.class::cast).singleElement()
                .satisfies(d -> assertThat(d.method()).contains(CARD));

        w.payments.approveCustomer(dev.oms.spi.CustomerRef.of("g")); // the customer entered a working card
        Order paid = w.flow.retryPayment(r.order().id(), w.key()).order();
        assertThat(paid.status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(paid.payments().method("card").orElseThrow().ledger().authorised()).isEqualTo(eur("23.83"));
        assertThat(paid.payments().method("gift-1").orElseThrow().ledger().authorised()).isEqualTo(eur("30.00"));
        assertThat(balances.available("gift-1")).as("held once").contains(eur("20.00"));
    }

    @Test
    void an_edit_while_the_card_share_is_declined_goes_on_the_card_and_the_retry_pays_only_what_is_missing() {
        FlowWorld w = world(PaymentPlan.standard());
        w.payments.declineCustomer(dev.oms.spi.CustomerRef.of("g"));
        FlowResult r = w.flow.accept(twoParcels(w), List.of(PaymentShare.upTo(GIFT, eur("30.00")),
                PaymentShare.rest(CARD)), w.key());
        w.payments.approveCustomer(dev.oms.spi.CustomerRef.of("g"));
        EditPlan plan = w.flow.previewEdit(r.order().id(), List.of(new dev.oms.spi.order.OrderEdit
                .ChangeQuantity(LineId.of("1"), Quantity.of(3))));
        w.flow.commitEdit(plan, w.key());
        Order edited = w.flow.orders().load(r.order().id());
        MonetaryAmount more = OrderTotals.of(edited).grandTotal().subtract(eur("53.83"));
        assertThat(edited.payments().method("card").orElseThrow().ledger().authorised())
                .as("the shares' card, not the gift card the ledger names").isEqualTo(more);
        assertThat(balances.available("gift-1")).as("the gift card pays no more than its share").contains(eur("20.00"));

        Order paid = w.flow.retryPayment(r.order().id(), w.key()).order();
        assertThat(paid.status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(paid.payments().authorised()).as("the grand total, not more")
                .isEqualTo(OrderTotals.of(paid).grandTotal());
        assertThat(paid.payments().method("gift-1").orElseThrow().ledger().authorised()).isEqualTo(eur("30.00"));
    }

    @Test
    void an_order_cancelled_while_its_gift_card_answers_keeps_nothing_held_and_the_card_is_never_asked() {
        FlowWorld[] world = new FlowWorld[1];
        PaymentGateway cancelsFirst = new AroundGateway(balances) {
            @Override
            public PaymentResult authorise(PaymentRequest request) {
                // the customer cancels while the gift card is being asked
                world[0].flow.orders().handle(request.orderId(), new dev.oms.core.OrderCommand.Cancel(
                        CancelReason.CUSTOMER_REQUEST, "changed their mind"), world[0].key());
                return super.authorise(request);
            }
        };
        FlowWorld w = new FlowWorld(FlowStores.inMemory(), b -> b.balances(cancelsFirst)).stock("TEE", BERLIN, 5)
                .stock("MUG", HAMBURG, 5);
        world[0] = w;
        FlowResult r = w.flow.accept(twoParcels(w), List.of(PaymentShare.upTo(GIFT, eur("30.00")),
                PaymentShare.rest(CARD)), w.key());
        assertThat(r.order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(r.order().payments().authorised().isZero()).isTrue();
        assertThat(balances.available("gift-1")).as("the approval the order refused is voided").contains(eur("50.00"));
        assertThat(authorisations(w)).as("the card is never asked").isEmpty();
        assertThat(w.flow.processesOf(r.order().id())).noneMatch(p -> p.status() == ProcessStatus.RUNNING);
    }
}
