package dev.oms.returns;

import static dev.oms.returns.ReturnsWorld.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.OrderTotals;
import dev.oms.returns.RefundConventions.ShippingRefund;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.order.Pricing.CashRounding;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.RefundLine;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * The refund conventions of the oms-returns README, each on the worked order of its "Refunds,
 * worked" section (251.49: two jackets, three books, a 10.00 discount, 4.90 shipping with 0.93
 * tax), returned as a jacket and a book as defective, then the other jacket and two books: the
 * figures of each convention's table, checked here through {@link ReturnService}.
 */
class RefundConventionsTest {
    /** The two refunds of the worked return under a policy with these conventions. */
    private static RefundBreakdown[] refunds(RefundConventions conventions, RefundMethod method) {
        ReturnsWorld w = new ReturnsWorld(ReturnPolicy.builder().refundConventions(conventions).build());
        OrderId id = RefundTest.workedOrder(w);
        RefundBreakdown[] both = RefundTest.workedRefunds(w, id, method);
        assertThat(OrderTotals.of(w.orders.load(id)).grandTotal()).isEqualTo(eur("251.49"));
        return both;
    }

    private static RefundLine line(RefundBreakdown refund, String id) {
        return refund.lines().stream().filter(l -> l.lineId().value().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void the_standard_conventions_are_the_worked_table() {
        RefundBreakdown[] r = refunds(RefundConventions.standard(), RefundMethod.ORIGINAL_PAYMENT);
        assertThat(r[0].total()).isEqualTo(eur("118.91"));   // 105.26 + 13.65
        assertThat(r[1].total()).isEqualTo(eur("132.58"));   // 105.27 + 27.31
        assertThat(r[0].payoutRounding()).isEmpty();
    }

    @Test
    void whole_shipping_once_goes_back_with_the_first_refund_that_asks_for_it() {
        RefundBreakdown[] r = refunds(RefundConventions.standard().withShipping(ShippingRefund.WHOLE_ONCE),
                RefundMethod.ORIGINAL_PAYMENT);
        // the jacket takes all of the shipping: 89.90 - 4.11 + 17.08 + 4.90 + 0.93
        assertThat(line(r[0], "1").shipping()).isEqualTo(eur("4.90"));
        assertThat(line(r[0], "1").shippingTax()).isEqualTo(eur("0.93"));
        assertThat(line(r[0], "1").total()).isEqualTo(eur("108.70"));
        assertThat(line(r[0], "2").total()).isEqualTo(eur("13.31"));          // 12.99 - 0.59 + 0.91
        assertThat(r[1].lines()).allSatisfy(l -> assertThat(l.shipping()).isEqualTo(eur("0.00")));
        assertThat(r[1].total()).isEqualTo(eur("129.48"));                    // 102.87 + 26.61
        assertThat(r[0].total().add(r[1].total())).isEqualTo(eur("251.49"));
    }

    @Test
    void no_shipping_refunds_none_whatever_the_reason() {
        RefundBreakdown[] r = refunds(RefundConventions.standard().withShipping(ShippingRefund.NONE),
                RefundMethod.ORIGINAL_PAYMENT);
        assertThat(r[0].total()).isEqualTo(eur("116.18"));   // 102.87 + 13.31
        assertThat(r[1].total()).isEqualTo(eur("129.48"));
        assertThat(r[0].total().add(r[1].total())).as("all but 4.90 + 0.93").isEqualTo(eur("245.66"));
    }

    @Test
    void half_up_splits_round_each_part_to_the_nearest_cent_and_still_add_up() {
        RefundBreakdown[] r = refunds(RefundConventions.standard().withSplitRounding(RoundingMode.HALF_UP),
                RefundMethod.ORIGINAL_PAYMENT);
        // the jackets' shipping share 4.03: half of it, 2.015, rounds up to 2.02 (down: 2.01);
        // the books' shipping tax 0.17: a third, 0.0567, rounds to 0.06 (down: 0.05)
        assertThat(line(r[0], "1").shipping()).isEqualTo(eur("2.02"));
        assertThat(line(r[0], "2").shippingTax()).isEqualTo(eur("0.06"));
        assertThat(r[0].total()).isEqualTo(eur("118.93"));   // 105.27 + 13.66
        assertThat(line(r[1], "1").shipping()).isEqualTo(eur("2.01"));
        assertThat(line(r[1], "2").shippingTax()).isEqualTo(eur("0.11"));
        assertThat(r[1].total()).isEqualTo(eur("132.56"));   // 105.26 + 27.30
        assertThat(r[0].total().add(r[1].total())).isEqualTo(eur("251.49"));
    }

    @Test
    void per_refund_rounds_each_refund_once_as_a_whole() {
        // the first refund is worth exactly 102.87 + 2.395 (jacket and its shipping) + 13.30667 + 0.34667
        // (book and its shipping) = 118.91833: half up 118.92, where each part half up gives 118.93
        RefundBreakdown[] halfUp = refunds(RefundConventions.standard().withSplitRounding(RoundingMode.HALF_UP)
                .withSplitLevel(RefundConventions.SplitLevel.PER_REFUND), RefundMethod.ORIGINAL_PAYMENT);
        assertThat(halfUp[0].total()).isEqualTo(eur("118.92"));
        assertThat(halfUp[0].payoutRounding()).contains(eur("-0.01"));   // the lines, split half up, give 118.93
        assertThat(halfUp[0].notes()).filteredOn(n -> n.part().equals("payoutRounding")).singleElement()
                .satisfies(n -> assertThat(n.rule()).contains("about 118.9183").contains("rounded half up to 118.92"));
        assertThat(halfUp[1].total()).isEqualTo(eur("132.57"));
        assertThat(halfUp[1].notes()).filteredOn(n -> n.part().equals("payoutRounding")).singleElement()
                .satisfies(n -> assertThat(n.rule()).contains("worth 251.49, rounded half up to 251.49")
                        .contains("of which 118.92 (about 118.918333) before this refund"));
        assertThat(halfUp[0].total().add(halfUp[1].total())).isEqualTo(eur("251.49"));
        // down, the floor of the total: 118.91, here the same as the parts rounded down
        RefundBreakdown[] floor = refunds(RefundConventions.standard()
                .withSplitLevel(RefundConventions.SplitLevel.PER_REFUND), RefundMethod.ORIGINAL_PAYMENT);
        assertThat(floor[0].total()).isEqualTo(eur("118.91"));
        assertThat(floor[0].payoutRounding()).contains(eur("0.00"));
        assertThat(floor[1].total()).isEqualTo(eur("132.58"));
        RefundNotesTest.requireExplained(halfUp[0]);
        RefundNotesTest.requireExplained(floor[1]);
    }

    /** The three books of the worked order returned one at a time; each refund's book line. */
    private static List<RefundLine> booksOneByOne(RefundConventions conventions) {
        ReturnsWorld w = new ReturnsWorld(ReturnPolicy.builder().refundConventions(conventions).build());
        OrderId id = RefundTest.workedOrder(w);
        List<RefundLine> books = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ReturnRequest r = RefundTest.inspectedReturn(w, id, ReturnReasons.DEFECTIVE, 0, 1);
            books.add(line(w.returns.refund(r.id(), RefundMethod.ORIGINAL_PAYMENT, w.key()).refund().orElseThrow(),
                    "2"));
        }
        return books;
    }

    @Test
    void per_unit_splits_give_each_unit_one_rounded_share_and_the_last_unit_the_rest() {
        // the books' order discount share 1.78 over 3 units: 0.593 a unit, half up 0.59; the shipping
        // tax 0.17: 0.057 a unit, 0.06
        List<RefundLine> perUnit = booksOneByOne(RefundConventions.standard().withSplitRounding(RoundingMode.HALF_UP)
                .withSplitLevel(RefundConventions.SplitLevel.PER_UNIT));
        assertThat(perUnit).extracting(RefundLine::orderDiscount).containsExactly(eur("0.59"), eur("0.59"), eur("0.60"));
        assertThat(perUnit).extracting(RefundLine::shippingTax).containsExactly(eur("0.06"), eur("0.06"), eur("0.05"));
        // cumulatively, half up: 1.78 x 1 / 3 = 0.59, x 2 / 3 = 1.19 (so 0.60), then the rest
        List<RefundLine> cumulative = booksOneByOne(RefundConventions.standard().withSplitRounding(RoundingMode.HALF_UP));
        assertThat(cumulative).extracting(RefundLine::orderDiscount)
                .containsExactly(eur("0.59"), eur("0.60"), eur("0.59"));
        assertThat(cumulative).extracting(RefundLine::shippingTax).containsExactly(eur("0.06"), eur("0.05"), eur("0.06"));
        assertThat(perUnit.stream().map(RefundLine::total).reduce(eur("0.00"), MonetaryAmount::add))
                .isEqualTo(cumulative.stream().map(RefundLine::total).reduce(eur("0.00"), MonetaryAmount::add));
    }

    @Test
    void per_unit_never_leaves_the_last_unit_more_discount_than_it_is_worth() {
        // ten units at 0.01 and a 0.04 coupon: a unit's share, 0.004, rounds to nothing, so nine
        // units would take none of it and the tenth all 0.04 of its 0.01; they take 0.03 instead
        dev.oms.spi.order.Order order = RefundCalculatorProperties.delivered(dev.oms.core.OrderDecider.builder().build()
                .place(dev.oms.core.PlaceOrder.builder(dev.oms.spi.ChannelId.of("web"),
                        dev.oms.spi.ExternalOrderId.of("p-1"), dev.oms.spi.CustomerRef.of("c"),
                        javax.money.Monetary.getCurrency("EUR")).shipTo(dev.oms.spi.Address.of("DE", "10115"))
                        .placedAt(java.time.Instant.parse("2026-11-01T09:00:00Z"))
                        .line(dev.oms.spi.order.NewLine.of("1", "PIN", 10, eur("0.01"))).discount("C", eur("0.04"))
                        .build()).orThrow().order());
        RefundConventions perUnit = RefundConventions.standard().withSplitRounding(RoundingMode.HALF_UP)
                .withSplitLevel(RefundConventions.SplitLevel.PER_UNIT);
        dev.oms.returns.internal.RefundCalculator.Result nine = refund(order, dev.oms.spi.returns.RefundAccount.empty(
                order.id()), 9, perUnit);
        RefundLine first = nine.breakdown().lines().get(0);
        assertThat(first.orderDiscount()).isEqualTo(eur("0.03"));
        assertThat(first.merchandise()).isEqualTo(eur("0.06"));
        assertThat(nine.breakdown().notes()).filteredOn(n -> n.part().equals("orderDiscount")).singleElement()
                .satisfies(n -> assertThat(n.rule()).contains("raised to 0.03"));
        RefundLine last = refund(order, nine.accountAfter(), 1, perUnit).breakdown().lines().get(0);
        assertThat(last.orderDiscount()).isEqualTo(eur("0.01"));
        assertThat(last.merchandise()).isEqualTo(eur("0.00"));
    }

    private static dev.oms.returns.internal.RefundCalculator.Result refund(dev.oms.spi.order.Order order,
            dev.oms.spi.returns.RefundAccount account, long units, RefundConventions conventions) {
        return dev.oms.returns.internal.RefundCalculator.calculate(order, List.of(
                new dev.oms.returns.internal.RefundCalculator.RefundUnits(dev.oms.spi.LineId.of("1"),
                        dev.oms.spi.Quantity.of(units), false, false)), account, ReturnPolicy.RestockingFee.none(),
                eur("0.00"), Optional.empty(), RefundMethod.ORIGINAL_PAYMENT, conventions);
    }

    @Test
    void store_credit_in_whole_euros_truncates_each_payout_and_card_refunds_are_untouched() {
        RefundConventions whole = RefundConventions.standard().withStoreCreditPayout(
                new CashRounding(BigDecimal.ONE, RoundingMode.DOWN));
        RefundBreakdown[] credit = refunds(whole, RefundMethod.STORE_CREDIT);
        assertThat(credit[0].beforeRounding()).isEqualTo(eur("118.91"));
        assertThat(credit[0].payoutRounding()).isEqualTo(Optional.of(eur("-0.91")));
        assertThat(credit[0].total()).isEqualTo(eur("118.00"));
        assertThat(credit[1].total()).isEqualTo(eur("132.00"));             // 132.58 truncated
        RefundBreakdown[] card = refunds(whole, RefundMethod.ORIGINAL_PAYMENT);
        assertThat(card[0].total()).isEqualTo(eur("118.91"));
        assertThat(card[0].payoutRounding()).isEmpty();
    }

    @Test
    void a_return_shipping_fee_with_its_own_tax_comes_off_with_the_tax_shown() {
        // the worked order's prices are net: the 3.95 fee gets 19 % on top, 0.7505 -> 0.75
        ReturnPolicy policy = ReturnPolicy.builder().returnShippingFee(eur("3.95"),
                dev.oms.spi.order.TaxRate.of("DE-VAT-19", "19")).build();
        ReturnsWorld w = new ReturnsWorld(policy);
        OrderId id = RefundTest.workedOrder(w);
        RefundBreakdown changedMind = w.returns.refund(RefundTest.inspectedReturn(w, id, ReturnReasons.CHANGED_MIND,
                1, 0).id(), RefundMethod.ORIGINAL_PAYMENT, w.key()).refund().orElseThrow();
        assertThat(changedMind.returnShippingFee()).isEqualTo(eur("4.70"));
        assertThat(changedMind.returnShippingFeeTax()).contains(eur("0.75"));
        assertThat(changedMind.total()).isEqualTo(eur("98.17"));      // 89.90 - 4.11 + 17.08 - 4.70
        assertThat(policy.returnShippingFee(w.orders.load(id))).isEqualTo(eur("4.70"));

        // on gross prices the same fee includes its tax: 3.95 x 19 / 119 = 0.6307 -> 0.63
        dev.oms.spi.order.Order gross = dev.oms.core.OrderDecider.builder().build().place(dev.oms.core.PlaceOrder
                .builder(dev.oms.spi.ChannelId.of("web"), dev.oms.spi.ExternalOrderId.of("g-1"),
                        dev.oms.spi.CustomerRef.of("c"), javax.money.Monetary.getCurrency("EUR"))
                .shipTo(dev.oms.spi.Address.of("DE", "10115")).placedAt(java.time.Instant.parse("2026-11-01T09:00:00Z"))
                .taxPolicy(dev.oms.spi.order.TaxPolicy.inclusive())
                .line(dev.oms.spi.order.NewLine.of("1", "TEE", 1, eur("19.99"))).build()).orThrow().order();
        assertThat(policy.returnShippingFee(gross)).isEqualTo(eur("3.95"));
        assertThat(policy.returnShippingFeeTax(gross)).contains(eur("0.63"));
        // a fee above what the lines give back is cut to their sum, its tax with it
        dev.oms.spi.order.Order delivered = RefundCalculatorProperties.delivered(gross);
        RefundBreakdown cut = dev.oms.returns.internal.RefundCalculator.calculate(delivered, java.util.List.of(
                new dev.oms.returns.internal.RefundCalculator.RefundUnits(dev.oms.spi.LineId.of("1"),
                        dev.oms.spi.Quantity.of(1), false, false)), dev.oms.spi.returns.RefundAccount.empty(delivered.id()),
                ReturnPolicy.RestockingFee.none(), eur("39.50"), Optional.of(eur("6.31")), RefundMethod.ORIGINAL_PAYMENT,
                RefundConventions.standard()).breakdown();
        assertThat(cut.returnShippingFee()).isEqualTo(eur("19.99"));
        assertThat(cut.returnShippingFeeTax()).contains(eur("3.19"));   // 631 x 1999 / 3950 = 319.3
        assertThat(cut.total()).isEqualTo(eur("0.00"));
    }

    @Test
    void malformed_conventions_are_refused_naming_the_field() {
        assertThatThrownBy(() -> RefundConventions.standard().withSplitRounding(RoundingMode.CEILING))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("RefundConventions.splitRounding");
        assertThatThrownBy(() -> RefundConventions.standard().withShipping(null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("RefundConventions.shipping");
        assertThatThrownBy(() -> RefundConventions.standard().withStoreCreditPayout(
                new CashRounding(BigDecimal.ONE, RoundingMode.HALF_UP))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("RefundConventions.storeCreditPayout").hasMessageContaining("truncated");
        assertThatThrownBy(() -> ReturnPolicy.builder().refundConventions(null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("refundConventions");
        assertThatThrownBy(() -> ReturnPolicy.builder().returnShippingFee(eur("3.95"), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("returnShippingFee");
        // an increment finer than the order's currency is refused when a refund is calculated
        RefundConventions tenthOfCent = RefundConventions.standard().withStoreCreditPayout(
                new CashRounding(new BigDecimal("0.001"), RoundingMode.DOWN));
        ReturnsWorld w = new ReturnsWorld(ReturnPolicy.builder().refundConventions(tenthOfCent).build());
        OrderId id = RefundTest.workedOrder(w);
        ReturnRequest inspected = RefundTest.inspectedReturn(w, id, ReturnReasons.DEFECTIVE, 1, 1);
        dev.oms.spi.order.Order before = w.orders.load(id);
        dev.oms.spi.returns.RefundAccount account = w.returnStore.refundAccount(id);
        assertThatThrownBy(() -> w.returns.refund(inspected.id(), RefundMethod.STORE_CREDIT, w.key()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("RefundConventions.storeCreditPayout")
                .hasMessageContaining("EUR");
        assertThat(w.returns.load(inspected.id())).isEqualTo(inspected);
        assertThat(w.returnStore.refundAccount(id)).isEqualTo(account);
        assertThat(w.orders.load(id)).isEqualTo(before);
    }
}
