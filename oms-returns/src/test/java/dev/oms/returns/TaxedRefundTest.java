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
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxRate;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.RefundLine;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import java.time.Instant;
import java.util.List;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * Refunds of an order on gross prices: the German order of the oms-core README (19 % and 7 % VAT
 * included in the prices, a 10.00 coupon, free shipping), partly returned. The tax is included
 * in what goes back, so a refund line's total does not add it again.
 */
class TaxedRefundTest {
    private static MonetaryAmount eur(String amount) {
        return Amounts.of(amount, "EUR");
    }

    private static Order german() {
        TaxRate vat = TaxRate.of("DE-VAT-19", "19");
        Order placed = OrderDecider.builder().build().place(PlaceOrder.builder(ChannelId.of("shop-de"),
                        ExternalOrderId.of("de-1"), CustomerRef.of("c-1"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115")).placedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .taxPolicy(TaxPolicy.inclusive())
                .line(NewLine.of("1", "HOODIE-M", 2, eur("59.90")).taxedAt(vat))
                .line(NewLine.of("2", "BOOK-DE", 3, eur("14.90")).taxedAt(TaxRate.of("DE-VAT-7", "7")))
                .discount("WINTER10", eur("10.00"))
                .shipping("standard", eur("0.00"), LineTax.rates(vat))
                .build()).orThrow().order();
        return RefundCalculatorProperties.delivered(placed);
    }

    private static RefundCalculator.Result refund(Order order, RefundAccount account, String line, long units) {
        return RefundCalculator.calculate(order, List.of(new RefundUnits(LineId.of(line), Quantity.of(units), true,
                false)), account, RestockingFee.none(), eur("0.00"), RefundMethod.ORIGINAL_PAYMENT);
    }

    @Test
    void one_hoodie_back_returns_its_gross_price_less_its_coupon_share_with_its_tax_inside() {
        Order order = german();
        RefundCalculator.Result first = refund(order, RefundAccount.empty(order.id()), "1", 1);
        // the hoodies' coupon share 7.28 and tax 17.97 (oms-core README), half of each rounded down
        assertThat(first.breakdown().lines()).containsExactly(new RefundLine(LineId.of("1"), Quantity.of(1),
                eur("59.90"), eur("0.00"), eur("3.64"), eur("8.98"), eur("0.00"), eur("0.00"), eur("0.00"), true));
        assertThat(first.breakdown().total()).isEqualTo(eur("56.26"));   // 59.90 - 3.64, tax included

        RefundCalculator.Result second = refund(order, first.accountAfter(), "1", 1);
        RefundLine other = second.breakdown().lines().get(0);
        assertThat(other.orderDiscount()).isEqualTo(eur("3.64"));
        assertThat(other.tax()).as("17.97 - 8.98").isEqualTo(eur("8.99"));
        assertThat(second.breakdown().total()).isEqualTo(eur("56.26"));

        RefundBreakdown books = refund(order, second.accountAfter(), "2", 3).breakdown();
        assertThat(books.lines().get(0).tax()).isEqualTo(eur("2.75"));
        assertThat(books.total()).isEqualTo(eur("41.98"));               // 44.70 - 2.72
        assertThat(first.breakdown().total().add(second.breakdown().total()).add(books.total()))
                .as("everything back is what the customer paid").isEqualTo(OrderTotals.of(order).grandTotal());
    }

    @Test
    void a_cancellation_between_two_refunds_moves_the_tax_with_the_coupon_and_nothing_more_goes_back_than_was_paid() {
        dev.oms.core.OrderDecider decider = OrderDecider.builder().build();
        TaxRate twenty = TaxRate.of("VAT-20", "20");
        Order o = decider.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("fz-1"),
                        CustomerRef.of("c-1"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115")).placedAt(Instant.parse("2026-11-01T09:00:00Z"))
                .taxPolicy(TaxPolicy.exclusive())
                .line(NewLine.of("A", "A", 3, eur("10.00")).taxedAt(twenty))
                .line(NewLine.of("B", "B", 2, eur("10.00")).taxedAt(twenty))
                .line(NewLine.of("C", "C", 2, eur("10.00")).taxedAt(twenty))
                .discount("SEVEN", eur("7.00")).build()).orThrow().order();
        assertThat(OrderTotals.of(o).grandTotal()).isEqualTo(eur("75.60"));   // 70.00 - 7.00 + 12.60
        List<dev.oms.spi.order.LineQuantity> ab = List.of(new dev.oms.spi.order.LineQuantity(LineId.of("A"),
                Quantity.of(3)), new dev.oms.spi.order.LineQuantity(LineId.of("B"), Quantity.of(2)));
        o = decider.decide(o, new dev.oms.core.OrderCommand.Confirm()).orThrow().order();
        o = decider.decide(o, new dev.oms.core.OrderCommand.Allocate(dev.oms.spi.LocationId.of("wh"), ab)).orThrow()
                .order();
        o = decider.decide(o, new dev.oms.core.OrderCommand.Ship(dev.oms.spi.ShipmentId.of("s"), ab)).orThrow().order();
        o = decider.decide(o, new dev.oms.core.OrderCommand.Deliver(dev.oms.spi.ShipmentId.of("s"), ab)).orThrow()
                .order();

        RefundCalculator.Result a = refund(o, RefundAccount.empty(o.id()), "A", 3);
        assertThat(a.breakdown().total()).as("30.00 - 3.00 + 5.40").isEqualTo(eur("32.40"));
        o = decider.decide(o, new dev.oms.core.OrderCommand.CancelLine(LineId.of("C"), Quantity.of(2),
                dev.oms.spi.order.CancelReason.CUSTOMER_REQUEST, "")).orThrow().order();
        assertThat(OrderTotals.of(o).grandTotal()).as("what is paid after the cancellation").isEqualTo(eur("51.60"));

        RefundBreakdown b = refund(o, a.accountAfter(), "B", 2).breakdown();
        // B takes the coupon A's frozen share leaves (4.00) and the tax A's leaves: 8.60 - 5.40 = 3.20
        assertThat(b.lines().get(0).orderDiscount()).isEqualTo(eur("4.00"));
        assertThat(b.lines().get(0).tax()).isEqualTo(eur("3.20"));
        assertThat(a.breakdown().total().add(b.total())).as("everything back is what was paid")
                .isEqualTo(OrderTotals.of(o).grandTotal());
    }
}
