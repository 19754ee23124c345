package dev.oms.core;

import static dev.oms.core.Fixtures.ALICE;
import static dev.oms.core.Fixtures.EUR;
import static dev.oms.core.Fixtures.T0;
import static dev.oms.core.Fixtures.WEB;
import static dev.oms.core.Fixtures.eur;
import static dev.oms.core.Fixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oms.core.internal.shared.ShippedValue;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.docs.ReadmeSnippets;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.Sku;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.order.Pricing;
import dev.oms.spi.order.Pricing.CashRounding;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * Pricing: unit prices finer than the minor unit and cash rounding of the amount due. The worked
 * examples of the oms-core README, each figure worked out by hand in the comments, and the input
 * an order refuses.
 */
class PricingTest {
    private static final TaxRate DE_19 = TaxRate.of("DE-VAT-19", "19");
    private static final TaxRate CH_8_1 = TaxRate.of("CH-VAT-8.1", "8.1");
    private static final TaxRate CH_2_6 = TaxRate.of("CH-VAT-2.6", "2.6");
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderService orders = Fixtures.service(store);

    private static MonetaryAmount chf(String amount) {
        return Amounts.of(amount, "CHF");
    }

    /** A B2B price list in four decimals, net prices, 19 % VAT per line, freight taxed too. */
    static PlaceOrder b2b(String id) {
        // b2b:begin
        return PlaceOrder.builder(WEB, ExternalOrderId.of(id), ALICE, Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "70173")).placedAt(T0)
                .taxPolicy(TaxPolicy.exclusive())
                .pricing(Pricing.standard().withUnitScale(4))          // unit prices up to 4 decimals
                .line(NewLine.of("1", "M6-BOLT", 1250, Amounts.of("0.0437", "EUR")).taxedAt(DE_19))
                .line(NewLine.of("2", "BRACKET", 40, Amounts.of("10.0076", "EUR")).taxedAt(DE_19))
                .line(NewLine.of("3", "SEALANT", 3, Amounts.of("7.4950", "EUR"))
                        .withUnitDiscount(Amounts.of("0.3748", "EUR")).taxedAt(DE_19))
                .shipping("freight", Amounts.of("25.00", "EUR"), LineTax.rates(DE_19))
                .build();
        // b2b:end
    }

    @Test
    void a_b2b_order_with_four_decimal_unit_prices_rounds_each_line_to_the_cent_and_stays_exact_when_cancelled() {
        Order placed = orders.place(b2b("b2b-1"), key()).order();
        OrderTotals t = OrderTotals.of(placed);
        // 1250 x 0.0437 = 54.625 -> 54.63; 40 x 10.0076 = 400.304 -> 400.30; 3 x 7.4950 = 22.485 -> 22.49
        assertThat(t.subtotal()).isEqualTo(eur("477.42"));
        assertThat(t.lineDiscounts()).isEqualTo(eur("1.12"));                // 3 x 0.3748 = 1.1244 -> 1.12
        // 19 % per line: 10.3797 -> 10.38, 76.057 -> 76.06, 21.37 x 0.19 = 4.0603 -> 4.06; freight 4.75
        assertThat(t.lineTaxes()).containsExactly(Map.entry(LineId.of("1"), eur("10.38")),
                Map.entry(LineId.of("2"), eur("76.06")), Map.entry(LineId.of("3"), eur("4.06")));
        assertThat(t.tax()).isEqualTo(eur("95.25"));
        assertThat(t.grandTotal()).isEqualTo(eur("596.55"));                 // 477.42 - 1.12 + 25.00 + 95.25
        assertThat(t.cashRounding()).isEqualTo(eur("0.00"));
        assertThat(OrderInvariants.violations(placed)).isEmpty();

        // 250 bolts cancelled: 1000 x 0.0437 = 43.70 exactly, tax 8.303 -> 8.30
        Order after = orders.handle(placed.id(), new OrderCommand.CancelLine(LineId.of("1"), Quantity.of(250),
                CancelReason.CUSTOMER_REQUEST, ""), key()).order();
        OrderTotals less = OrderTotals.of(after);
        assertThat(less.subtotal()).isEqualTo(eur("466.49"));
        assertThat(less.lineTaxes().get(LineId.of("1"))).isEqualTo(eur("8.30"));
        assertThat(less.grandTotal()).isEqualTo(eur("583.54"));              // 466.49 - 1.12 + 25.00 + 93.17
        assertThat(OrderInvariants.violations(after)).isEmpty();
        assertThat(after.lines().get(0).unitPrice()).isEqualTo(Amounts.of("0.0437", "EUR"));
    }

    @Test
    void a_line_s_value_is_rounded_by_the_pricing_s_mode() {
        Order.OrderLine bolts = Order.OrderLine.from(NewLine.of("1", "M6-BOLT", 1250, Amounts.of("0.0437", "EUR")));
        assertThat(bolts.subtotal(Pricing.finest())).isEqualTo(eur("54.63"));                 // 54.625 half up
        assertThat(bolts.subtotal(Pricing.finest().withLineRounding(RoundingMode.HALF_EVEN))).isEqualTo(eur("54.62"));
        assertThat(bolts.subtotal(Pricing.finest().withLineRounding(RoundingMode.DOWN))).isEqualTo(eur("54.62"));
        Order.OrderLine cents = Order.OrderLine.from(NewLine.of("2", "TEE", 3, eur("9.99")));
        assertThat(cents.subtotal(Pricing.standard())).isEqualTo(eur("29.97"));               // exact, as always
    }

    /** Swiss gross prices at 2.6 % and 8.1 % VAT, the amount due rounded to 5 centimes. */
    static PlaceOrder swiss(String id) {
        // swiss:begin
        return PlaceOrder.builder(WEB, ExternalOrderId.of(id), ALICE, Monetary.getCurrency("CHF"))
                .shipTo(Address.of("CH", "8001")).placedAt(T0)
                .taxPolicy(TaxPolicy.inclusive())
                .pricing(Pricing.standard().withCashRounding(CashRounding.halfUp("0.05")))
                .line(NewLine.of("1", "KAFFEE-500G", 2, Amounts.of("14.90", "CHF")).taxedAt(CH_2_6))
                .line(NewLine.of("2", "TASSE", 1, Amounts.of("12.99", "CHF")).taxedAt(CH_8_1))
                .shipping("post", Amounts.of("7.00", "CHF"), LineTax.rates(CH_8_1))
                .build();
        // swiss:end
    }

    @Test
    void a_swiss_order_s_amount_due_is_rounded_to_five_centimes_and_its_parts_to_whole_increments() {
        Order placed = orders.place(swiss("ch-1"), key()).order();
        OrderTotals t = OrderTotals.of(placed);
        // 29.80 + 12.99 + 7.00 = 49.79, due 49.80
        assertThat(t.beforeCashRounding()).isEqualTo(chf("49.79"));
        assertThat(t.cashRounding()).isEqualTo(chf("0.01"));
        assertThat(t.grandTotal()).isEqualTo(chf("49.80"));
        // included: 29.80 x 2.6 / 102.6 = 0.755 -> 0.76; 12.99 x 8.1 / 108.1 = 0.973 -> 0.97; 7.00 -> 0.52
        assertThat(t.tax()).isEqualTo(chf("2.25"));
        assertThat(OrderInvariants.violations(placed)).isEmpty();

        // the mug ships first: the 996 steps of 0.05 split 2980 : 1299 by value, 693.6 and 302.4 ->
        // 694 and 302 (largest remainder), so the mug's part is 302 x 0.05 = 15.10
        orders.handle(placed.id(), new OrderCommand.Confirm(), key());
        orders.handle(placed.id(), new OrderCommand.Allocate(LocationId.of("zh-1"), List.of(
                LineQuantity.of("1", 2), LineQuantity.of("2", 1))), key());
        Order mug = orders.handle(placed.id(), new OrderCommand.Ship(ShipmentId.of("s-1"), List.of(
                LineQuantity.of("2", 1))), key()).order();
        assertThat(ShippedValue.of(mug)).isEqualTo(chf("15.10"));
        Order all = orders.handle(placed.id(), new OrderCommand.Ship(ShipmentId.of("s-2"), List.of(
                LineQuantity.of("1", 2))), key()).order();
        assertThat(ShippedValue.of(all)).isEqualTo(chf("49.80"));
    }

    @Test
    void a_cancellation_rounds_the_new_amount_due_again_and_swedish_kronor_round_to_whole_crowns() {
        Order placed = orders.place(swiss("ch-2"), key()).order();
        Order after = orders.handle(placed.id(), new OrderCommand.CancelLine(LineId.of("1"), Quantity.of(1),
                CancelReason.CUSTOMER_REQUEST, ""), key()).order();
        assertThat(OrderTotals.of(after).grandTotal()).isEqualTo(chf("34.90"));   // 14.90 + 12.99 + 7.00 = 34.89
        assertThat(OrderTotals.of(after).cashRounding()).isEqualTo(chf("0.01"));
        Order edited = orders.handle(placed.id(), OrderCommand.Edit.of(new OrderEdit.AddLine(
                NewLine.of("3", "FILTER", 1, chf("4.97")).taxedAt(CH_8_1))), key()).order();
        assertThat(OrderTotals.of(edited).grandTotal()).isEqualTo(chf("39.85"));  // 34.89 + 4.97 = 39.86
        assertThat(OrderTotals.of(edited).cashRounding()).isEqualTo(chf("-0.01"));

        Pricing crowns = Pricing.standard().withCashRounding(new CashRounding(BigDecimal.ONE, RoundingMode.HALF_UP));
        assertThat(crowns.cashRounded(Amounts.of("249.50", "SEK"))).isEqualTo(Amounts.of("250", "SEK"));
        assertThat(crowns.cashRounded(Amounts.of("249.49", "SEK"))).isEqualTo(Amounts.of("249", "SEK"));
        Pricing down = Pricing.standard().withCashRounding(new CashRounding(new BigDecimal("0.05"), RoundingMode.DOWN));
        assertThat(down.cashRounded(chf("49.79"))).isEqualTo(chf("49.75"));
    }

    @Test
    void the_readme_shows_the_examples_as_they_are_tested() {
        Path source = Path.of("src/test/java/dev/oms/core/PricingTest.java");
        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(), "### Example: a B2B price list in four decimals\n"))
                .isEqualTo(ReadmeSnippets.region(source, "b2b"));
        assertThat(ReadmeSnippets.codeBlockAfter(ReadmeSnippets.readme(), "### Example: a Swiss order with cash rounding\n"))
                .isEqualTo(ReadmeSnippets.region(source, "swiss"));
    }

    @Test
    void a_price_finer_than_the_pricing_allows_or_a_malformed_pricing_is_refused_and_nothing_is_stored() {
        PlaceOrder.Builder fine = PlaceOrder.builder(WEB, ExternalOrderId.of("bad-1"), ALICE, EUR)
                .shipTo(Address.of("DE", "10115")).placedAt(T0).pricing(Pricing.standard().withUnitScale(4))
                .line(NewLine.of("1", "BOLT", 10, Amounts.of("0.04375", "EUR")));
        assertThatThrownBy(fine::build).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lines[0].unitPrice").hasMessageContaining("unit scale allows (4)");
        PlaceOrder.Builder standard = PlaceOrder.builder(WEB, ExternalOrderId.of("bad-2"), ALICE, EUR)
                .shipTo(Address.of("DE", "10115")).placedAt(T0)
                .line(new NewLine(LineId.of("1"), Sku.of("BOLT"), Quantity.of(10), eur("1.00"),
                        Amounts.of("0.125", "EUR"), LineTax.none()));
        assertThatThrownBy(standard::build).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lines[0].unitDiscount").hasMessageContaining("EUR allows (2)");
        assertThatThrownBy(() -> Pricing.standard().withUnitScale(9)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Pricing.unitScale");
        assertThatThrownBy(() -> Pricing.standard().withUnitScale(-1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Pricing.unitScale");
        assertThatThrownBy(() -> Pricing.standard().withLineRounding(RoundingMode.CEILING))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Pricing.lineRounding");
        assertThatThrownBy(() -> CashRounding.halfUp("0")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("CashRounding.increment").hasMessageContaining("positive");
        assertThatThrownBy(() -> CashRounding.halfUp("-0.05")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("CashRounding.increment");
        assertThatThrownBy(() -> CashRounding.halfUp("1e999999999")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("CashRounding.increment");
        assertThatThrownBy(() -> CashRounding.halfUp("1000")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("CashRounding.increment").hasMessageContaining("at most 100");
        // an increment finer than the currency: half a centime, or a tenth of a yen
        assertThatThrownBy(() -> PlaceOrder.builder(WEB, ExternalOrderId.of("bad-3"), ALICE,
                Monetary.getCurrency("CHF")).shipTo(Address.of("CH", "8001")).placedAt(T0)
                .pricing(Pricing.standard().withCashRounding(CashRounding.halfUp("0.005")))
                .line(NewLine.of("1", "TASSE", 1, chf("12.99"))).build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("OrderHeader.pricing.cashRounding.increment").hasMessageContaining("CHF");

        // an edit adding a line finer than the order's pricing changes nothing
        Order placed = orders.place(b2b("b2b-2"), key()).order();
        assertThatThrownBy(() -> orders.handle(placed.id(), OrderCommand.Edit.of(new OrderEdit.AddLine(
                NewLine.of("4", "NUT", 100, Amounts.of("0.01234", "EUR")).taxedAt(DE_19))), key()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("AddLine.line.unitPrice");
        assertThat(store.load(placed.id())).contains(placed);
        assertThat(store.findByExternalId(WEB, ExternalOrderId.of("bad-1"))).isEmpty();
        assertThat(Optional.of(placed.header().pricing().unitScale())).contains(4);
    }
}
