package dev.oms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import dev.oms.core.TaxCalculation.Item;
import dev.oms.core.TaxCalculation.TaxedItem;
import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.TaxLine;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxPolicy.RoundingLevel;
import dev.oms.spi.order.TaxRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of {@link TaxCalculation} (the ones its Javadoc gives among them), each checked
 * to the cent, and every class of bad input refused with its field named.
 */
class TaxCalculationTest {
    private static final TaxRate VAT_19 = TaxRate.of("DE-VAT-19", "19");
    private static final TaxRate TWO = TaxRate.of("TWO", "2");

    private static MonetaryAmount eur(String amount) {
        return Amounts.of(amount, "EUR");
    }

    private static TaxCalculation one(TaxPolicy policy, Item item) {
        return TaxCalculation.of(policy, List.of(item), Amounts.zero(item.unitPrice().getCurrency()));
    }

    @Test
    void a_rate_finer_than_a_minor_unit_per_unit_is_kept_exactly_per_line_and_rounded_per_unit() {
        // 24.5 cents of tax on each of 10 units: 2.45 on the line, not 2.50 or 2.40
        Item tenAt1225 = Item.of("1", eur("12.25"), 10, TWO);
        TaxCalculation perLine = one(TaxPolicy.exclusive(), tenAt1225);
        assertThat(perLine.tax()).isEqualTo(eur("2.45"));
        assertThat(perLine.net()).isEqualTo(eur("122.50"));
        assertThat(perLine.gross()).isEqualTo(eur("124.95"));
        assertThat(one(TaxPolicy.exclusive().roundedPer(RoundingLevel.PER_UNIT), tenAt1225).tax()).isEqualTo(eur("2.50"));
        assertThat(one(TaxPolicy.exclusive().roundedPer(RoundingLevel.PER_UNIT).rounded(RoundingMode.HALF_EVEN),
                tenAt1225).tax()).as("0.245 to even: 0.24").isEqualTo(eur("2.40"));
        assertThat(one(TaxPolicy.exclusive().roundedPer(RoundingLevel.PER_UNIT).rounded(RoundingMode.DOWN),
                tenAt1225).tax()).isEqualTo(eur("2.40"));
    }

    @Test
    void a_gross_price_keeps_its_gross_and_the_tax_is_taken_out_of_it() {
        Item threeAt999 = Item.of("1", eur("9.99"), 3, VAT_19);
        TaxCalculation perLine = one(TaxPolicy.inclusive(), threeAt999);
        assertThat(perLine.gross()).isEqualTo(eur("29.97"));
        assertThat(perLine.tax()).as("29.97 x 19 / 119 = 4.785...").isEqualTo(eur("4.79"));
        assertThat(perLine.net()).isEqualTo(eur("25.18"));
        TaxCalculation perUnit = one(TaxPolicy.inclusive().roundedPer(RoundingLevel.PER_UNIT), threeAt999);
        assertThat(perUnit.gross()).isEqualTo(eur("29.97"));
        assertThat(perUnit.tax()).as("9.99 x 19 / 119 = 1.595... -> 1.60, three times").isEqualTo(eur("4.80"));
        assertThat(perUnit.net()).isEqualTo(eur("25.17"));
    }

    @Test
    void per_order_rounding_rounds_each_rate_once_and_the_lines_share_it() {
        // three lines of 0.10 net at 5 %: 0.005 each; per line half-up 0.01 each (0.03), per order
        // 0.015 rounds once to 0.02, shared to the first two lines (equal remainders, earlier first)
        TaxRate five = TaxRate.of("FIVE", "5");
        List<Item> items = List.of(Item.of("a", eur("0.10"), 1, five), Item.of("b", eur("0.10"), 1, five),
                Item.of("c", eur("0.10"), 1, five));
        assertThat(TaxCalculation.of(TaxPolicy.exclusive(), items, eur("0")).tax()).isEqualTo(eur("0.03"));
        TaxCalculation perOrder = TaxCalculation.of(TaxPolicy.exclusive().roundedPer(RoundingLevel.PER_ORDER), items,
                eur("0"));
        assertThat(perOrder.tax()).isEqualTo(eur("0.02"));
        assertThat(perOrder.items()).extracting(TaxedItem::tax).containsExactly(eur("0.01"), eur("0.01"), eur("0.00"));
        assertThat(perOrder.byRate()).containsExactly(TaxLine.of(five, eur("0.02")));
    }

    @Test
    void several_rates_on_a_line_apply_to_the_same_amount_and_are_reported_per_rate() {
        // a US line: state 6.25 %, county 1 %, district 0.375 % on 80.00 net
        TaxRate state = TaxRate.of("US-CA-STATE", "6.25");
        TaxRate county = TaxRate.of("US-CA-COUNTY", "1");
        TaxRate district = TaxRate.of("US-CA-DISTRICT", "0.375");
        TaxCalculation t = one(TaxPolicy.exclusive(), Item.of("1", eur("40.00"), 2, state, county, district));
        assertThat(t.items().get(0).taxes()).containsExactly(TaxLine.of(state, eur("5.00")),
                TaxLine.of(county, eur("0.80")), TaxLine.of(district, eur("0.30")));
        assertThat(t.tax()).isEqualTo(eur("6.10"));
        assertThat(t.gross()).isEqualTo(eur("86.10"));
    }

    @Test
    void an_order_discount_is_shared_out_before_tax_and_the_tax_follows_it() {
        // 100.00 and 50.00 gross at 19 %, 15.00 off the order: 10.00 and 5.00 of it by value
        List<Item> items = List.of(Item.of("1", eur("100.00"), 1, VAT_19), Item.of("2", eur("50.00"), 1, VAT_19));
        TaxCalculation t = TaxCalculation.of(TaxPolicy.inclusive(), items, eur("15.00"));
        assertThat(t.items()).extracting(TaxedItem::orderDiscount).containsExactly(eur("10.00"), eur("5.00"));
        assertThat(t.items()).extracting(TaxedItem::gross).containsExactly(eur("90.00"), eur("45.00"));
        assertThat(t.items()).extracting(TaxedItem::tax).as("90 x 19/119, 45 x 19/119")
                .containsExactly(eur("14.37"), eur("7.18"));
        assertThat(t.gross()).isEqualTo(eur("135.00"));
        assertThat(t.net().add(t.tax())).isEqualTo(t.gross());
    }

    @Test
    void an_untaxed_item_and_a_zero_rate_tax_nothing_and_currencies_without_minor_units_work() {
        TaxCalculation t = TaxCalculation.of(TaxPolicy.inclusive(), List.of(Item.of("gift-card", eur("25.00"), 1),
                Item.of("book", eur("12.00"), 1, TaxRate.of("ZERO", "0"))), eur("0"));
        assertThat(t.tax()).isEqualTo(eur("0.00"));
        assertThat(t.net()).isEqualTo(eur("37.00"));
        TaxCalculation yen = one(TaxPolicy.inclusive(), Item.of("1", Amounts.of("1000", "JPY"), 1,
                TaxRate.of("JP-CT", "10")));
        assertThat(yen.tax()).as("1000 x 10 / 110 = 90.9").isEqualTo(Amounts.of("91", "JPY"));
        TaxCalculation dinar = one(TaxPolicy.exclusive(), Item.of("1", Amounts.of("1.005", "KWD"), 1,
                TaxRate.of("KW", "5")));
        assertThat(dinar.tax()).as("1.005 x 5 % = 0.05025").isEqualTo(Amounts.of("0.050", "KWD"));
    }

    @Test
    void every_class_of_bad_input_is_refused_typed_with_what_was_wrong() {
        Map<String, Supplier<Object>> cases = Map.ofEntries(
                Map.entry("TaxRate.percent", () -> TaxRate.of("X", "100.01")),
                Map.entry("TaxRate.percent ", () -> TaxRate.of("X", "-1")),
                Map.entry("TaxRate.percent  ", () -> TaxRate.of("X", "1.00001")),
                Map.entry("TaxRate.percent   ", () -> new TaxRate("X", new BigDecimal("1E+999999999"))),
                Map.entry("TaxRate.percent    ", () -> TaxRate.of("X", "nineteen")),
                Map.entry("TaxRate.code", () -> TaxRate.of(" VAT", "19")),
                Map.entry("TaxPolicy.mode", () -> TaxPolicy.exclusive().rounded(RoundingMode.CEILING)),
                Map.entry("item 1 quantity", () -> Item.of("1", eur("1.00"), 0, VAT_19)),
                Map.entry("item 1 discount", () -> new Item("1", eur("1.00"), 2, eur("2.01"), List.of())),
                Map.entry("item 1 rates", () -> Item.of("1", eur("1.00"), 1, VAT_19, VAT_19)),
                Map.entry("item 1 unit price", () -> Item.of("1", eur("-1.00"), 1)),
                Map.entry("item 1", () -> Item.of("1", eur("999999999999"), Long.MAX_VALUE)),
                Map.entry("items", () -> TaxCalculation.of(TaxPolicy.exclusive(), List.of(), eur("0"))),
                Map.entry("item 2 unit price", () -> TaxCalculation.of(TaxPolicy.exclusive(),
                        List.of(Item.of("1", eur("1.00"), 1), Item.of("2", Amounts.of("1.00", "USD"), 1)), eur("0"))),
                Map.entry("orderDiscount", () -> TaxCalculation.of(TaxPolicy.exclusive(),
                        List.of(Item.of("1", eur("1.00"), 1)), eur("1.01"))),
                Map.entry("orderDiscount ", () -> TaxCalculation.of(TaxPolicy.exclusive(),
                        List.of(Item.of("1", eur("1.00"), 1)), null)),
                Map.entry("policy", () -> TaxCalculation.of(null, List.of(Item.of("1", eur("1.00"), 1)), eur("0"))));
        cases.forEach((field, call) -> {
            InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, call::get);
            assertThat(refused).as(field).isNotNull();
            assertThat(refused.field()).as(field).isEqualTo(field.strip());
            assertThat(refused.getMessage()).as(field).hasSizeLessThan(300);
        });
    }
}
