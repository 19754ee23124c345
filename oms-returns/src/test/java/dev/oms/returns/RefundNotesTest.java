package dev.oms.returns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.Note;
import dev.oms.spi.returns.RefundBreakdown.RefundLine;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * Every refund explains itself: one note for each amount of each line and of the refund, with the
 * rule and its figures. The worked return of the oms-returns README, note by note;
 * {@link #requireExplained} is checked on every refund of {@code RefundCalculatorProperties} too.
 */
class RefundNotesTest {
    private static final Map<String, Function<RefundLine, MonetaryAmount>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("gross", RefundLine::gross);
        PARTS.put("lineDiscount", RefundLine::lineDiscount);
        PARTS.put("orderDiscount", RefundLine::orderDiscount);
        PARTS.put("tax", RefundLine::tax);
        PARTS.put("shipping", RefundLine::shipping);
        PARTS.put("shippingTax", RefundLine::shippingTax);
        PARTS.put("restockingFee", RefundLine::restockingFee);
        PARTS.put("goodwill", RefundLine::goodwill);
    }

    /** Each part of each line that is not zero (and every gross of units refunded) has exactly one note of its amount; nothing else has one. */
    static void requireExplained(RefundBreakdown refund) {
        int expected = 0;
        for (RefundLine line : refund.lines()) {
            for (Map.Entry<String, Function<RefundLine, MonetaryAmount>> part : PARTS.entrySet()) {
                MonetaryAmount amount = part.getValue().apply(line);
                List<Note> notes = refund.notes().stream().filter(n -> n.line().equals(Optional.of(line.lineId()))
                        && n.part().equals(part.getKey())).toList();
                boolean goodwillLine = line.units().isZero();   // a goodwill refund's line: goodwill only
                if (amount.isZero() && (!part.getKey().equals("gross") || goodwillLine)) {
                    assertThat(notes).as(part.getKey() + " of " + line.lineId()).isEmpty();
                } else {
                    assertThat(notes).as(part.getKey() + " of " + line.lineId()).singleElement()
                            .satisfies(n -> assertThat(n.amount()).isEqualTo(amount));
                    expected++;
                }
            }
        }
        if (refund.returnShippingFee().isPositive()) {
            assertThat(refund.notes()).filteredOn(n -> n.part().equals("returnShippingFee")).singleElement()
                    .satisfies(n -> assertThat(n.amount()).isEqualTo(refund.returnShippingFee()));
            expected++;
        }
        if (refund.payoutRounding().isPresent()) {
            assertThat(refund.notes()).filteredOn(n -> n.part().equals("payoutRounding")).singleElement()
                    .satisfies(n -> assertThat(n.amount()).isEqualTo(refund.payoutRounding().get()));
            expected++;
        }
        assertThat(refund.notes()).hasSize(expected);
    }

    private static String rule(RefundBreakdown refund, String line, String part) {
        return refund.notes().stream().filter(n -> n.line().equals(Optional.of(LineId.of(line)))
                && n.part().equals(part)).findFirst().orElseThrow().rule();
    }

    @Test
    void the_worked_return_explains_each_amount_with_its_figures() {
        ReturnsWorld w = new ReturnsWorld();
        OrderId id = RefundTest.workedOrder(w);
        RefundBreakdown[] both = RefundTest.workedRefunds(w, id, RefundMethod.ORIGINAL_PAYMENT);
        RefundBreakdown first = both[0];
        RefundBreakdown second = both[1];
        requireExplained(first);
        requireExplained(second);
        assertThat(rule(first, "1", "gross")).isEqualTo("unit price 89.90 x 1");
        assertThat(rule(first, "1", "orderDiscount"))
                .isEqualTo("unit 1 of 2 of the line's share of the order discounts: 8.22 x 1 / 2 = 4.11 (rounded down)");
        assertThat(rule(first, "1", "shipping"))
                .isEqualTo("unit 1 of 2 of the line's share of the shipping by value: 4.03 x 1 / 2 = 2.01 (rounded down)");
        assertThat(rule(second, "1", "shipping")).isEqualTo("unit 2 of 2 of the line's share of the shipping by value: "
                + "4.03 for all 2 units, less 4.03 x 1 / 2 = 2.01 (rounded down) for the units before");
        assertThat(rule(second, "2", "tax"))
                .isEqualTo("units 2-3 of 3 of the line's tax: 2.73 for all 3 units, less 2.73 x 1 / 3 = 0.91 (rounded down) for the units before");
        String readme = dev.oms.docs.ReadmeSnippets.readme();
        for (String shown : List.of(rule(first, "1", "gross"), rule(first, "1", "orderDiscount"),
                rule(first, "1", "shipping"), rule(second, "1", "shipping"), rule(second, "2", "tax"))) {
            assertThat(readme).as("the README shows the note").contains(shown);
        }
    }

    @Test
    void cash_rounding_a_fee_and_store_credit_are_explained_too() {
        ReturnPolicy policy = ReturnPolicy.builder().returnShippingFee(ReturnsWorld.eur("3.95"),
                dev.oms.spi.order.TaxRate.of("DE-VAT-19", "19")).restockingFee(ReturnPolicy.RestockingFee.percent("10"))
                .refundConventions(RefundConventions.standard().withStoreCreditPayout(
                        new dev.oms.spi.order.Pricing.CashRounding(java.math.BigDecimal.ONE, java.math.RoundingMode.DOWN)))
                .build();
        ReturnsWorld w = new ReturnsWorld(policy);
        OrderId id = RefundTest.workedOrder(w);
        RefundBreakdown credit = w.returns.refund(RefundTest.inspectedReturn(w, id, ReturnReasons.CHANGED_MIND, 1, 0)
                .id(), RefundMethod.STORE_CREDIT, w.key()).refund().orElseThrow();
        requireExplained(credit);
        assertThat(rule(credit, "1", "restockingFee")).startsWith("10 % of what the fee-bearing units paid");
        assertThat(credit.notes()).filteredOn(n -> n.part().equals("returnShippingFee")).singleElement()
                .satisfies(n -> assertThat(n.rule()).isEqualTo("return shipping the customer pays, 0.75 of it tax"));
        assertThat(credit.notes()).filteredOn(n -> n.part().equals("payoutRounding")).singleElement()
                .satisfies(n -> assertThat(n.rule()).isEqualTo("store credit truncated to 1"));
    }
}
