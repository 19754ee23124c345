package dev.oms.core;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.TaxCalculation.Item;
import dev.oms.core.TaxCalculation.TaxedItem;
import dev.oms.spi.order.TaxLine;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxPolicy.PriceBasis;
import dev.oms.spi.order.TaxPolicy.RoundingLevel;
import dev.oms.spi.order.TaxPolicy.TaxSource;
import dev.oms.spi.order.TaxRate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link TaxCalculation} on random orders under every policy: parts always sum to their whole,
 * a gross price is never changed, and every rounded figure is the exact one rounded as the policy
 * says, the exact one computed here in decimals of 60 digits, independently of the calculation's
 * integer fractions.
 */
class TaxCalculationProperties {
    private static final List<TaxRate> RATES = List.of(TaxRate.of("VAT", "19"), TaxRate.of("REDUCED", "7"),
            TaxRate.of("STATE", "6.25"), TaxRate.of("DISTRICT", "0.375"), TaxRate.of("ZERO", "0"));
    private static final MathContext EXACT = new MathContext(60);

    /** An order to tax: its policy, items and order-level discount. */
    record Case(TaxPolicy policy, List<Item> items, long orderDiscount) {
    }

    @Provide
    Arbitrary<Case> orders() {
        Arbitrary<TaxPolicy> policies = Combinators.combine(Arbitraries.of(PriceBasis.class),
                Arbitraries.of(RoundingLevel.class), Arbitraries.of(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN,
                        RoundingMode.DOWN)).as((basis, level, mode) -> new TaxPolicy(basis, TaxSource.RATES, level,
                                mode));
        Arbitrary<String> currencies = Arbitraries.of("EUR", "JPY", "KWD");
        return Combinators.combine(policies, currencies, Arbitraries.integers().between(1, 6)).flatAs(
                (policy, currency, count) -> item(currency).list().ofSize(count).flatMap(items -> {
                    long value = items.stream().mapToLong(TaxCalculationProperties::value).sum();
                    return Arbitraries.longs().between(0, value).map(d -> new Case(policy, items, d));
                }));
    }

    private static Arbitrary<Item> item(String currency) {
        return Combinators.combine(Arbitraries.longs().between(0, 200_000), Arbitraries.longs().between(1, 40),
                Arbitraries.doubles().between(0, 1), Arbitraries.subsetOf(RATES).map(ArrayList::new))
                .as((unit, quantity, discountShare, rates) -> {
                    MonetaryAmount price = minor(unit, currency);
                    long discount = (long) Math.floor(unit * quantity * discountShare);
                    return new Item("i", price, quantity, minor(discount, currency), rates);
                });
    }

    private static MonetaryAmount minor(long units, String currency) {
        MonetaryAmount like = dev.oms.spi.Amounts.zero(javax.money.Monetary.getCurrency(currency));
        return MoneyAllocation.ofMinorUnits(units, like);
    }

    private static long units(MonetaryAmount amount) {
        return MoneyAllocation.minorUnits(amount, "amount");
    }

    private static long value(Item item) {
        return units(item.unitPrice()) * item.quantity() - units(item.discount());
    }

    private static TaxCalculation calculate(Case c) {
        return TaxCalculation.of(c.policy(), c.items(), minor(c.orderDiscount(),
                c.items().get(0).unitPrice().getCurrency().getCurrencyCode()));
    }

    /** The exact tax of a taxable amount in minor units at one rate of the item's. */
    private static BigDecimal exact(TaxPolicy policy, Item item, BigDecimal taxable, TaxRate rate) {
        return taxable.multiply(rate.percent()).divide(together(policy, item), EXACT);
    }

    /** What an item's tax is divided by: 100, plus its rates where its prices include them. */
    private static BigDecimal together(TaxPolicy policy, Item item) {
        BigDecimal together = BigDecimal.valueOf(100);
        if (policy.basis() == PriceBasis.TAX_INCLUSIVE) {
            for (TaxRate r : item.rates()) {
                together = together.add(r.percent());
            }
        }
        return together;
    }

    /**
     * A sum of fractions (numerator by denominator) rounded once, exactly: over their common
     * denominator, so that a sum that is a whole number (17 cents at 6.25 % included: exactly 1
     * cent, as 1 and 16 cents' taxes of 0.0588... and 0.9411...) is not a hair below it.
     */
    private static long roundedSum(Map<BigDecimal, BigDecimal> byDenominator, RoundingMode mode) {
        BigDecimal common = BigDecimal.ONE;
        for (BigDecimal d : byDenominator.keySet()) {
            common = common.multiply(d);
        }
        BigDecimal numerator = BigDecimal.ZERO;
        for (Map.Entry<BigDecimal, BigDecimal> e : byDenominator.entrySet()) {
            BigDecimal others = BigDecimal.ONE;
            for (BigDecimal d : byDenominator.keySet()) {
                if (d != e.getKey()) {
                    others = others.multiply(d);
                }
            }
            numerator = numerator.add(e.getValue().multiply(others));
        }
        return numerator.divide(common, 0, mode).longValueExact();
    }

    @Property(tries = 1000)
    void parts_sum_to_their_whole_and_a_gross_price_never_changes(@ForAll("orders") Case c) {
        TaxCalculation t = calculate(c);
        long net = 0;
        long tax = 0;
        long discounts = 0;
        Map<TaxRate, Long> byRate = new LinkedHashMap<>();
        for (int i = 0; i < c.items().size(); i++) {
            TaxedItem item = t.items().get(i);
            long itemTax = 0;
            for (TaxLine line : item.taxes()) {
                itemTax += units(line.amount());
                byRate.merge(line.rate().orElseThrow(), units(line.amount()), Long::sum);
            }
            assertThat(units(item.net()) + itemTax).isEqualTo(units(item.gross()));
            assertThat(item.taxes()).extracting(l -> l.rate().orElseThrow())
                    .containsExactlyElementsOf(c.items().get(i).rates());
            long taxable = value(c.items().get(i)) - units(item.orderDiscount());
            assertThat(units(c.policy().basis() == PriceBasis.TAX_INCLUSIVE ? item.gross() : item.net()))
                    .as("the price's own basis is kept").isEqualTo(taxable);
            assertThat(units(item.net())).isNotNegative();
            net += units(item.net());
            tax += itemTax;
            discounts += units(item.orderDiscount());
        }
        assertThat(discounts).isEqualTo(c.orderDiscount());
        assertThat(units(t.net())).isEqualTo(net);
        assertThat(units(t.tax())).isEqualTo(tax);
        assertThat(units(t.gross())).isEqualTo(net + tax);
        assertThat(t.byRate()).hasSize(byRate.size());
        for (TaxLine line : t.byRate()) {
            assertThat(units(line.amount())).as(line.code()).isEqualTo(byRate.get(line.rate().orElseThrow()));
        }
    }

    /**
     * The case a random run found (its expectation, not oms, was a hair off): 17 cents of gross
     * prices at 6.25 % after an order discount is exactly 1 cent of tax, rounded down as 1.
     */
    @net.jqwik.api.Example
    void a_sum_of_exact_shares_that_is_a_whole_cent_rounds_down_to_it() {
        TaxRate state = TaxRate.of("STATE", "6.25");
        Case c = new Case(TaxPolicy.inclusive().roundedPer(RoundingLevel.PER_ORDER).rounded(RoundingMode.DOWN),
                List.of(new Item("i", minor(0, "EUR"), 1, minor(0, "EUR"), List.of()),
                        new Item("i", minor(4, "EUR"), 1, minor(0, "EUR"), List.of(state)),
                        new Item("i", minor(31, "EUR"), 3, minor(0, "EUR"), List.of(state))), 80);
        assertThat(units(calculate(c).byRate().get(0).amount())).isEqualTo(1);
        every_rounded_figure_is_the_exact_tax_rounded_where_and_as_the_policy_says(c);
    }

    @Property(tries = 1000)
    void every_rounded_figure_is_the_exact_tax_rounded_where_and_as_the_policy_says(@ForAll("orders") Case c) {
        TaxCalculation t = calculate(c);
        RoundingMode mode = c.policy().mode();
        Map<TaxRate, Map<BigDecimal, BigDecimal>> exactByRate = new LinkedHashMap<>();
        for (int i = 0; i < c.items().size(); i++) {
            Item item = c.items().get(i);
            long taxable = value(item) - units(t.items().get(i).orderDiscount());
            for (int j = 0; j < item.rates().size(); j++) {
                TaxRate rate = item.rates().get(j);
                long got = units(t.items().get(i).taxes().get(j).amount());
                BigDecimal exact = exact(c.policy(), item, BigDecimal.valueOf(taxable), rate);
                exactByRate.computeIfAbsent(rate, k -> new LinkedHashMap<>()).merge(together(c.policy(), item),
                        BigDecimal.valueOf(taxable).multiply(rate.percent()), BigDecimal::add);
                switch (c.policy().level()) {
                    case PER_LINE -> assertThat(got).isEqualTo(exact.setScale(0, mode).longValueExact());
                    case PER_UNIT -> {
                        long small = taxable / item.quantity();
                        long larger = taxable % item.quantity();
                        long each = exact(c.policy(), item, BigDecimal.valueOf(small), rate).setScale(0, mode)
                                .longValueExact();
                        long eachLarger = exact(c.policy(), item, BigDecimal.valueOf(small + 1), rate)
                                .setScale(0, mode).longValueExact();
                        assertThat(got).isEqualTo(each * (item.quantity() - larger) + eachLarger * larger);
                    }
                    case PER_ORDER -> assertThat(BigDecimal.valueOf(got).subtract(exact).abs())
                            .as("an item's share is its exact tax within a minor unit").isLessThan(BigDecimal.ONE);
                }
            }
        }
        if (c.policy().level() == RoundingLevel.PER_ORDER) {
            for (TaxLine line : t.byRate()) {
                assertThat(units(line.amount())).as(line.code())
                        .isEqualTo(roundedSum(exactByRate.get(line.rate().orElseThrow()), mode));
            }
        }
    }

    @Property(tries = 300)
    void rounding_down_never_taxes_more_than_half_even_and_half_even_never_more_than_half_up(
            @ForAll("orders") Case c) {
        TaxPolicy p = c.policy();
        long down = units(calculate(new Case(p.rounded(RoundingMode.DOWN), c.items(), c.orderDiscount())).tax());
        long even = units(calculate(new Case(p.rounded(RoundingMode.HALF_EVEN), c.items(), c.orderDiscount())).tax());
        long up = units(calculate(new Case(p.rounded(RoundingMode.HALF_UP), c.items(), c.orderDiscount())).tax());
        assertThat(down).isLessThanOrEqualTo(even);
        assertThat(even).isLessThanOrEqualTo(up);
    }
}
