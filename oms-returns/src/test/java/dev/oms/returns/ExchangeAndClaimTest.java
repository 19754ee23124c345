package dev.oms.returns;

import static dev.oms.returns.ReturnsWorld.RETURNS_CENTER;
import static dev.oms.returns.ReturnsWorld.eur;
import static dev.oms.returns.ReturnsWorld.line;
import static dev.oms.returns.ReturnsWorld.units;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderTotals;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.FulfillmentStatus;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.Order.PaymentStatus;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.Inspection.ItemCondition;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ClaimResolution;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exchanges end to end (the replacement shipped after and before the return arrives) and claims. */
class ExchangeAndClaimTest {
    final ReturnsWorld w = new ReturnsWorld();

    ExchangeAndClaimTest() {
        w.stock("SHOE-41", 5);
        w.stock("SHOE-42", 5);
        w.stock("BOOT-42", 5);
        w.stock("LAMP", 5);
    }

    OrderId shoes() {
        return w.deliveredOrder("web-shoes-" + w.key().value(), b -> b
                .line(line("1", "SHOE-41", 1, "80.00", "0.00", "15.20"))
                .shipping("standard", eur("4.90"), eur("0.93")));
    }

    /** Ships and delivers a confirmed replacement order through the real fulfilment flow. */
    void fulfil(OrderId replacement) {
        Order order = w.orders.load(replacement);
        for (FulfillmentOrder fo : w.fulfillment.routeAndCreate(replacement, w.router, RoutingRequest.forOrder(order),
                w.key()).created()) {
            w.fulfillment.startPicking(fo.id(), w.key());
            w.fulfillment.pack(fo.id(), w.key());
            w.fulfillment.ship(fo.id(), fo.lines().stream().map(l -> new LineQuantity(l.lineId(), l.quantity()))
                    .toList(), w.key());
        }
        w.deliver(replacement);
    }

    ReturnRequest receiveAndInspect(ReturnRequest r) {
        w.returns.receive(r.id(), units("1", 1), w.key());
        return w.returns.inspect(r.id(), List.of(new LineInspection(LineId.of("1"), new Inspection(Quantity.of(1),
                ItemCondition.AS_NEW, Disposition.RESTOCK, RETURNS_CENTER))), w.key());
    }

    @Test
    void an_exchange_whose_replacement_is_taxed_unlike_the_order_is_refused_and_nothing_is_recorded() {
        OrderId original = shoes();   // the host supplies its tax per unit
        ReturnDraft draft = ReturnDraft.exchange(original, List.of(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                List.of(line("R1", "BOOT-42", 1, "110.00", "0.00", "0.00").taxedAt(
                        dev.oms.spi.order.TaxRate.of("DE-VAT-19", "19"))), false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.returns.request(draft, w.key()))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class)
                .hasMessageContaining("replacementLines[0].tax").hasMessageContaining("host supplies");
        assertThat(w.returns.ofOrder(original)).isEmpty();

        // a replacement the order engine would refuse later is refused now, before the goods travel
        ReturnDraft huge = ReturnDraft.exchange(original, List.of(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                List.of(line("R1", "BOOT-42", 2, "999999999999.00", "0.00", "0.00")), false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.returns.request(huge, w.key()))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class).hasMessageContaining("line R1");
        assertThat(w.returns.ofOrder(original)).isEmpty();
    }

    @Test
    void an_exchange_of_a_four_decimal_order_takes_its_pricing_to_the_replacement() {
        dev.oms.spi.order.Pricing fine = dev.oms.spi.order.Pricing.standard().withUnitScale(4);
        OrderId original = w.deliveredOrder("web-bolts-" + w.key().value(), b -> b.pricing(fine)
                .line(new dev.oms.spi.order.NewLine(LineId.of("1"), Sku.of("SHOE-41"), Quantity.of(1), eur("80.0049"),
                        eur("0.00"), dev.oms.spi.order.LineTax.perUnit(eur("15.20")))));
        ReturnRequest r = w.returns.request(ReturnDraft.exchange(original,
                List.of(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                List.of(new dev.oms.spi.order.NewLine(LineId.of("R1"), Sku.of("BOOT-42"), Quantity.of(1),
                        eur("110.0051"), eur("0.00"), dev.oms.spi.order.LineTax.perUnit(eur("20.90")))), false), w.key());
        r = w.returns.approve(r.id(), RETURNS_CENTER, w.key());
        Order replacement = w.orders.load(r.replacement().orElseThrow().orderId().orElseThrow());
        assertThat(replacement.header().pricing()).isEqualTo(fine);
        assertThat(OrderTotals.of(replacement).subtotal()).isEqualTo(eur("110.01"));   // 110.0051 half up

        // finer than the original's pricing: refused when the exchange is requested, nothing recorded
        OrderId other = w.deliveredOrder("web-bolts-" + w.key().value(), b -> b.pricing(fine)
                .line(new dev.oms.spi.order.NewLine(LineId.of("1"), Sku.of("SHOE-41"), Quantity.of(1), eur("80.0049"),
                        eur("0.00"), dev.oms.spi.order.LineTax.perUnit(eur("15.20")))));
        ReturnDraft tooFine = ReturnDraft.exchange(other, List.of(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                List.of(new dev.oms.spi.order.NewLine(LineId.of("R1"), Sku.of("BOOT-42"), Quantity.of(1),
                        eur("110.00511"), eur("0.00"), dev.oms.spi.order.LineTax.perUnit(eur("20.90")))), false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.returns.request(tooFine, w.key()))
                .isInstanceOf(dev.oms.spi.InvalidInputException.class).hasMessageContaining("unitPrice")
                .hasMessageContaining("unit scale allows (4)");
        assertThat(w.returns.ofOrder(other)).isEmpty();
    }

    @Test
    void an_exchange_for_a_pricier_item_credits_the_return_and_charges_the_difference() {
        OrderId original = shoes();
        Order before = w.orders.load(original);
        // Too small: the customer wants boots in 42 instead, which cost more.
        ReturnRequest r = w.returns.request(ReturnDraft.exchange(original,
                List.of(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                List.of(line("R1", "BOOT-42", 1, "110.00", "0.00", "20.90")), false), w.key());
        r = w.returns.approve(r.id(), RETURNS_CENTER, w.key());
        OrderId replacement = r.replacement().orElseThrow().orderId().orElseThrow();
        assertThat(w.orders.load(replacement).status()).as("waits for the return").isEqualTo(OrderStatus.PENDING);
        assertThat(w.orders.load(replacement).header().tags()).contains("exchange");

        r = receiveAndInspect(r);
        assertThat(w.inventory.position(Sku.of("SHOE-41"), RETURNS_CENTER).onHand()).isEqualTo(Quantity.of(1));
        r = w.returns.exchange(r.id(), w.key());
        assertThat(r.status()).isEqualTo(ReturnStatus.EXCHANGED);

        // The shoe was worth 80.00 + 15.20 tax (no shipping refund for a size problem) = 95.20.
        ReturnEvent.Exchanged settled = (ReturnEvent.Exchanged) w.returns.history(r.id()).get(
                w.returns.history(r.id()).size() - 1);
        assertThat(settled.credit()).isEqualTo(eur("95.20"));
        assertThat(settled.charged()).isEqualTo(eur("35.70"));
        assertThat(settled.refunded()).isEqualTo(eur("0.00"));
        Order original2 = w.orders.load(original);
        assertThat(original2.payments().refunded()).isEqualTo(eur("95.20"));
        assertThat(original2.requireLine(LineId.of("1")).quantities().returned()).isEqualTo(Quantity.of(1));
        assertThat(original2.fulfillmentStatus()).isEqualTo(FulfillmentStatus.RETURNED);
        assertThat(w.gateway.operations()).filteredOn(o -> o.kind().equals("refund")).isEmpty();

        Order repl = w.orders.load(replacement);
        assertThat(repl.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(OrderTotals.of(repl).grandTotal()).isEqualTo(eur("130.90"));
        assertThat(repl.payments().authorised()).isEqualTo(eur("130.90"));
        assertThat(repl.payments().captured()).as("the credit is already paid").isEqualTo(eur("95.20"));

        // The replacement ships: only the difference is captured from the customer's card.
        fulfil(replacement);
        repl = w.orders.load(replacement);
        assertThat(repl.payments().captured()).isEqualTo(eur("130.90"));
        assertThat(OrderTotals.paymentStatus(repl)).isEqualTo(PaymentStatus.PAID);
        assertThat(w.gateway.operations()).filteredOn(o -> o.request().orderId().equals(replacement))
                .extracting(o -> o.kind() + " " + o.request().amount())
                .containsExactly("authorise EUR 35.7", "capture EUR 35.7");
        assertThat(w.returns.close(r.id(), w.key()).status()).isEqualTo(ReturnStatus.CLOSED);
        assertThat(before.payments().captured()).isEqualTo(original2.payments().captured());
    }

    @Test
    void an_exchange_for_a_cheaper_item_refunds_the_difference_to_the_original_payment() {
        OrderId original = shoes();
        ReturnRequest r = w.returns.request(ReturnDraft.exchange(original,
                List.of(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                List.of(line("R1", "SHOE-42", 1, "60.00", "0.00", "11.40")), false), w.key());
        r = w.returns.approve(r.id(), RETURNS_CENTER, w.key());
        r = receiveAndInspect(r);
        r = w.returns.exchange(r.id(), w.key());
        ReturnEvent.Exchanged settled = (ReturnEvent.Exchanged) w.returns.history(r.id()).get(
                w.returns.history(r.id()).size() - 1);
        assertThat(settled.credit()).isEqualTo(eur("71.40"));
        assertThat(settled.refunded()).isEqualTo(eur("23.80"));
        assertThat(w.orders.load(original).payments().refunded()).isEqualTo(eur("95.20"));
        assertThat(w.gateway.operations()).filteredOn(o -> o.kind().equals("refund"))
                .extracting(o -> o.request().amount()).containsExactly(eur("23.80"));
        OrderId replacement = r.replacement().orElseThrow().orderId().orElseThrow();
        assertThat(OrderTotals.paymentStatus(w.orders.load(replacement))).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void an_exchange_of_an_order_paid_by_gift_card_and_card_spreads_the_credit_over_both_by_the_refund_order() {
        dev.oms.spi.payment.PaymentMethod gift = dev.oms.spi.payment.PaymentMethod.of("gift-1",
                dev.oms.spi.payment.PaymentMethod.Kind.GIFT_CARD);
        dev.oms.spi.payment.PaymentMethod card = dev.oms.spi.payment.PaymentMethod.of("card",
                dev.oms.spi.payment.PaymentMethod.Kind.CARD);
        w.authorisation = (id, total) -> {
            w.payments.authorise(id, gift, eur("20.00"), w.key());
            w.payments.authorise(id, card, total.subtract(eur("20.00")), w.key());
        };
        OrderId original = shoes();   // 101.03: the gift card's 20.00 captured first, the card 81.03
        ReturnRequest r = w.returns.request(ReturnDraft.exchange(original,
                List.of(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                List.of(line("R1", "SHOE-42", 1, "60.00", "0.00", "11.40")), false), w.key());
        r = w.returns.approve(r.id(), RETURNS_CENTER, w.key());
        r = receiveAndInspect(r);
        w.returns.exchange(r.id(), w.key());
        Order after = w.orders.load(original);
        // 95.20 of credit: 71.40 pays the replacement and 23.80 goes back; the card first (81.03), then the gift card
        assertThat(after.payments().refunded()).isEqualTo(eur("95.20"));
        assertThat(after.payments().method("card").orElseThrow().ledger().refunded()).isEqualTo(eur("81.03"));
        assertThat(after.payments().method("gift-1").orElseThrow().ledger().refunded()).isEqualTo(eur("14.17"));
        assertThat(w.gateway.operations()).filteredOn(o -> o.kind().equals("refund"))
                .extracting(o -> o.request().method().orElseThrow().id() + " " + o.request().amount())
                .containsExactly("card EUR 9.63", "gift-1 EUR 14.17");
    }

    @Test
    void a_replacement_shipped_before_the_return_arrives_is_paid_at_once_and_the_return_refunded_on_arrival() {
        OrderId original = shoes();
        ReturnRequest r = w.returns.request(ReturnDraft.exchange(original,
                List.of(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                List.of(line("R1", "SHOE-42", 1, "80.00", "0.00", "15.20")), true), w.key());
        r = w.returns.approve(r.id(), RETURNS_CENTER, w.key());
        OrderId replacement = r.replacement().orElseThrow().orderId().orElseThrow();
        assertThat(w.orders.load(replacement).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(w.orders.load(replacement).payments().authorised()).isEqualTo(eur("95.20"));

        fulfil(replacement);
        assertThat(w.orders.load(replacement).fulfillmentStatus()).isEqualTo(FulfillmentStatus.DELIVERED);
        assertThat(w.orders.load(original).payments().refunded()).isEqualTo(eur("0.00"));

        r = receiveAndInspect(r);
        r = w.returns.exchange(r.id(), w.key());
        assertThat(r.status()).isEqualTo(ReturnStatus.EXCHANGED);
        assertThat(w.orders.load(original).payments().refunded()).isEqualTo(eur("95.20"));
        assertThat(w.gateway.operations()).filteredOn(o -> o.kind().equals("refund"))
                .extracting(o -> o.request().orderId() + " " + o.request().amount())
                .containsExactly(original + " EUR 95.2");
    }

    @Test
    void a_standard_exchange_cancelled_before_the_return_arrives_cancels_its_pending_replacement() {
        OrderId original = shoes();
        ReturnRequest r = w.returns.request(ReturnDraft.exchange(original,
                List.of(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL)),
                List.of(line("R1", "SHOE-42", 1, "80.00", "0.00", "15.20")), false), w.key());
        r = w.returns.approve(r.id(), RETURNS_CENTER, w.key());
        OrderId replacement = r.replacement().orElseThrow().orderId().orElseThrow();
        w.returns.cancel(r.id(), "keeps the shoes", w.key());
        assertThat(w.orders.load(replacement).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void a_lost_parcel_is_refunded_with_its_shipping_without_anything_coming_back() {
        OrderId lost = w.shippedOrder("web-lost-parcel", b -> b
                .line(line("1", "LAMP", 2, "40.00", "0.00", "7.60"))
                .shipping("standard", eur("4.90"), eur("0.93")));
        ReturnRequest claim = w.returns.request(ReturnDraft.claim(lost, ClaimResolution.REFUND,
                LineToReturn.of("1", 2, ReturnReasons.LOST_IN_TRANSIT)), w.key());
        claim = w.returns.approve(claim.id(), w.key());
        claim = w.returns.refund(claim.id(), RefundMethod.ORIGINAL_PAYMENT, w.key());
        assertThat(claim.status()).isEqualTo(ReturnStatus.REFUNDED);
        Order order = w.orders.load(lost);
        assertThat(claim.refund().orElseThrow().total()).isEqualTo(OrderTotals.of(order).grandTotal());
        assertThat(OrderTotals.paymentStatus(order)).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(order.requireLine(LineId.of("1")).quantities().returned()).isEqualTo(Quantity.ZERO);
        // settled, the units are recorded lost on the order, which can now complete
        assertThat(order.requireLine(LineId.of("1")).quantities().lost()).isEqualTo(Quantity.of(2));
        assertThat(order.requireLine(LineId.of("1")).quantities().inTransit()).isEqualTo(Quantity.ZERO);
        assertThat(w.orders.handle(lost, new dev.oms.core.OrderCommand.Complete(), w.key()).order().status())
                .isEqualTo(dev.oms.spi.order.Order.OrderStatus.COMPLETED);
        assertThat(w.inventory.position(Sku.of("LAMP"), RETURNS_CENTER).onHand()).isEqualTo(Quantity.ZERO);
        assertThat(w.returns.history(claim.id())).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Requested", "Approved", "RefundCalculated", "Refunded");
    }

    @Test
    void a_damaged_item_is_replaced_free_of_charge_with_a_reason() {
        OrderId id = w.deliveredOrder("web-broken-lamp", b -> b.line(line("1", "LAMP", 1, "40.00", "0.00", "7.60")));
        ReturnRequest claim = w.returns.request(ReturnDraft.claim(id, ClaimResolution.REPLACEMENT,
                LineToReturn.of("1", 1, ReturnReasons.DAMAGED)), w.key());
        claim = w.returns.approve(claim.id(), w.key());
        claim = w.returns.exchange(claim.id(), w.key());
        assertThat(claim.status()).isEqualTo(ReturnStatus.EXCHANGED);
        assertThat(claim.lines().get(0).reason()).isEqualTo(ReturnReasons.DAMAGED);
        OrderId replacement = claim.replacement().orElseThrow().orderId().orElseThrow();
        Order free = w.orders.load(replacement);
        assertThat(OrderTotals.of(free).grandTotal()).isEqualTo(eur("0.00"));
        assertThat(free.header().tags()).contains("claim-replacement");
        assertThat(free.status()).isEqualTo(OrderStatus.CONFIRMED);
        fulfil(replacement);
        assertThat(w.orders.load(replacement).fulfillmentStatus()).isEqualTo(FulfillmentStatus.DELIVERED);
        assertThat(w.orders.load(id).payments().refunded()).isEqualTo(eur("0.00"));
        assertThat(w.gateway.operations()).noneMatch(o -> o.request().orderId().equals(replacement));
    }
}
