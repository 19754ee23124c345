package dev.oms.testkit;

import dev.oms.core.PlaceOrder;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order.ShippingCharge;
import dev.oms.spi.order.Pricing;
import dev.oms.spi.order.TaxLine;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxPolicy.PriceBasis;
import dev.oms.spi.order.TaxPolicy.RoundingLevel;
import dev.oms.spi.order.TaxPolicy.TaxSource;
import dev.oms.spi.order.TaxRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for host test suites: typed ids, addresses, money in a chosen currency,
 * catalogues, stock across locations and orders. Use them in a host's own {@code @Provide}
 * methods; whole lifecycles are in {@link Lifecycles}. Everything is generated in whole minor
 * units of the currency, so amounts never need rounding. Stateless and thread-safe.
 */
public final class OmsArbitraries {
    private static final List<String> COUNTRIES = List.of("DE", "FR", "NL", "AT", "IT", "ES", "PL", "GB", "US");

    private OmsArbitraries() {
    }

    private static Arbitrary<String> codes(String prefix) {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12)
                .map(s -> prefix + s);
    }

    /** @return order ids ({@code o-...}) */
    public static Arbitrary<OrderId> orderIds() {
        return codes("o-").map(OrderId::of);
    }

    /** @return SKUs ({@code SKU-...}) */
    public static Arbitrary<Sku> skus() {
        return codes("SKU-").map(String::toUpperCase).map(Sku::of);
    }

    /** @return location ids ({@code loc-...}) */
    public static Arbitrary<LocationId> locationIds() {
        return codes("loc-").map(LocationId::of);
    }

    /** @return sales channels */
    public static Arbitrary<ChannelId> channels() {
        return Arbitraries.of("web", "app", "store-pos", "marketplace").map(ChannelId::of);
    }

    /** @return customer references */
    public static Arbitrary<CustomerRef> customers() {
        return codes("c-").map(CustomerRef::of);
    }

    /**
     * @param countries ISO codes to draw from; none for a default European mix plus GB and US
     * @return addresses with a postal code and coordinates
     */
    public static Arbitrary<Address> addresses(String... countries) {
        List<String> from = countries.length == 0 ? COUNTRIES : List.of(countries);
        return Combinators.combine(Arbitraries.of(from), Arbitraries.integers().between(10_000, 99_999),
                Arbitraries.doubles().between(-60, 70).ofScale(3), Arbitraries.doubles().between(-170, 170).ofScale(3))
                .as((country, postal, lat, lon) -> Address.of(country, String.valueOf(postal))
                        .withCoordinates(Coordinates.of(lat, lon)));
    }

    /**
     * @param currency the currency
     * @param min the smallest amount, as a decimal string ({@code "0.01"})
     * @param max the largest amount
     * @return amounts in whole minor units of the currency, between the two
     */
    public static Arbitrary<MonetaryAmount> money(CurrencyUnit currency, String min, String max) {
        InvalidInputException.requireNonNull(currency, "currency");
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        // bounds finer than the currency allows are rounded inwards (0.50 JPY .. 250.00 JPY is 1 .. 250)
        long low = new BigDecimal(min).setScale(digits, RoundingMode.CEILING).movePointRight(digits).longValueExact();
        long high = new BigDecimal(max).setScale(digits, RoundingMode.FLOOR).movePointRight(digits).longValueExact();
        return Arbitraries.longs().between(low, high).map(minor -> Monetary.getDefaultAmountFactory().setCurrency(currency)
                .setNumber(BigDecimal.valueOf(minor, digits)).create());
    }

    /**
     * @param currency the currency of the prices
     * @param minSize fewest products
     * @param maxSize most products
     * @return catalogues of distinct SKUs ({@code SKU-1}, {@code SKU-2}, ...), with prices from
     *     0.50 to 250.00 and tax rates of 0, 7, 10 or 19 percent
     */
    public static Arbitrary<List<CatalogItem>> catalogues(CurrencyUnit currency, int minSize, int maxSize) {
        Arbitrary<MonetaryAmount> prices = money(currency, "0.50", "250.00");
        Arbitrary<TaxRate> rates = Arbitraries.of(0, 7, 10, 19).map(p -> TaxRate.of("VAT-" + p, String.valueOf(p)));
        return Combinators.combine(prices, rates).as((price, rate) -> new Object[] {price, rate}).list()
                .ofMinSize(minSize).ofMaxSize(maxSize).map(priced -> {
                    List<CatalogItem> items = new ArrayList<>();
                    for (int i = 0; i < priced.size(); i++) {
                        items.add(new CatalogItem(Sku.of("SKU-" + (i + 1)), (MonetaryAmount) priced.get(i)[0],
                                (TaxRate) priced.get(i)[1]));
                    }
                    return items;
                });
    }

    /**
     * @return every tax policy: net and gross prices, tax from rates and from the host, each
     *     rounding level and mode
     */
    public static Arbitrary<TaxPolicy> taxPolicies() {
        return Combinators.combine(Arbitraries.of(PriceBasis.class), Arbitraries.of(TaxSource.class),
                Arbitraries.of(RoundingLevel.class), Arbitraries.of(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN,
                        RoundingMode.DOWN)).as(TaxPolicy::new);
    }

    /**
     * @param currency the orders' currency
     * @return pricings: mostly {@link Pricing#standard()}, now and then unit prices up to two
     *     digits finer than the currency, cash rounding to five minor units, or both; lines rounded
     *     half up, half even or down
     */
    public static Arbitrary<Pricing> pricings(CurrencyUnit currency) {
        int digits = Math.max(0, InvalidInputException.requireNonNull(currency, "currency").getDefaultFractionDigits());
        Arbitrary<Pricing> varied = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, RoundingMode.DOWN)).as((fine, cash, mode) -> {
                    Pricing pricing = Pricing.standard().withLineRounding(mode);
                    if (fine) {
                        pricing = pricing.withUnitScale(digits + 2);
                    }
                    if (cash) {
                        pricing = pricing.withCashRounding(new Pricing.CashRounding(BigDecimal.valueOf(5, digits),
                                RoundingMode.HALF_UP));
                    }
                    return pricing;
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.just(Pricing.standard())),
                net.jqwik.api.Tuple.of(3, varied));
    }

    /**
     * @param skus the SKUs
     * @param locations where they can be stocked
     * @param maxUnits most units per position
     * @return units on hand per (SKU, location), every pair present, some of them zero
     */
    public static Arbitrary<Map<PositionKey, Quantity>> stock(List<Sku> skus, List<LocationId> locations, int maxUnits) {
        List<PositionKey> keys = new ArrayList<>();
        for (Sku sku : skus) {
            for (LocationId location : locations) {
                keys.add(PositionKey.of(sku, location));
            }
        }
        return Arbitraries.longs().between(0, maxUnits).list().ofSize(keys.size()).map(units -> {
            Map<PositionKey, Quantity> stock = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                stock.put(keys.get(i), Quantity.of(units.get(i)));
            }
            return stock;
        });
    }

    /**
     * Orders over a catalogue: 1 to 4 lines of 1 to 5 units of distinct products, a line discount
     * of up to 30 percent now and then, an order-level discount now and then, and a taxed shipping
     * charge; from a random channel to a random address, placed at a fixed instant; under any
     * {@link #taxPolicies() tax policy} and any of the {@link #pricings pricings} (where it allows
     * finer unit prices, each line's price gets up to 99 of the finer units added).
     *
     * @param catalogue the products (at least one)
     * @return orders to place
     */
    public static Arbitrary<PlaceOrder> orders(List<CatalogItem> catalogue) {
        return orders(catalogue, taxPolicies());
    }

    /**
     * Orders as {@link #orders(List)} makes them, under the given tax policies. Where oms computes
     * the tax, each line is taxed at its product's rate and shipping at 19 %; where the host
     * supplies it, each line carries its product's tax per unit or, now and then, the tax of all
     * its units rounded once (as a tax engine that rounds per line sends it).
     *
     * @param catalogue the products (at least one)
     * @param policies the tax policies
     * @return orders to place
     */
    public static Arbitrary<PlaceOrder> orders(List<CatalogItem> catalogue, Arbitrary<TaxPolicy> policies) {
        if (InvalidInputException.requireNonNull(catalogue, "catalogue").isEmpty()) {
            throw new InvalidInputException("catalogue", "at least one product");
        }
        CurrencyUnit currency = catalogue.get(0).unitPrice().getCurrency();
        TaxRate shippingRate = TaxRate.of("VAT-19", "19");
        Arbitrary<NewLine> line = Combinators.combine(Arbitraries.of(catalogue), Arbitraries.longs().between(1, 5),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 30))))
                .as((item, units, discountPercent) -> {
                    MonetaryAmount discount = item.unitPrice().multiply(discountPercent).divide(100)
                            .with(Monetary.getDefaultRounding());
                    return new NewLine(LineId.of("x"), item.sku(), Quantity.of(units), item.unitPrice(), discount,
                            LineTax.rates(item.rate()));
                });
        return Combinators.combine(line.list().ofMinSize(1).ofMaxSize(Math.min(4, catalogue.size()))
                        .uniqueElements(NewLine::sku), channels(), codes("x-"), customers(), addresses(),
                money(currency, "0.00", "15.00"), money(currency, "0.00", "9.90"), Arbitraries.of(true, false))
                .flatAs((lines, channel, external, customer, to, orderDiscount, shipping, discounted) -> Combinators
                        .combine(policies, Arbitraries.of(true, false).list().ofSize(lines.size()), pricings(currency),
                                Arbitraries.integers().between(0, 99).list().ofSize(lines.size()))
                        .as((policy, wholeLine, pricing, finer) -> {
                    PlaceOrder.Builder b = PlaceOrder.builder(channel, ExternalOrderId.of(external), customer, currency)
                            .shipTo(to).placedAt(Instant.parse("2026-11-01T09:00:00Z")).taxPolicy(policy)
                            .pricing(pricing);
                    boolean host = policy.source() == TaxSource.HOST;
                    int unitDigits = pricing.unitDigits(currency);
                    for (int i = 0; i < lines.size(); i++) {
                        NewLine generated = lines.get(i);
                        NewLine l = unitDigits == Math.max(0, currency.getDefaultFractionDigits()) ? generated
                                : new NewLine(generated.id(), generated.sku(), generated.quantity(),
                                        generated.unitPrice().add(Amounts.of(BigDecimal.valueOf(finer.get(i),
                                                unitDigits), currency)), generated.unitDiscount(), generated.tax());
                        TaxRate rate = ((LineTax.Rates) l.tax()).rates().get(0);
                        LineTax tax = l.tax();
                        if (host) {
                            MonetaryAmount net = l.unitPrice().subtract(l.unitDiscount());
                            tax = wholeLine.get(i)
                                    ? LineTax.supplied(l.quantity().value(), TaxLine.of(rate, percentOf(
                                            net.multiply(l.quantity().value()), rate)))
                                    : LineTax.perUnit(percentOf(net, rate));   // rounded to the minor unit
                        }
                        b.line(new NewLine(LineId.of(String.valueOf(i + 1)), l.sku(), l.quantity(), l.unitPrice(),
                                l.unitDiscount(), tax));
                    }
                    if (discounted && orderDiscount.isPositive()) {
                        b.discount("PROMO", orderDiscount);
                    }
                    // now and then a half-price shipping coupon (rounded down to the minor unit)
                    boolean shippingCoupon = discounted && finer.get(0) % 3 == 0;
                    MonetaryAmount off = shippingCoupon ? Amounts.of(shipping.getNumber().numberValue(BigDecimal.class)
                            .divide(BigDecimal.valueOf(2), Math.max(0, currency.getDefaultFractionDigits()),
                                    java.math.RoundingMode.DOWN), currency) : Amounts.zero(currency);
                    MonetaryAmount charged = shipping.subtract(off);
                    ShippingCharge charge = new ShippingCharge("standard", shipping, host
                            ? LineTax.perUnit(percentOf(charged, shippingRate)) : LineTax.rates(shippingRate));
                    return b.shipping(shippingCoupon ? charge.withDiscount(new dev.oms.spi.order.Order.Discount(
                            "SHIP-HALF", off)) : charge).build();
                }));
    }

    /** The rate's share of an amount, rounded half even to the minor unit. */
    private static MonetaryAmount percentOf(MonetaryAmount amount, TaxRate rate) {
        int digits = Math.max(0, amount.getCurrency().getDefaultFractionDigits());
        BigDecimal tax = amount.getNumber().numberValue(BigDecimal.class).multiply(rate.percent())
                .divide(BigDecimal.valueOf(100), digits, RoundingMode.HALF_EVEN);
        return amount.getFactory().setNumber(tax).create();
    }

    /**
     * One product of a generated catalogue: a SKU with its unit price and its tax rate.
     *
     * @param sku the SKU
     * @param unitPrice the price of one unit, in whole minor units
     * @param rate the product's tax rate
     */
    public record CatalogItem(Sku sku, MonetaryAmount unitPrice, TaxRate rate) {
        /** @throws InvalidInputException if a field is null */
        public CatalogItem {
            InvalidInputException.requireNonNull(sku, "CatalogItem.sku");
            InvalidInputException.requireNonNull(unitPrice, "CatalogItem.unitPrice");
            InvalidInputException.requireNonNull(rate, "CatalogItem.rate");
        }

        /** @return the tax on one unit at the rate, rounded half even: what a host that taxes per unit supplies */
        public MonetaryAmount unitTax() {
            return percentOf(unitPrice, rate);
        }
    }
}
