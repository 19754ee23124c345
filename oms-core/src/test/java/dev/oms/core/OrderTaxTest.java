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
import dev.oms.docs.ReadmeSnippets;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.order.TaxLine;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxPolicy.RoundingLevel;
import dev.oms.spi.order.TaxProvider;
import dev.oms.spi.order.TaxProvider.TaxQuote;
import dev.oms.spi.order.TaxProvider.TaxRequest;
import dev.oms.spi.order.TaxRate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/**
 * Tax in the order: the worked examples of the oms-core README, each figure worked out by hand
 * in the comments, and the input an order refuses.
 */
class OrderTaxTest {
    private static final TaxRate DE_19 = TaxRate.of("DE-VAT-19", "19");
    private static final TaxRate DE_7 = TaxRate.of("DE-VAT-7", "7");
    private static final LineId HOODIE = LineId.of("1");
    private static final LineId BOOK = LineId.of("2");
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderService orders = Fixtures.service(store);

    private static PlaceOrder.Builder order(String id, TaxPolicy policy) {
        return PlaceOrder.builder(WEB, ExternalOrderId.of(id), ALICE, EUR).shipTo(Address.of("DE", "10115"))
                .placedAt(T0).taxPolicy(policy);
    }

    /** Gross prices at 19 % and 7 %, a 10.00 coupon shared out before tax, free shipping. */
    private static PlaceOrder german(String id) {
        return order(id, TaxPolicy.inclusive())
                .line(NewLine.of("1", "HOODIE-M", 2, eur("59.90")).taxedAt(DE_19))
                .line(NewLine.of("2", "BOOK-DE", 3, eur("14.90")).taxedAt(DE_7))
                .discount("WINTER10", eur("10.00"))
                .shipping("standard", eur("0.00"), LineTax.rates(DE_19))
                .build();
    }

    @Test
    void a_german_order_on_gross_prices_takes_the_tax_out_of_them_after_the_coupon() {
        // readme-example:begin
        OrderService orders = OrderService.builder(new InMemoryOrderStore()).build();
        TaxRate vat = TaxRate.of("DE-VAT-19", "19");
        TaxRate reduced = TaxRate.of("DE-VAT-7", "7");
        PlaceOrder place = PlaceOrder.builder(ChannelId.of("shop-de"), ExternalOrderId.of("de-1"),
                        CustomerRef.of("c-1"), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115")).placedAt(Instant.parse("2026-11-01T09:30:00Z"))
                .taxPolicy(TaxPolicy.inclusive())                        // gross prices, tax per line, half up
                .line(NewLine.of("1", "HOODIE-M", 2, Amounts.of("59.90", "EUR")).taxedAt(vat))
                .line(NewLine.of("2", "BOOK-DE", 3, Amounts.of("14.90", "EUR")).taxedAt(reduced))
                .discount("WINTER10", Amounts.of("10.00", "EUR"))       // shared out before tax
                .shipping("standard", Amounts.of("0.00", "EUR"), LineTax.rates(vat))
                .build();
        Order placed = orders.place(place, CommandKey.of("place-de-1")).order();
        OrderTotals t = OrderTotals.of(placed);
        // t.grandTotal() 154.50, t.tax() 20.72: t.taxes() DE-VAT-19 17.97, DE-VAT-7 2.75
        // readme-example:end
        // coupon by value: 10.00 x 119.80 / 164.50 = 7.2826 -> 7.28, 10.00 x 44.70 / 164.50 = 2.7173 -> 2.72
        assertThat(OrderTotals.orderDiscountShares(placed)).containsExactly(Map.entry(HOODIE, eur("7.28")),
                Map.entry(BOOK, eur("2.72")));
        // hoodies: (119.80 - 7.28) x 19 / 119 = 17.9654 -> 17.97; books: (44.70 - 2.72) x 7 / 107 = 2.7464 -> 2.75
        assertThat(t.lineTaxes()).containsExactly(Map.entry(HOODIE, eur("17.97")), Map.entry(BOOK, eur("2.75")));
        assertThat(t.taxes()).containsExactly(TaxLine.of(DE_19, eur("17.97")), TaxLine.of(DE_7, eur("2.75")));
        assertThat(t.tax()).isEqualTo(eur("20.72"));
        assertThat(t.shippingTax()).isEqualTo(eur("0.00"));
        // the customer pays what was shown: 119.80 + 44.70 - 10.00, tax included
        assertThat(t.grandTotal()).isEqualTo(eur("154.50"));
        assertThat(t.basis()).isEqualTo(TaxPolicy.PriceBasis.TAX_INCLUSIVE);
        assertThat(OrderInvariants.violations(placed)).isEmpty();
    }

    @Test
    void the_readme_shows_the_german_example() {
        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(), "### Example: a German order\n"))
                .isEqualTo(ReadmeSnippets.region(Path.of("src/test/java/dev/oms/core/OrderTaxTest.java"),
                        "readme-example"));
    }

    @Test
    void cancelling_a_book_of_the_german_order_takes_its_price_off_and_shares_the_coupon_and_tax_afresh() {
        Order placed = orders.place(german("de-2"), key()).order();
        Order after = orders.handle(placed.id(), new OrderCommand.CancelLine(BOOK, Quantity.of(1),
                CancelReason.CUSTOMER_REQUEST, ""), key()).order();
        OrderTotals t = OrderTotals.of(after);
        // coupon: 10.00 x 119.80 / 149.60 = 8.008 -> 8.01, 10.00 x 29.80 / 149.60 = 1.992 -> 1.99
        // hoodies: 111.79 x 19 / 119 = 17.849 -> 17.85; books: 27.81 x 7 / 107 = 1.819 -> 1.82
        assertThat(t.lineTaxes()).containsExactly(Map.entry(HOODIE, eur("17.85")), Map.entry(BOOK, eur("1.82")));
        assertThat(t.grandTotal()).isEqualTo(eur("139.60"));
        assertThat(OrderTotals.of(placed).grandTotal().subtract(t.grandTotal())).as("the book's price")
                .isEqualTo(eur("14.90"));
        assertThat(OrderInvariants.violations(after)).isEmpty();
    }

    @Test
    void a_us_order_on_net_prices_adds_state_and_city_sales_tax_to_each_line_and_to_shipping() {
        TaxRate state = TaxRate.of("US-TX-STATE", "6.25");
        TaxRate city = TaxRate.of("US-TX-AUSTIN", "2");
        PlaceOrder place = PlaceOrder.builder(WEB, ExternalOrderId.of("us-1"), ALICE, Monetary.getCurrency("USD"))
                .shipTo(Address.of("US", "78701")).placedAt(T0).taxPolicy(TaxPolicy.exclusive())
                .line(NewLine.of("1", "TEE", 3, usd("19.99")).taxedAt(state, city))
                .line(NewLine.of("2", "BOOTS", 1, usd("149.00")).taxedAt(state, city))
                .shipping("ground", usd("9.95"), LineTax.rates(state, city))
                .build();
        OrderTotals t = OrderTotals.of(orders.place(place, key()).order());
        // tees 59.97: 3.748 -> 3.75 and 1.199 -> 1.20; boots 149.00: 9.3125 -> 9.31 and 2.98;
        // shipping 9.95: 0.6219 -> 0.62 and 0.199 -> 0.20
        assertThat(t.lineTaxes()).containsExactly(Map.entry(LineId.of("1"), usd("4.95")),
                Map.entry(LineId.of("2"), usd("12.29")));
        assertThat(t.shippingTax()).isEqualTo(usd("0.82"));
        assertThat(t.taxes()).containsExactly(TaxLine.of(state, usd("13.68")), TaxLine.of(city, usd("4.38")));
        assertThat(t.grandTotal()).isEqualTo(usd("236.98")); // 59.97 + 149.00 + 9.95 + 18.06
    }

    @Test
    void a_californian_order_adds_state_and_county_sales_tax_to_each_line_and_none_to_shipping() {
        TaxRate state = TaxRate.of("US-CA-STATE", "7.25");
        TaxRate county = TaxRate.of("US-CA-LOS-ANGELES", "2.25");
        PlaceOrder place = PlaceOrder.builder(WEB, ExternalOrderId.of("us-2"), ALICE, Monetary.getCurrency("USD"))
                .shipTo(Address.of("US", "90012")).placedAt(T0).taxPolicy(TaxPolicy.exclusive())
                .line(NewLine.of("1", "TEE", 2, usd("24.99")).taxedAt(state, county))
                .line(NewLine.of("2", "JACKET", 1, usd("89.00")).taxedAt(state, county))
                .shipping("ground", usd("7.50"), LineTax.none()) // shipping stated apart is not taxed in California
                .build();
        Order placed = orders.place(place, key()).order();
        OrderTotals t = OrderTotals.of(placed);
        // tees 49.98: 3.62355 -> 3.62 and 1.12455 -> 1.12; jacket 89.00: 6.4525 -> 6.45 and 2.0025 -> 2.00
        assertThat(t.lineTaxes()).containsExactly(Map.entry(LineId.of("1"), usd("4.74")),
                Map.entry(LineId.of("2"), usd("8.45")));
        assertThat(t.shippingTax()).isEqualTo(usd("0.00"));
        assertThat(t.taxes()).containsExactly(TaxLine.of(state, usd("10.07")), TaxLine.of(county, usd("3.12")));
        assertThat(t.grandTotal()).isEqualTo(usd("159.67")); // 49.98 + 89.00 + 7.50 + 13.19
        Order oneTee = orders.handle(placed.id(), new OrderCommand.CancelLine(LineId.of("1"), Quantity.of(1),
                CancelReason.OUT_OF_STOCK, ""), key()).order();
        // one tee 24.99: 1.811775 -> 1.81 and 0.562275 -> 0.56
        assertThat(OrderTotals.of(oneTee).taxes()).containsExactly(TaxLine.of(state, usd("8.26")),
                TaxLine.of(county, usd("2.56")));
        assertThat(OrderTotals.of(oneTee).grandTotal()).isEqualTo(usd("132.31")); // 24.99 + 89.00 + 7.50 + 10.82
        assertThat(OrderInvariants.violations(oneTee)).isEmpty();
    }

    @Test
    void a_tax_the_host_supplies_for_a_whole_line_is_shared_out_to_the_units_left_and_adds_up() {
        // 10 units at 12.25 with a tax of 2.45 over all of them: 0.245 a unit, which no per-unit amount can say
        PlaceOrder place = order("b2b-1", TaxPolicy.supplied(TaxPolicy.PriceBasis.TAX_EXCLUSIVE))
                .line(NewLine.of("1", "BOLT", 10, eur("12.25")).withTax(LineTax.supplied(10,
                        TaxLine.of(TaxRate.of("US-TX", "2"), eur("2.45")))))
                .build();
        Order placed = orders.place(place, key()).order();
        assertThat(OrderTotals.of(placed).tax()).isEqualTo(eur("2.45"));
        Order seven = orders.handle(placed.id(), new OrderCommand.CancelLine(LineId.of("1"), Quantity.of(3),
                CancelReason.CUSTOMER_REQUEST, ""), key()).order();
        assertThat(OrderTotals.of(seven).tax()).as("2.45 x 7 / 10 = 1.715, half up").isEqualTo(eur("1.72"));
        assertThat(OrderTotals.of(seven).grandTotal()).isEqualTo(eur("87.47"));
        assertThat(OrderTotals.of(seven).taxes()).containsExactly(TaxLine.of(TaxRate.of("US-TX", "2"),
                eur("1.72")));
    }

    private static javax.money.MonetaryAmount jpy(String amount) {
        return Amounts.of(amount, "JPY");
    }

    private static javax.money.MonetaryAmount kwd(String amount) {
        return Amounts.of(amount, "KWD");
    }

    @Test
    void a_japanese_order_on_gross_prices_rounds_consumption_tax_down_once_per_rate_in_whole_yen() {
        TaxRate standard = TaxRate.of("JP-CT-10", "10");
        TaxRate food = TaxRate.of("JP-CT-8", "8");
        PlaceOrder place = PlaceOrder.builder(WEB, ExternalOrderId.of("jp-1"), ALICE, Monetary.getCurrency("JPY"))
                .shipTo(Address.of("JP", "100-0001")).placedAt(T0)
                .taxPolicy(TaxPolicy.inclusive().roundedPer(RoundingLevel.PER_ORDER).rounded(java.math.RoundingMode.DOWN))
                .line(NewLine.of("1", "TOWEL", 2, jpy("1980")).taxedAt(standard))
                .line(NewLine.of("2", "TEA", 3, jpy("298")).taxedAt(food))
                .discount("WELCOME", jpy("500"))
                .shipping("yamato", jpy("550"), LineTax.rates(standard))
                .build();
        OrderTotals t = OrderTotals.of(orders.place(place, key()).order());
        // coupon by value: 500 x 3960 / 4854 = 407.9 -> 408, 500 x 894 / 4854 = 92.1 -> 92
        // 10 %: (3552 + 550) x 10 / 110 = 372.9 -> 372 (down, once); 8 %: 802 x 8 / 108 = 59.4 -> 59
        assertThat(t.taxes()).containsExactly(TaxLine.of(standard, jpy("372")), TaxLine.of(food, jpy("59")));
        assertThat(t.lineTaxes()).containsExactly(Map.entry(LineId.of("1"), jpy("322")),
                Map.entry(LineId.of("2"), jpy("59")));
        assertThat(t.shippingTax()).isEqualTo(jpy("50"));
        assertThat(t.grandTotal()).isEqualTo(jpy("4904"));   // 3960 + 894 - 500 + 550, tax included
        // without a unit scale in its pricing, a JPY order takes whole yen
        assertThatThrownBy(() -> PlaceOrder.builder(WEB, ExternalOrderId.of("jp-2"), ALICE, Monetary.getCurrency("JPY"))
                .shipTo(Address.of("JP", "100-0001")).placedAt(T0).line(NewLine.of("3", "PEN", 1, jpy("99.5"))).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lines[0].unitPrice")
                .hasMessageContaining("fraction digits");
    }

    @Test
    void a_kuwaiti_order_in_fils_shares_its_coupon_exactly_and_a_cancellation_keeps_it_whole() {
        // "whole": the coupon stays 1.500 after the cancellation; the grand total below shows it
        PlaceOrder place = PlaceOrder.builder(WEB, ExternalOrderId.of("kw-1"), ALICE, Monetary.getCurrency("KWD"))
                .shipTo(Address.of("KW", "13001")).placedAt(T0)
                .line(NewLine.of("1", "ABAYA", 3, kwd("12.375"))).line(NewLine.of("2", "SCARF", 1, kwd("4.250")))
                .discount("EID", kwd("1.500")).shipping("aramex", kwd("2.000"), LineTax.none())
                .build();
        Order placed = orders.place(place, key()).order();
        // 1.500 x 37.125 / 41.375 = 1.34592 -> 1.346 (largest remainder), 1.500 x 4.250 / 41.375 -> 0.154
        assertThat(OrderTotals.orderDiscountShares(placed)).containsExactly(Map.entry(LineId.of("1"), kwd("1.346")),
                Map.entry(LineId.of("2"), kwd("0.154")));
        assertThat(OrderTotals.of(placed).grandTotal()).isEqualTo(kwd("41.875"));   // no VAT in Kuwait
        Order after = orders.handle(placed.id(), new OrderCommand.CancelLine(LineId.of("1"), Quantity.of(1),
                CancelReason.CUSTOMER_REQUEST, ""), key()).order();
        assertThat(OrderTotals.of(after).orderDiscounts()).isEqualTo(kwd("1.500"));
        assertThat(OrderTotals.of(after).grandTotal()).isEqualTo(kwd("29.500"));   // 24.750 + 4.250 - 1.500 + 2.000
        assertThatThrownBy(() -> orders.handle(placed.id(), OrderCommand.Edit.of(
                new OrderEdit.AddLine(NewLine.of("3", "RING", 1, kwd("12.3755")))), key()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("AddLine.line.unitPrice")
                .hasMessageContaining("fraction digits");
    }

    @Test
    void rounding_per_order_rounds_each_rate_once_and_the_lines_share_it() {
        // three lines of 0.05 at 10 %: 0.005 each; per line each rounds half up to 0.01 (0.03), per order 0.015 -> 0.02
        PlaceOrder.Builder b = order("po-1", TaxPolicy.exclusive().roundedPer(RoundingLevel.PER_ORDER));
        TaxRate ten = TaxRate.of("T10", "10");
        for (int i = 1; i <= 3; i++) {
            b.line(NewLine.of(String.valueOf(i), "PIN-" + i, 1, eur("0.05")).taxedAt(ten));
        }
        OrderTotals t = OrderTotals.of(orders.place(b.build(), key()).order());
        assertThat(t.tax()).isEqualTo(eur("0.02"));
        assertThat(t.lineTaxes().values()).containsExactly(eur("0.01"), eur("0.01"), eur("0.00"));
    }

    @Test
    void rates_on_an_order_whose_host_supplies_tax_are_refused_naming_the_line_and_nothing_is_stored() {
        PlaceOrder.Builder b = order("bad-1", TaxPolicy.supplied(TaxPolicy.PriceBasis.TAX_INCLUSIVE))
                .line(NewLine.of("1", "TEE", 1, eur("9.99")).taxedAt(DE_19));
        assertThatThrownBy(b::build).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lines[0].tax").hasMessageContaining("DE-VAT-19")
                .hasMessageContaining("host supplies");
        assertThat(store.findByExternalId(WEB, ExternalOrderId.of("bad-1"))).isEmpty();
    }

    @Test
    void supplied_amounts_on_an_order_whose_tax_oms_computes_are_refused() {
        PlaceOrder.Builder b = order("bad-2", TaxPolicy.exclusive())
                .line(NewLine.of("1", "TEE", 1, eur("9.99")).withTax(LineTax.perUnit(eur("1.90"))));
        assertThatThrownBy(b::build).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lines[0].tax").hasMessageContaining("RATES");
        PlaceOrder.Builder shipping = order("bad-3", TaxPolicy.exclusive())
                .line(NewLine.of("1", "TEE", 1, eur("9.99")).taxedAt(DE_19)).shipping("std", eur("4.90"), eur("0.93"));
        assertThatThrownBy(shipping::build).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("shippingCharges[0].tax");
    }

    @Test
    void one_tax_code_with_two_rates_in_one_order_is_refused_and_nothing_is_stored() {
        PlaceOrder place = order("bad-4", TaxPolicy.exclusive())
                .line(NewLine.of("1", "TEE", 1, eur("9.99")).taxedAt(DE_19))
                .line(NewLine.of("2", "MUG", 1, eur("9.99")).taxedAt(TaxRate.of("DE-VAT-19", "16")))
                .build();
        assertThatThrownBy(() -> orders.place(place, key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DE-VAT-19").hasMessageContaining("two rates");
        assertThat(store.findByExternalId(WEB, ExternalOrderId.of("bad-4"))).isEmpty();
    }

    @Test
    void malformed_tax_is_refused_where_it_is_made() {
        assertThatThrownBy(() -> TaxRate.of("NEG", "-1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("TaxRate.percent");
        assertThatThrownBy(() -> TaxRate.of("ABSURD", "250")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("from 0 to 100");
        assertThatThrownBy(() -> LineTax.rates(DE_19, TaxRate.of("DE-VAT-19", "7")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> LineTax.supplied(0, TaxLine.of("TAX", eur("1.00"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("LineTax.units");
        assertThatThrownBy(() -> LineTax.supplied(1, TaxLine.of("A", eur("1.00")), TaxLine.of("B", usd("1.00"))))
                .isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> NewLine.of("1", "TEE", 1, eur("9.99")).withTax(LineTax.perUnit(usd("1.00"))))
                .isInstanceOf(CurrencyMismatchException.class).hasMessageContaining("NewLine.tax");
        assertThatThrownBy(() -> LineTax.perUnit(eur("-0.01"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("TaxLine.amount");
        assertThatThrownBy(() -> LineTax.rates(DE_19, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("LineTax.rates");
        assertThatThrownBy(() -> new dev.oms.spi.order.Order.ShippingCharge("std", eur("4.90"),
                LineTax.supplied(3, TaxLine.of("TAX", eur("0.93"))))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("one unit");
    }

    @Test
    void an_empty_supplied_tax_on_an_order_taxed_by_rates_is_no_tax_and_an_absurd_supplied_tax_is_refused() {
        Order placed = orders.place(order("odd-1", TaxPolicy.exclusive())
                .line(NewLine.of("1", "TEE", 1, eur("10.00")).withTax(LineTax.supplied(1)))
                .line(NewLine.of("2", "MUG", 1, eur("10.00")).taxedAt(DE_19)).build(), key()).order();
        assertThat(OrderTotals.of(placed).tax()).isEqualTo(eur("1.90"));
        PlaceOrder absurd = order("odd-2", TaxPolicy.supplied(TaxPolicy.PriceBasis.TAX_EXCLUSIVE))
                .line(new NewLine(LineId.of("1"), Sku.of("PIN"), Quantity.of(Quantity.MAX), eur("0.00"), eur("0.00"),
                        LineTax.perUnit(eur("999999999999.99")))).build();
        assertThatThrownBy(() -> orders.place(absurd, key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("overflows");
        assertThat(store.findByExternalId(WEB, ExternalOrderId.of("odd-2"))).isEmpty();
    }

    @Test
    void an_edit_that_adds_a_line_taxed_the_wrong_way_is_refused_and_the_order_stays_as_it_was() {
        Order placed = orders.place(german("de-3"), key()).order();
        int events = orders.history(placed.id()).size();
        OrderCommand.Edit edit = OrderCommand.Edit.of(new OrderEdit.AddLine(new NewLine(LineId.of("3"),
                Sku.of("CAP"), Quantity.of(1), eur("15.00"), eur("0.00"), LineTax.perUnit(eur("2.39")))));
        assertThatThrownBy(() -> orders.handle(placed.id(), edit, key())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AddLine.line.tax");
        assertThat(orders.load(placed.id())).isEqualTo(placed);
        assertThat(orders.history(placed.id())).hasSize(events);
    }

    @Test
    void an_added_line_under_the_order_s_rates_joins_its_tax() {
        Order placed = orders.place(german("de-4"), key()).order();
        Order edited = orders.handle(placed.id(), OrderCommand.Edit.of(new OrderEdit.AddLine(
                NewLine.of("3", "CAP", 1, eur("15.00")).taxedAt(DE_19))), key()).order();
        OrderTotals t = OrderTotals.of(edited);
        assertThat(t.grandTotal()).isEqualTo(eur("169.50"));
        assertThat(t.lineTaxes()).containsKey(LineId.of("3"));
        assertThat(OrderInvariants.violations(edited)).isEmpty();
        assertThat(List.copyOf(t.lineTaxes().values()).stream().reduce(t.shippingTax(), (a, b2) -> a.add(b2)))
                .isEqualTo(t.tax());
    }

    /** A tax engine that taxes every line at 8.25 % of its net value and shipping at 0.50, counting its calls. */
    private static final class Engine implements TaxProvider {
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public TaxQuote quote(TaxRequest request) {
            calls.incrementAndGet();
            Map<LineId, List<TaxLine>> lines = new java.util.LinkedHashMap<>();
            for (NewLine l : request.lines()) {
                java.math.BigDecimal net = l.unitPrice().subtract(l.unitDiscount()).multiply(l.quantity().value())
                        .getNumber().numberValue(java.math.BigDecimal.class);
                lines.put(l.id(), List.of(TaxLine.of(TaxRate.of("US-TX", "8.25"), eur(net.multiply(
                        new java.math.BigDecimal("0.0825")).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()))));
            }
            List<List<TaxLine>> shipping = request.shippingCharges().stream()
                    .map(c -> List.of(TaxLine.of("US-TX-SHIP", eur("0.50")))).toList();
            return new TaxQuote(lines, shipping);
        }
    }

    private static PlaceOrder untaxed(String id) {
        return order(id, TaxPolicy.supplied(TaxPolicy.PriceBasis.TAX_EXCLUSIVE))
                .line("1", "BOLT", 10, eur("12.25")).line("2", "NUT", 3, eur("0.99"))
                .shipping("ground", eur("9.95"), LineTax.none()).build();
    }

    @Test
    void the_host_s_tax_engine_taxes_a_placement_that_carries_none_once_and_a_repeat_is_the_same_order() {
        Engine engine = new Engine();
        OrderService taxed = OrderService.builder(store).decider(Fixtures.decider()).taxes(engine).build();
        Order placed = taxed.place(untaxed("tp-1"), key()).order();
        OrderTotals t = OrderTotals.of(placed);
        // 122.50 x 8.25 % = 10.10625 -> 10.11; 2.97 x 8.25 % = 0.245 -> 0.25; shipping 0.50
        assertThat(t.lineTaxes()).containsExactly(Map.entry(LineId.of("1"), eur("10.11")),
                Map.entry(LineId.of("2"), eur("0.25")));
        assertThat(t.shippingTax()).isEqualTo(eur("0.50"));
        assertThat(t.grandTotal()).isEqualTo(eur("146.28"));   // 122.50 + 2.97 + 9.95 + 10.86
        assertThat(placed.requireLine(LineId.of("1")).tax()).isEqualTo(LineTax.supplied(10,
                TaxLine.of(TaxRate.of("US-TX", "8.25"), eur("10.11"))));
        assertThat(engine.calls).hasValue(1);

        assertThat(taxed.place(untaxed("tp-1")).order()).as("a repeat without a key").isEqualTo(placed);
        assertThat(taxed.place(untaxed("tp-1"), key()).order()).as("a repeat under another key").isEqualTo(placed);
        assertThat(engine.calls).as("a repeat is not taxed again").hasValue(1);
        Order rated = taxed.place(german("tp-2"), key()).order();
        assertThat(engine.calls).as("an order whose tax oms computes is not sent").hasValue(1);
        assertThat(OrderTotals.of(rated).tax()).isEqualTo(eur("20.72"));
    }

    @Test
    void a_quote_that_leaves_a_line_out_names_something_else_or_is_in_another_currency_is_refused_and_nothing_stored() {
        TaxProvider missing = request -> new TaxQuote(Map.of(LineId.of("1"), List.of()), List.of(List.of()));
        TaxProvider stranger = request -> new TaxQuote(Map.of(LineId.of("1"), List.of(), LineId.of("2"), List.of(),
                LineId.of("9"), List.of()), List.of(List.of()));
        TaxProvider noShipping = request -> new TaxQuote(Map.of(LineId.of("1"), List.of(), LineId.of("2"), List.of()),
                List.of());
        TaxProvider dollars = request -> new TaxQuote(Map.of(LineId.of("1"), List.of(TaxLine.of("TAX", usd("1.00"))),
                LineId.of("2"), List.of()), List.of(List.of()));
        TaxProvider down = request -> {
            throw new IllegalStateException("tax engine unreachable");
        };
        Map<TaxProvider, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put(missing, "no tax for line 2");
        refusals.put(stranger, "names line 9");
        refusals.put(noShipping, "answers 0 shipping charges");
        refusals.put(dollars, "TaxQuote.lines[1].taxes[0]");
        refusals.put(down, "unreachable");
        int n = 0;
        for (Map.Entry<TaxProvider, String> r : refusals.entrySet()) {
            OrderService taxed = OrderService.builder(store).decider(Fixtures.decider()).taxes(r.getKey()).build();
            String id = "tq-" + (++n);
            assertThatThrownBy(() -> taxed.place(untaxed(id), key())).hasMessageContaining(r.getValue());
            assertThat(store.findByExternalId(WEB, ExternalOrderId.of(id))).isEmpty();
        }
        assertThatThrownBy(() -> OrderService.builder(store).decider(Fixtures.decider()).taxes(missing).build()
                .place(untaxed("tq-9"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> OrderService.builder(store).decider(Fixtures.decider()).taxes(dollars).build()
                .place(untaxed("tq-10"))).isInstanceOf(CurrencyMismatchException.class);
    }
}
