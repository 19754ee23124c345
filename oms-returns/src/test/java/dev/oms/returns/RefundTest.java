package dev.oms.returns;

import static dev.oms.returns.ReturnsWorld.RETURNS_CENTER;
import static dev.oms.returns.ReturnsWorld.eur;
import static dev.oms.returns.ReturnsWorld.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.core.OrderTotals;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnPolicy.RestockingFee;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.RuleViolationException.PaymentLimitExceededException;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.PaymentStatus;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.Inspection.ItemCondition;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.RefundLine;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import java.util.ArrayList;
import java.util.List;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * Refunds on worked examples: an order with an order-level discount, two tax rates and shipping,
 * refunded in two partial returns and in one full return; restocking and return shipping fees;
 * the captured limit.
 */
class RefundTest {
    /** A jacket at 19% and books at 7%, a 10.00 order discount, 4.90 shipping with 0.93 tax: 251.49 in all. */
    static OrderId workedOrder(ReturnsWorld w) {
        w.stock("JACKET", 10);
        w.stock("BOOK", 10);
        return w.deliveredOrder("web-worked-" + w.key().value(), b -> b
                .line(line("1", "JACKET", 2, "89.90", "0.00", "17.08"))
                .line(line("2", "BOOK", 3, "12.99", "0.00", "0.91"))
                .discount("WELCOME10", eur("10.00"))
                .shipping("standard", eur("4.90"), eur("0.93")));
    }

    /**
     * The worked return of the README on the worked order: a jacket and a book back as defective,
     * refunded, then the other jacket and two books.
     */
    static RefundBreakdown[] workedRefunds(ReturnsWorld w, OrderId id, RefundMethod method) {
        RefundBreakdown first = w.returns.refund(inspectedReturn(w, id, ReturnReasons.DEFECTIVE, 1, 1).id(), method,
                w.key()).refund().orElseThrow();
        RefundBreakdown second = w.returns.refund(inspectedReturn(w, id, ReturnReasons.DEFECTIVE, 1, 2).id(), method,
                w.key()).refund().orElseThrow();
        return new RefundBreakdown[] {first, second};
    }

    /** Requests, approves, receives and inspects (restocking everything) a return of these units. */
    static ReturnRequest inspectedReturn(ReturnsWorld w, OrderId id, String reason, long jackets, long books) {
        List<LineToReturn> asked = new ArrayList<>();
        List<LineQuantity> arrived = new ArrayList<>();
        List<LineInspection> inspections = new ArrayList<>();
        if (jackets > 0) {
            asked.add(LineToReturn.of("1", jackets, reason));
            arrived.add(new LineQuantity(LineId.of("1"), Quantity.of(jackets)));
            inspections.add(new LineInspection(LineId.of("1"), new Inspection(Quantity.of(jackets),
                    ItemCondition.AS_NEW, Disposition.RESTOCK, RETURNS_CENTER)));
        }
        if (books > 0) {
            asked.add(LineToReturn.of("2", books, reason));
            arrived.add(new LineQuantity(LineId.of("2"), Quantity.of(books)));
            inspections.add(new LineInspection(LineId.of("2"), new Inspection(Quantity.of(books),
                    ItemCondition.AS_NEW, Disposition.RESTOCK, RETURNS_CENTER)));
        }
        ReturnId rid = w.returns.request(ReturnDraft.returnOf(id, asked.toArray(LineToReturn[]::new)), w.key()).id();
        w.returns.approve(rid, RETURNS_CENTER, w.key());
        w.returns.receive(rid, arrived, w.key());
        return w.returns.inspect(rid, inspections, w.key());
    }

    @Test
    void two_partial_refunds_add_up_to_one_full_refund_to_the_minor_unit_and_to_the_grand_total() {
        ReturnsWorld partial = new ReturnsWorld();
        OrderId id = workedOrder(partial);
        MonetaryAmount grandTotal = OrderTotals.of(partial.orders.load(id)).grandTotal();
        assertThat(grandTotal).isEqualTo(eur("251.49"));
        ReturnRequest first = inspectedReturn(partial, id, ReturnReasons.DEFECTIVE, 1, 1);
        RefundBreakdown r1 = partial.returns.refund(first.id(), RefundMethod.ORIGINAL_PAYMENT, partial.key())
                .refund().orElseThrow();
        ReturnRequest second = inspectedReturn(partial, id, ReturnReasons.DEFECTIVE, 1, 2);
        RefundBreakdown r2 = partial.returns.refund(second.id(), RefundMethod.ORIGINAL_PAYMENT, partial.key())
                .refund().orElseThrow();

        ReturnsWorld whole = new ReturnsWorld();
        OrderId wholeId = workedOrder(whole);
        RefundBreakdown full = whole.returns.refund(inspectedReturn(whole, wholeId, ReturnReasons.DEFECTIVE, 2, 3).id(),
                RefundMethod.ORIGINAL_PAYMENT, whole.key()).refund().orElseThrow();

        assertThat(r1.total().add(r2.total())).isEqualTo(full.total()).isEqualTo(grandTotal);
        for (String line : List.of("1", "2")) {
            RefundLine a = lineOf(r1, line);
            RefundLine b = lineOf(r2, line);
            RefundLine f = lineOf(full, line);
            assertThat(a.orderDiscount().add(b.orderDiscount())).as("order discount of line " + line)
                    .isEqualTo(f.orderDiscount());
            assertThat(a.tax().add(b.tax())).isEqualTo(f.tax());
            assertThat(a.shipping().add(b.shipping())).isEqualTo(f.shipping());
            assertThat(a.shippingTax().add(b.shippingTax())).isEqualTo(f.shippingTax());
            assertThat(a.total().add(b.total())).isEqualTo(f.total());
        }
        // The worked example of the README, part by part.
        assertThat(lineOf(full, "1")).isEqualTo(new RefundLine(LineId.of("1"), Quantity.of(2), eur("179.80"),
                eur("0.00"), eur("8.22"), eur("34.16"), eur("4.03"), eur("0.76"), eur("0.00"), false));
        assertThat(lineOf(full, "2")).isEqualTo(new RefundLine(LineId.of("2"), Quantity.of(3), eur("38.97"),
                eur("0.00"), eur("1.78"), eur("2.73"), eur("0.87"), eur("0.17"), eur("0.00"), false));
        assertThat(lineOf(r1, "1").total()).isEqualTo(eur("105.26"));
        assertThat(lineOf(r1, "2").total()).isEqualTo(eur("13.65"));
        assertThat(r1.total()).isEqualTo(eur("118.91"));
        assertThat(r2.total()).isEqualTo(eur("132.58"));

        Order after = partial.orders.load(id);
        assertThat(after.payments().refunded()).isEqualTo(grandTotal);
        assertThat(OrderTotals.paymentStatus(after)).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(partial.gateway.operations()).filteredOn(o -> o.kind().equals("refund"))
                .extracting(o -> o.request().amount()).containsExactly(eur("118.91"), eur("132.58"));
    }

    @Test
    void a_restocking_fee_and_the_return_shipping_fee_come_off_a_change_of_mind_but_not_off_a_defect() {
        ReturnPolicy policy = ReturnPolicy.builder().restockingFee(RestockingFee.percent("10"))
                .returnShippingFee(eur("3.95")).build();
        ReturnsWorld w = new ReturnsWorld(policy);
        OrderId id = workedOrder(w);
        RefundBreakdown changedMind = w.returns.refund(inspectedReturn(w, id, ReturnReasons.CHANGED_MIND, 1, 0).id(),
                RefundMethod.ORIGINAL_PAYMENT, w.key()).refund().orElseThrow();
        // One jacket: 89.90 - its discount share 4.11 = 85.79, of which 10% rounded down is 8.57.
        assertThat(changedMind.lines()).singleElement().satisfies(l -> {
            assertThat(l.merchandise()).isEqualTo(eur("85.79"));
            assertThat(l.restockingFee()).isEqualTo(eur("8.57"));
            assertThat(l.shipping()).isEqualTo(eur("0.00"));
            assertThat(l.total()).isEqualTo(eur("94.30"));
        });
        assertThat(changedMind.returnShippingFee()).isEqualTo(eur("3.95"));
        assertThat(changedMind.total()).isEqualTo(eur("90.35"));

        RefundBreakdown defect = w.returns.refund(inspectedReturn(w, id, ReturnReasons.DEFECTIVE, 0, 1).id(),
                RefundMethod.ORIGINAL_PAYMENT, w.key()).refund().orElseThrow();
        assertThat(defect.lines()).singleElement().satisfies(l -> {
            assertThat(l.restockingFee()).isEqualTo(eur("0.00"));
            assertThat(l.shipping().isPositive()).isTrue();
        });
        assertThat(defect.returnShippingFee()).isEqualTo(eur("0.00"));
    }

    @Test
    void a_fixed_restocking_fee_is_split_over_the_lines_by_value() {
        ReturnsWorld w = new ReturnsWorld(ReturnPolicy.builder().restockingFee(RestockingFee.fixed(eur("5.00"))).build());
        OrderId id = workedOrder(w);
        RefundBreakdown refund = w.returns.refund(inspectedReturn(w, id, ReturnReasons.CHANGED_MIND, 1, 1).id(),
                RefundMethod.ORIGINAL_PAYMENT, w.key()).refund().orElseThrow();
        assertThat(lineOf(refund, "1").restockingFee().add(lineOf(refund, "2").restockingFee())).isEqualTo(eur("5.00"));
        assertThat(lineOf(refund, "1").restockingFee()).isEqualTo(eur("4.37"));
    }

    @Test
    void a_refund_that_would_exceed_what_is_still_captured_is_refused_and_counts_nothing() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = workedOrder(w);
        // A goodwill refund outside any return leaves less captured money than the return is worth.
        w.payments.refund(id, eur("200.00"), w.key());
        ReturnRequest inspected = inspectedReturn(w, id, ReturnReasons.DEFECTIVE, 1, 0);
        long accountVersion = w.returnStore.refundAccount(id).version();
        int refundsBefore = w.gateway.operations().size();

        assertThatThrownBy(() -> w.returns.refund(inspected.id(), RefundMethod.ORIGINAL_PAYMENT, w.key()))
                .isInstanceOfSatisfying(PaymentLimitExceededException.class, e -> {
                    assertThat(e.rule()).isEqualTo("refund-within-captured");
                    assertThat(e.limit()).isEqualTo(eur("51.49"));
                    assertThat(e.requested()).isEqualTo(eur("105.26"));
                });
        assertThat(w.returns.load(inspected.id())).isEqualTo(inspected);
        assertThat(w.returnStore.refundAccount(id).version()).isEqualTo(accountVersion);
        assertThat(w.gateway.operations()).hasSize(refundsBefore);
        assertThat(w.orders.load(id).payments().refunded()).isEqualTo(eur("200.00"));
    }

    @Test
    void a_refund_as_store_credit_is_recorded_on_the_order_and_credited_once() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = workedOrder(w);
        ReturnRequest inspected = inspectedReturn(w, id, ReturnReasons.DEFECTIVE, 0, 1);
        dev.oms.spi.CommandKey key = w.key();
        ReturnRequest refunded = w.returns.refund(inspected.id(), RefundMethod.STORE_CREDIT, key);
        assertThat(w.returns.refund(inspected.id(), RefundMethod.STORE_CREDIT, key)).isEqualTo(refunded);
        MonetaryAmount total = refunded.refund().orElseThrow().total();
        assertThat(refunded.status()).isEqualTo(ReturnStatus.REFUNDED);
        assertThat(w.storeCredit.balance(dev.oms.spi.CustomerRef.of("c-7"), "EUR")).contains(total);
        assertThat(w.orders.load(id).payments().refunded()).isEqualTo(total);
        assertThat(w.gateway.operations()).noneMatch(o -> o.kind().equals("refund"));
    }

    @Test
    void a_discount_on_shipping_is_honoured_refunds_give_back_what_was_paid_for_it() {
        ReturnsWorld w = new ReturnsWorld();
        w.stock("JACKET", 10);
        w.stock("BOOK", 10);
        // the worked order with a half-price shipping coupon: 2.45 shipping with its 0.47 tax
        OrderId id = w.deliveredOrder("web-ship-half", b -> b
                .line(line("1", "JACKET", 2, "89.90", "0.00", "17.08"))
                .line(line("2", "BOOK", 3, "12.99", "0.00", "0.91"))
                .discount("WELCOME10", eur("10.00"))
                .shipping(new dev.oms.spi.order.Order.ShippingCharge("standard", eur("4.90"),
                        dev.oms.spi.order.LineTax.perUnit(eur("0.47")))
                        .withDiscount(new dev.oms.spi.order.Order.Discount("SHIP50", eur("2.45")))));
        MonetaryAmount paid = OrderTotals.of(w.orders.load(id)).grandTotal();
        assertThat(paid).isEqualTo(eur("248.58"));   // 251.49 - 2.45 - (0.93 - 0.47)
        RefundBreakdown[] both = workedRefunds(w, id, RefundMethod.ORIGINAL_PAYMENT);
        MonetaryAmount shipping = eur("0.00");
        MonetaryAmount shippingTax = eur("0.00");
        for (RefundBreakdown b : both) {
            for (RefundLine l : b.lines()) {
                shipping = shipping.add(l.shipping());
                shippingTax = shippingTax.add(l.shippingTax());
            }
        }
        assertThat(shipping).as("what was charged for shipping, not the 4.90 before the coupon")
                .isEqualTo(eur("2.45"));
        assertThat(shippingTax).isEqualTo(eur("0.47"));
        assertThat(both[0].total().add(both[1].total())).isEqualTo(paid);
        assertThat(w.orders.load(id).payments().refunded()).isEqualTo(paid);
    }

    static RefundLine lineOf(RefundBreakdown refund, String lineId) {
        return refund.lines().stream().filter(l -> l.lineId().equals(LineId.of(lineId))).findFirst().orElseThrow();
    }
}
