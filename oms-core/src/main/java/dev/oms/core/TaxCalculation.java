package dev.oms.core;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.TaxLine;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxPolicy.PriceBasis;
import dev.oms.spi.order.TaxPolicy.RoundingLevel;
import dev.oms.spi.order.TaxRate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * The tax of an order's items under a {@link TaxPolicy}, computed exactly and rounded where the
 * policy says, so that every part sums to its whole: per item, net + tax = gross; over the order,
 * the items' nets, taxes and grosses sum to the order's, and each rate's tax over the items to the
 * order's tax at that rate.
 *
 * <p>What it does, in order:
 * <ol>
 *   <li>each item's value is its unit price times its quantity less its own discount;
 *   <li>the order-level discount is shared out to the items by value (largest remainder, see
 *       {@link MoneyAllocation}), before tax, so the tax follows the discount;
 *   <li>the item's taxable amount is what is left: net for {@link PriceBasis#TAX_EXCLUSIVE}, and
 *       tax is {@code net x rate / 100} for each of its rates; gross for
 *       {@link PriceBasis#TAX_INCLUSIVE}, and tax is {@code gross x rate / (100 + the item's rates
 *       together)}, so the gross stays what the customer was shown;
 *   <li>rounded by the policy's mode: {@link RoundingLevel#PER_UNIT} each unit's tax (the units
 *       of an item whose discount does not divide evenly differ by one minor unit in value, the
 *       larger ones first), {@link RoundingLevel#PER_LINE} each item's tax per rate,
 *       {@link RoundingLevel#PER_ORDER} each rate's exact tax over all items once, shared out to
 *       the items by the largest remainder of their exact tax (ties to the earlier item).
 * </ol>
 * Rates on one item apply to the same taxable amount (no tax on tax). Shipping is an item like
 * any other (quantity 1); leave it out of the order-level discount by computing it in a
 * calculation of its own, or include it to discount it too. Amounts are in whole minor units;
 * the arithmetic in between is exact (fractions of integers), so half-way cases round as the mode
 * says and never by a binary approximation.
 *
 * <p>For example, 10 units at 12.25 (net) with 2 % tax: per unit, 0.245 rounds half-up to 0.25,
 * so 2.50; per line, 2.45. And 3 units of 9.99 gross at 19 % VAT: per line 4.79 of 29.97; per
 * unit 1.60 each, 4.80.
 *
 * @param policy the policy it was computed under
 * @param items each item, in the order given
 * @param net the items' nets together
 * @param tax the items' taxes together
 * @param gross the items' grosses together
 * @param byRate the tax per rate over all items, rates in the order first met
 */
public record TaxCalculation(TaxPolicy policy, List<TaxedItem> items, MonetaryAmount net, MonetaryAmount tax,
        MonetaryAmount gross, List<TaxLine> byRate) {
    /** Items one calculation takes at most. */
    public static final int MAX_ITEMS = 1_000;
    /** Rates one item carries at most (VAT; or state, county, city and district sales tax). */
    public static final int MAX_RATES = dev.oms.spi.order.LineTax.MAX_TAXES;

    private static final BigInteger HUNDRED_PERCENT = BigInteger.valueOf(100).multiply(
            BigInteger.TEN.pow(TaxRate.MAX_SCALE));

    /**
     * Something to tax: an order line, or a shipping charge as one unit.
     *
     * @param name what it is, named in errors and in the result (a line id, a shipping code)
     * @param unitPrice the price of one unit, net or gross as the policy says, whole minor units
     * @param quantity units, {@code > 0}
     * @param discount the item's own discount over all its units, at most unit price x quantity
     * @param rates the rates that apply, none for an untaxed item, each at most once
     */
    public record Item(String name, MonetaryAmount unitPrice, long quantity, MonetaryAmount discount,
            List<TaxRate> rates) {
        /**
         * @throws InvalidInputException if a field is null or malformed, the quantity not positive,
         *     an amount negative, finer than the minor unit or in another currency, the discount
         *     above the value, a rate given twice or more than {@value TaxCalculation#MAX_RATES}
         */
        public Item {
            InvalidInputException.requireText(name, "Item.name", 200);
            InvalidInputException.requireNonNull(unitPrice, "Item.unitPrice");
            Amounts.requireNonNegative(unitPrice, unitPrice.getCurrency(), "item " + name + " unit price");
            if (quantity <= 0) {
                throw new InvalidInputException("item " + name + " quantity", "must be positive (was " + quantity + ")");
            }
            Amounts.requireNonNegative(discount, unitPrice.getCurrency(), "item " + name + " discount");
            InvalidInputException.requireNonNull(rates, "item " + name + " rates");
            rates = List.copyOf(rates);
            if (rates.size() > MAX_RATES) {
                throw new InvalidInputException("item " + name + " rates", "more than " + MAX_RATES + " rates");
            }
            if (new HashSet<>(rates).size() < rates.size()) {
                throw new InvalidInputException("item " + name + " rates", "a rate is given twice: " + rates);
            }
            long value = value(unitPrice, quantity, name);
            if (MoneyAllocation.minorUnits(discount, "item " + name + " discount") > value) {
                throw new InvalidInputException("item " + name + " discount", Amounts.describe(discount)
                        + " exceeds the item's value " + Amounts.describe(MoneyAllocation.ofMinorUnits(value, unitPrice)));
            }
        }

        /**
         * @param name what it is
         * @param unitPrice price of one unit
         * @param quantity units
         * @param rates the rates that apply
         * @return the item without a discount of its own
         */
        public static Item of(String name, MonetaryAmount unitPrice, long quantity, TaxRate... rates) {
            InvalidInputException.requireNonNull(unitPrice, "Item.unitPrice");
            InvalidInputException.requireNonNull(rates, "Item.rates");
            return new Item(name, unitPrice, quantity, Amounts.zero(unitPrice.getCurrency()), List.of(rates));
        }

        private static long value(MonetaryAmount unitPrice, long quantity, String name) {
            try {
                return Math.multiplyExact(MoneyAllocation.minorUnits(unitPrice, "item " + name + " unit price"),
                        quantity);
            } catch (ArithmeticException overflow) {
                throw new InvalidInputException("item " + name, "unit price x quantity overflows");
            }
        }
    }

    /**
     * One item, taxed.
     *
     * @param name the item's name
     * @param orderDiscount its share of the order-level discount
     * @param net its value without tax, after discounts
     * @param taxes its tax per rate, in the item's rate order
     * @param gross net + tax
     */
    public record TaxedItem(String name, MonetaryAmount orderDiscount, MonetaryAmount net, List<TaxLine> taxes,
            MonetaryAmount gross) {
        /** Copies the taxes. */
        public TaxedItem {
            taxes = List.copyOf(taxes);
        }

        /** @return its taxes together */
        public MonetaryAmount tax() {
            return gross.subtract(net);
        }
    }

    /** Copies the lists. */
    public TaxCalculation {
        items = List.copyOf(items);
        byRate = List.copyOf(byRate);
    }

    /**
     * @param policy how prices are taxed and rounded
     * @param items what to tax, at least one, all in one currency
     * @param orderDiscount the order-level discount, shared out to the items before tax; at most
     *     their value after their own discounts
     * @return the taxed items and totals
     * @throws InvalidInputException if an argument is null or malformed, no item or more than
     *     {@value #MAX_ITEMS} is given, the items or the discount are in different currencies, the
     *     discount exceeds the items' value, or the total overflows
     */
    public static TaxCalculation of(TaxPolicy policy, List<Item> items, MonetaryAmount orderDiscount) {
        InvalidInputException.requireNonNull(policy, "policy");
        InvalidInputException.requireNonNull(items, "items");
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new InvalidInputException("items", "from 1 to " + MAX_ITEMS + " items (was " + items.size() + ")");
        }
        for (int i = 0; i < items.size(); i++) {
            InvalidInputException.requireNonNull(items.get(i), "items[" + i + "]");
        }
        return calculate(policy, items, orderDiscount);
    }

    /**
     * Something taxed, as the calculation sees it: its value in minor units after every discount.
     * An order's lines are given so ({@link #ofOrder}), because a line's value is rounded at the
     * line under its order's {@code Pricing} and is not always its unit price times its quantity.
     */
    record Taxable(String name, long quantity, long value, List<TaxRate> rates) {
    }

    /**
     * The calculation of an order's lines and shipping ({@code OrderTotals}): any number of items,
     * their order-level discount already taken off their values.
     */
    static TaxCalculation ofOrder(TaxPolicy policy, List<Taxable> items, MonetaryAmount like) {
        long[] taxable = new long[items.size()];
        for (int i = 0; i < taxable.length; i++) {
            taxable[i] = items.get(i).value();
        }
        return assemble(policy, items, new long[taxable.length], taxable, tax(policy, items, taxable), like);
    }

    private static TaxCalculation calculate(TaxPolicy policy, List<Item> items, MonetaryAmount orderDiscount) {
        MonetaryAmount like = items.get(0).unitPrice();
        CurrencyUnit currency = like.getCurrency();
        long[] values = new long[items.size()];
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            Item item = items.get(i);
            // an item checked its own amounts (and its discount is in its price's currency): only
            // the currency they share with the other items is left to check
            Amounts.requireMinorUnits(item.unitPrice(), currency, "item " + item.name() + " unit price");
            values[i] = Item.value(item.unitPrice(), item.quantity(), item.name())
                    - MoneyAllocation.minorUnits(item.discount(), "item " + item.name() + " discount");
            try {
                total = Math.addExact(total, values[i]);
            } catch (ArithmeticException overflow) {
                throw new InvalidInputException("items", "their value overflows");
            }
        }
        Amounts.requireNonNegative(orderDiscount, currency, "orderDiscount");
        long discount = MoneyAllocation.minorUnits(orderDiscount, "orderDiscount");
        if (discount > total) {
            throw new InvalidInputException("orderDiscount", Amounts.describe(orderDiscount) + " exceeds the items' value "
                    + Amounts.describe(MoneyAllocation.ofMinorUnits(total, like)));
        }
        long[] shares = MoneyAllocation.shares(BigInteger.valueOf(discount), values);
        long[] taxable = new long[values.length];
        List<Taxable> taxables = new ArrayList<>(values.length);
        for (int i = 0; i < taxable.length; i++) {
            taxable[i] = values[i] - shares[i];
            Item item = items.get(i);
            taxables.add(new Taxable(item.name(), item.quantity(), taxable[i], item.rates()));
        }
        long[][] taxes = tax(policy, taxables, taxable);
        return assemble(policy, taxables, shares, taxable, taxes, like);
    }

    /** The tax per item and rate, in minor units, rounded as the policy says. */
    private static long[][] tax(TaxPolicy policy, List<Taxable> items, long[] taxable) {
        long[][] taxes = new long[items.size()][];
        RoundingMode mode = policy.mode();
        for (int i = 0; i < taxes.length; i++) {
            Taxable item = items.get(i);
            taxes[i] = new long[item.rates().size()];
            BigInteger denominator = denominator(policy, item);
            for (int j = 0; j < taxes[i].length; j++) {
                BigInteger rate = scaled(item.rates().get(j));
                taxes[i][j] = switch (policy.level()) {
                    case PER_UNIT -> perUnit(taxable[i], item.quantity(), rate, denominator, mode);
                    case PER_LINE -> round(BigInteger.valueOf(taxable[i]).multiply(rate), denominator, mode);
                    case PER_ORDER -> 0; // below, over all items of the rate
                };
            }
        }
        if (policy.level() == RoundingLevel.PER_ORDER) {
            perOrder(policy, items, taxable, taxes);
        }
        for (int i = 0; i < taxes.length; i++) {
            long sum = 0;
            for (long t : taxes[i]) {
                sum += t;
            }
            if (policy.basis() == PriceBasis.TAX_INCLUSIVE && sum > taxable[i]) {
                // only an item of a minor unit or two under several rates near 100 % can round so
                throw new InvalidInputException("item " + items.get(i).name(), "its rounded taxes (" + sum
                        + " minor units) exceed its gross price (" + taxable[i] + ")");
            }
        }
        return taxes;
    }

    /** Units of an item share its taxable amount evenly, the remainder one minor unit each to the first. */
    private static long perUnit(long taxable, long quantity, BigInteger rate, BigInteger denominator,
            RoundingMode mode) {
        long small = taxable / quantity;
        long larger = taxable % quantity;
        long taxSmall = round(BigInteger.valueOf(small).multiply(rate), denominator, mode);
        long taxLarger = round(BigInteger.valueOf(small + 1).multiply(rate), denominator, mode);
        return Math.addExact(Math.multiplyExact(taxSmall, quantity - larger), Math.multiplyExact(taxLarger, larger));
    }

    /**
     * Each rate's exact tax over the order, rounded once; the items of the rate get the floor of
     * their exact tax and the minor units left one each by largest remainder, ties to the earlier.
     */
    private static void perOrder(TaxPolicy policy, List<Taxable> items, long[] taxable, long[][] taxes) {
        Map<TaxRate, List<int[]>> byRate = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            List<TaxRate> rates = items.get(i).rates();
            for (int j = 0; j < rates.size(); j++) {
                byRate.computeIfAbsent(rates.get(j), r -> new ArrayList<>()).add(new int[] {i, j});
            }
        }
        for (Map.Entry<TaxRate, List<int[]>> group : byRate.entrySet()) {
            BigInteger rate = scaled(group.getKey());
            List<int[]> members = group.getValue();
            BigInteger[] numerators = new BigInteger[members.size()];
            BigInteger[] denominators = new BigInteger[members.size()];
            BigInteger common = BigInteger.ONE;
            for (int k = 0; k < numerators.length; k++) {
                int i = members.get(k)[0];
                numerators[k] = BigInteger.valueOf(taxable[i]).multiply(rate);
                denominators[k] = denominator(policy, items.get(i));
                common = lcm(common, denominators[k]);
            }
            // over a common denominator every item's exact tax is an integer numerator
            BigInteger[] exact = new BigInteger[numerators.length];
            BigInteger sum = BigInteger.ZERO;
            for (int k = 0; k < exact.length; k++) {
                exact[k] = numerators[k].multiply(common.divide(denominators[k]));
                sum = sum.add(exact[k]);
            }
            long rounded = round(sum, common, policy.mode());
            long given = 0;
            BigInteger[] remainders = new BigInteger[exact.length];
            for (int k = 0; k < exact.length; k++) {
                BigInteger[] qr = exact[k].divideAndRemainder(common);
                int[] at = members.get(k);
                taxes[at[0]][at[1]] = qr[0].longValueExact();
                given += taxes[at[0]][at[1]];
                remainders[k] = qr[1];
            }
            Integer[] order = MoneyAllocation.largestFirst(remainders);
            // rounded - given is from 0 (the floors already make the rounded sum) to the item count
            for (long left = rounded - given, k = 0; left > 0; left--, k++) {
                int[] at = members.get(order[(int) k]);
                taxes[at[0]][at[1]]++;
            }
        }
    }

    private static TaxCalculation assemble(TaxPolicy policy, List<Taxable> items, long[] shares, long[] taxable,
            long[][] taxes, MonetaryAmount like) {
        List<TaxedItem> taxed = new ArrayList<>(items.size());
        Map<TaxRate, Long> byRate = new LinkedHashMap<>();
        long netTotal = 0;
        long taxTotal = 0;
        for (int i = 0; i < items.size(); i++) {
            Taxable item = items.get(i);
            List<TaxLine> lines = new ArrayList<>(taxes[i].length);
            long tax = 0;
            for (int j = 0; j < taxes[i].length; j++) {
                lines.add(TaxLine.of(item.rates().get(j), MoneyAllocation.ofMinorUnits(taxes[i][j], like)));
                byRate.merge(item.rates().get(j), taxes[i][j], Math::addExact);
                tax = Math.addExact(tax, taxes[i][j]);
            }
            long net = policy.basis() == PriceBasis.TAX_INCLUSIVE ? taxable[i] - tax : taxable[i];
            long gross = Math.addExact(net, tax);
            netTotal = Math.addExact(netTotal, net);
            taxTotal = Math.addExact(taxTotal, tax);
            taxed.add(new TaxedItem(item.name(), MoneyAllocation.ofMinorUnits(shares[i], like),
                    MoneyAllocation.ofMinorUnits(net, like), lines, MoneyAllocation.ofMinorUnits(gross, like)));
        }
        List<TaxLine> rates = new ArrayList<>(byRate.size());
        byRate.forEach((rate, units) -> rates.add(TaxLine.of(rate, MoneyAllocation.ofMinorUnits(units, like))));
        return new TaxCalculation(policy, taxed, MoneyAllocation.ofMinorUnits(netTotal, like),
                MoneyAllocation.ofMinorUnits(taxTotal, like),
                MoneyAllocation.ofMinorUnits(Math.addExact(netTotal, taxTotal), like), rates);
    }

    /** A rate in ten-thousandths of a percent. */
    private static BigInteger scaled(TaxRate rate) {
        return rate.percent().movePointRight(TaxRate.MAX_SCALE).toBigIntegerExact();
    }

    /** What the taxable amount x the scaled rate is divided by: 100 %, or 100 % + the item's rates. */
    private static BigInteger denominator(TaxPolicy policy, Taxable item) {
        if (policy.basis() == PriceBasis.TAX_EXCLUSIVE) {
            return HUNDRED_PERCENT;
        }
        BigInteger together = HUNDRED_PERCENT;
        for (TaxRate rate : item.rates()) {
            together = together.add(scaled(rate));
        }
        return together;
    }

    private static BigInteger lcm(BigInteger a, BigInteger b) {
        return a.divide(a.gcd(b)).multiply(b);
    }

    /** {@code numerator / denominator}, both not negative, rounded to an integer by the mode. */
    static long round(BigInteger numerator, BigInteger denominator, RoundingMode mode) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 0, mode).longValueExact();
    }
}
