package dev.oms.core;

import static dev.oms.core.Fixtures.ALICE;
import static dev.oms.core.Fixtures.EUR;
import static dev.oms.core.Fixtures.T0;
import static dev.oms.core.Fixtures.WEB;
import static dev.oms.core.Fixtures.eur;
import static dev.oms.core.Fixtures.key;
import static dev.oms.core.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.Address;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.Discount;
import dev.oms.spi.order.Order.ShippingCharge;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxRate;
import org.junit.jupiter.api.Test;

/**
 * Discounts on shipping: a coupon on a shipping charge comes off that charge, its tax follows it,
 * and it never takes anything off the merchandise.
 */
class ShippingDiscountTest {
    private static final TaxRate DE_19 = TaxRate.of("DE-VAT-19", "19");
    private static final TaxRate DE_7 = TaxRate.of("DE-VAT-7", "7");
    private final OrderService orders = OrderService.builder(new InMemoryOrderStore()).build();

    /** The German order of the oms-core README, but with 4.90 shipping and a shipping coupon. */
    private static PlaceOrder german(String id) {
        return PlaceOrder.builder(WEB, ExternalOrderId.of(id), ALICE, EUR).shipTo(Address.of("DE", "10115"))
                .placedAt(T0).taxPolicy(TaxPolicy.inclusive())
                .line(NewLine.of("1", "HOODIE-M", 2, eur("59.90")).taxedAt(DE_19))
                .line(NewLine.of("2", "BOOK-DE", 3, eur("14.90")).taxedAt(DE_7))
                .discount("WINTER10", eur("10.00"))
                // shipping-discount:begin
                .shipping(new ShippingCharge("standard", eur("4.90"), LineTax.rates(DE_19))
                        .withDiscount(new Discount("FREESHIP", eur("4.90"))))
                // shipping-discount:end
                .build();
    }

    @Test
    void free_shipping_by_a_coupon_costs_nothing_bears_no_tax_and_leaves_the_merchandise_alone() {
        Order placed = orders.place(german("ship-1"), key()).order();
        OrderTotals t = OrderTotals.of(placed);
        assertThat(t.shipping()).isEqualTo(eur("0.00"));
        assertThat(t.shippingDiscounts()).isEqualTo(eur("4.90"));
        assertThat(t.shippingTax()).isEqualTo(eur("0.00"));
        assertThat(t.orderDiscounts()).isEqualTo(eur("10.00"));
        // the same as the README's order with a zero charge: 119.80 + 44.70 - 10.00
        assertThat(t.grandTotal()).isEqualTo(eur("154.50"));
        assertThat(t.tax()).isEqualTo(eur("20.72"));
        assertThat(OrderInvariants.violations(placed)).isEmpty();
    }

    @Test
    void half_price_shipping_is_taxed_on_what_is_charged() {
        PlaceOrder half = PlaceOrder.builder(WEB, ExternalOrderId.of("ship-2"), ALICE, EUR)
                .shipTo(Address.of("DE", "10115")).placedAt(T0).taxPolicy(TaxPolicy.inclusive())
                .line(NewLine.of("1", "HOODIE-M", 2, eur("59.90")).taxedAt(DE_19))
                .shipping(new ShippingCharge("standard", eur("4.90"), LineTax.rates(DE_19))
                        .withDiscount(new Discount("SHIP50", eur("2.45"))))
                .build();
        Order placed = orders.place(half, key()).order();
        OrderTotals t = OrderTotals.of(placed);
        assertThat(t.shipping()).isEqualTo(eur("2.45"));
        assertThat(t.shippingDiscounts()).isEqualTo(eur("2.45"));
        // 2.45 x 19 / 119 = 0.391 -> 0.39 (on the 4.90 it would be 0.78)
        assertThat(t.shippingTax()).isEqualTo(eur("0.39"));
        assertThat(t.grandTotal()).isEqualTo(eur("122.25"));   // 119.80 + 2.45
        // cancelling every unit owes nothing, shipping and its discount included
        Order cancelled = orders.handle(placed.id(), new OrderCommand.CancelLine(LineId.of("1"), Quantity.of(2),
                CancelReason.CUSTOMER_REQUEST, ""), key()).order();
        assertThat(OrderTotals.of(cancelled).grandTotal()).isEqualTo(eur("0.00"));
        assertThat(OrderInvariants.violations(cancelled)).isEmpty();
    }

    @Test
    void on_net_prices_the_discount_comes_off_the_net_charge_before_its_tax() {
        TaxRate state = TaxRate.of("US-CA", "7.25");
        PlaceOrder us = PlaceOrder.builder(WEB, ExternalOrderId.of("ship-3"), ALICE, javax.money.Monetary
                .getCurrency("USD")).shipTo(Address.of("US", "94103")).placedAt(T0).taxPolicy(TaxPolicy.exclusive())
                .line(NewLine.of("1", "LAMP", 1, usd("80.00")).taxedAt(state))
                .shipping(new ShippingCharge("ground", usd("12.00"), LineTax.rates(state))
                        .withDiscount(new Discount("SHIP-5", usd("5.00"))))
                .build();
        OrderTotals t = OrderTotals.of(orders.place(us, key()).order());
        assertThat(t.shipping()).isEqualTo(usd("7.00"));
        assertThat(t.shippingTax()).isEqualTo(usd("0.51"));   // 7.00 x 7.25 % = 0.5075
        assertThat(t.grandTotal()).isEqualTo(usd("93.31"));   // 80.00 + 5.80 + 7.00 + 0.51
    }

    @Test
    void a_host_tax_engine_sees_the_discount_and_taxes_what_is_charged() {
        java.util.List<dev.oms.spi.order.TaxProvider.TaxRequest> asked = new java.util.ArrayList<>();
        dev.oms.spi.order.TaxProvider engine = request -> {
            asked.add(request);
            java.util.Map<LineId, java.util.List<dev.oms.spi.order.TaxLine>> lines = new java.util.LinkedHashMap<>();
            request.lines().forEach(l -> lines.put(l.id(), java.util.List.of()));
            // the engine taxes each charge at 10 % of what is charged for it
            java.util.List<java.util.List<dev.oms.spi.order.TaxLine>> shipping = request.shippingCharges().stream()
                    .map(c -> java.util.List.of(dev.oms.spi.order.TaxLine.of("SHIP", c.charged().multiply(0.1)
                            .with(javax.money.Monetary.getDefaultRounding())))).toList();
            return new dev.oms.spi.order.TaxProvider.TaxQuote(lines, shipping);
        };
        OrderService taxed = OrderService.builder(new InMemoryOrderStore()).taxes(engine).build();
        Order placed = taxed.place(PlaceOrder.builder(WEB, ExternalOrderId.of("ship-4"), ALICE, EUR)
                .shipTo(Address.of("DE", "10115")).placedAt(T0)
                .taxPolicy(TaxPolicy.supplied(TaxPolicy.PriceBasis.TAX_EXCLUSIVE))
                .line(NewLine.of("1", "BOOK", 1, eur("20.00")))
                .shipping(new ShippingCharge("standard", eur("6.00"), LineTax.none())
                        .withDiscount(new Discount("SHIP-4", eur("4.00"))))
                .build(), key()).order();
        assertThat(asked).singleElement().satisfies(r -> assertThat(r.shippingCharges().get(0).discount())
                .map(Discount::amount).contains(eur("4.00")));
        assertThat(placed.shippingCharges().get(0).discount()).as("kept with the host's tax")
                .map(Discount::code).contains("SHIP-4");
        OrderTotals t = OrderTotals.of(placed);
        assertThat(t.shipping()).isEqualTo(eur("2.00"));
        assertThat(t.shippingTax()).isEqualTo(eur("0.20"));
        assertThat(t.grandTotal()).isEqualTo(eur("22.20"));
    }

    @Test
    void the_readme_shows_the_coupon_as_written_here() {
        assertThat(dev.oms.docs.ReadmeSnippets.codeBlockAfter(dev.oms.docs.ReadmeSnippets.readme(),
                "<!-- shipping-discount (from ShippingDiscountTest) -->")).isEqualTo(dev.oms.docs.ReadmeSnippets
                        .region(java.nio.file.Path.of("src/test/java/dev/oms/core/ShippingDiscountTest.java"),
                                "shipping-discount"));
    }

    @Test
    void a_shipping_discount_above_the_charge_or_in_another_currency_is_refused_naming_it() {
        ShippingCharge charge = new ShippingCharge("standard", eur("4.90"), LineTax.rates(DE_19));
        assertThatThrownBy(() -> charge.withDiscount(new Discount("FREESHIP", eur("4.91"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ShippingCharge.discount")
                .hasMessageContaining("exceeds its amount");
        assertThatThrownBy(() -> charge.withDiscount(new Discount("FREESHIP", usd("1.00"))))
                .isInstanceOf(CurrencyMismatchException.class).hasMessageContaining("ShippingCharge.discount");
        assertThatThrownBy(() -> new ShippingCharge("standard", eur("4.90"), LineTax.rates(DE_19), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ShippingCharge.discount");
    }
}
