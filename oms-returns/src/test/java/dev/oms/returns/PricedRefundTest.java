package dev.oms.returns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.core.OrderDecider;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.returns.ReturnPolicy.RestockingFee;
import dev.oms.returns.internal.RefundCalculator;
import dev.oms.returns.internal.RefundCalculator.RefundUnits;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Pricing;
import dev.oms.spi.order.Pricing.CashRounding;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxRate;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * Refunds under an order's pricing: the Swiss order of the oms-core README (amount due rounded to
 * 5 centimes), returned in three parts, and the B2B order's four-decimal unit prices, returned in
 * two. Each figure is worked out by hand in the comments.
 */
class PricedRefundTest {
    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    private static MonetaryAmount chf(String amount) {
        return Amounts.of(amount, "CHF");
    }

    private static MonetaryAmount eur(String amount) {
        return Amounts.of(amount, "EUR");
    }

    private static Order swiss() {
        TaxRate standard = TaxRate.of("CH-VAT-8.1", "8.1");
        Order placed = OrderDecider.builder().build().place(PlaceOrder.builder(ChannelId.of("shop-ch"),
                        ExternalOrderId.of("ch-1"), CustomerRef.of("c-1"), Monetary.getCurrency("CHF"))
                .shipTo(Address.of("CH", "8001")).placedAt(T0).taxPolicy(TaxPolicy.inclusive())
                .pricing(Pricing.standard().withCashRounding(CashRounding.halfUp("0.05")))
                .line(NewLine.of("1", "KAFFEE-500G", 2, chf("14.90")).taxedAt(TaxRate.of("CH-VAT-2.6", "2.6")))
                .line(NewLine.of("2", "TASSE", 1, chf("12.99")).taxedAt(standard))
                .shipping("post", chf("7.00"), LineTax.rates(standard))
                .build()).orThrow().order();
        return RefundCalculatorProperties.delivered(placed);
    }

    private static RefundCalculator.Result refund(Order order, RefundAccount account, String line, long units,
            boolean shipping) {
        return RefundCalculator.calculate(order, List.of(new RefundUnits(LineId.of(line), Quantity.of(units), shipping,
                false)), account, RestockingFee.none(), Amounts.zero(order.currency()), RefundMethod.ORIGINAL_PAYMENT);
    }

    @Test
    void refunds_of_a_cash_rounded_order_are_rounded_cumulatively_and_add_up_to_what_was_paid() {
        Order order = swiss();
        assertThat(OrderTotals.of(order).grandTotal()).isEqualTo(chf("49.80"));   // 49.79 rounded
        // shipping 7.00 splits 2980 : 1299 by what was paid: 487.497 and 212.503 -> 4.87 and 2.13
        RefundCalculator.Result mug = refund(order, RefundAccount.empty(order.id()), "2", 1, true);
        RefundBreakdown first = mug.breakdown();
        assertThat(first.beforeRounding()).isEqualTo(chf("15.12"));           // 12.99 + 2.13
        assertThat(first.payoutRounding()).contains(chf("-0.02"));                  // 15.12 -> 15.10
        assertThat(first.total()).isEqualTo(chf("15.10"));
        assertThat(mug.accountAfter().beforeCashRounding()).contains(chf("15.12"));

        // one coffee: 14.90 + half of 4.87 rounded down, 2.43: 17.33; 32.45 so far, which is round
        RefundCalculator.Result coffee = refund(order, mug.accountAfter(), "1", 1, true);
        assertThat(coffee.breakdown().beforeRounding()).isEqualTo(chf("17.33"));
        assertThat(coffee.breakdown().total()).isEqualTo(chf("17.35"));           // 32.45 - 15.10
        // the other: 14.90 + 2.44 = 17.34; 49.79 so far -> 49.80, so 49.80 - 32.45
        RefundCalculator.Result last = refund(order, coffee.accountAfter(), "1", 1, true);
        assertThat(last.breakdown().total()).isEqualTo(chf("17.35"));
        assertThat(last.breakdown().payoutRounding()).contains(chf("0.01"));
        assertThat(first.total().add(coffee.breakdown().total()).add(last.breakdown().total()))
                .as("everything back is what the customer paid").isEqualTo(OrderTotals.of(order).grandTotal());
        assertThat(last.accountAfter().beforeCashRounding()).contains(chf("49.79"));
    }

    @Test
    void an_order_without_cash_rounding_has_none_in_its_refunds() {
        Order order = RefundCalculatorProperties.delivered(OrderDecider.builder().build().place(PlaceOrder.builder(
                        ChannelId.of("web"), ExternalOrderId.of("eu-1"), CustomerRef.of("c-1"),
                        Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "10115")).placedAt(T0)
                .line(NewLine.of("1", "TEE", 1, eur("12.99"))).build()).orThrow().order());
        RefundCalculator.Result result = refund(order, RefundAccount.empty(order.id()), "1", 1, true);
        assertThat(result.breakdown().payoutRounding()).isEmpty();
        assertThat(result.breakdown().total()).isEqualTo(eur("12.99"));
        assertThat(result.accountAfter().beforeCashRounding()).isEqualTo(Optional.empty());
    }

    @Test
    void four_decimal_unit_prices_are_refunded_from_the_rounded_line_value_in_parts_that_add_up() {
        TaxRate vat = TaxRate.of("DE-VAT-19", "19");
        Order order = RefundCalculatorProperties.delivered(OrderDecider.builder().build().place(PlaceOrder.builder(
                        ChannelId.of("b2b"), ExternalOrderId.of("b2b-1"), CustomerRef.of("c-1"),
                        Monetary.getCurrency("EUR")).shipTo(Address.of("DE", "70173")).placedAt(T0)
                .taxPolicy(TaxPolicy.exclusive()).pricing(Pricing.standard().withUnitScale(4))
                .line(NewLine.of("1", "M6-BOLT", 1250, eur("0.0437")).taxedAt(vat))
                .line(NewLine.of("3", "SEALANT", 3, eur("7.4950")).withUnitDiscount(eur("0.3748")).taxedAt(vat))
                .build()).orThrow().order());
        // the bolts' line: 54.625 -> 54.63, tax 10.38. 5463 does not split evenly over 1250 units,
        // so what the units paid is split on its own, rounded up as the discounts are rounded down
        RefundCalculator.Result some = refund(order, RefundAccount.empty(order.id()), "1", 333, false);
        assertThat(some.breakdown().lines().get(0).gross()).isEqualTo(eur("14.56"));   // 5463 x 333 / 1250 = 1455.3
        assertThat(some.breakdown().lines().get(0).tax()).isEqualTo(eur("2.76"));      // 1038 x 333 / 1250 = 276.5
        RefundCalculator.Result rest = refund(order, some.accountAfter(), "1", 917, false);
        assertThat(rest.breakdown().lines().get(0).gross()).isEqualTo(eur("40.07"));   // 54.63 - 14.56
        assertThat(rest.breakdown().lines().get(0).tax()).isEqualTo(eur("7.62"));      // 10.38 - 2.76

        // the sealant: 22.49 less 1.12 = 21.37; one of three takes 0.37 of the discount (down) and
        // 7.13 of what was paid (2137 / 3 = 712.3, up)
        RefundCalculator.Result tube = refund(order, rest.accountAfter(), "3", 1, false);
        assertThat(tube.breakdown().lines().get(0).lineDiscount()).isEqualTo(eur("0.37"));
        assertThat(tube.breakdown().lines().get(0).merchandise()).isEqualTo(eur("7.13"));
        assertThat(tube.breakdown().lines().get(0).gross()).isEqualTo(eur("7.50"));
        RefundCalculator.Result tubes = refund(order, tube.accountAfter(), "3", 2, false);
        assertThat(tube.breakdown().lines().get(0).merchandise().add(tubes.breakdown().lines().get(0).merchandise()))
                .isEqualTo(eur("21.37"));
        assertThat(some.breakdown().total().add(rest.breakdown().total()).add(tube.breakdown().total())
                .add(tubes.breakdown().total())).as("everything back is what was paid")
                .isEqualTo(OrderTotals.of(order).grandTotal());
    }
}
