package dev.oms.returns;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.returns.ReturnPolicy.RestockingFee;
import dev.oms.returns.internal.RefundCalculator;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.Sku;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.TaxLine;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxRate;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.RefundLine;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The refund calculator on random orders under every tax policy (net and gross prices, tax from
 * rates or from the host, each rounding level and mode): however the units are split into partial refunds, the
 * parts add up to one full refund, part by part, to the minor unit; refunding every unit with its
 * shipping gives back exactly the grand total; a percentage fee over partial refunds adds up to
 * the fee of one full refund.
 */
class RefundCalculatorProperties {
    private static final OrderDecider DECIDER = OrderDecider.builder()
            .clock(java.time.Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), java.time.ZoneOffset.UTC))
            .ids(IdGenerator.sequential("p")).build();

    static Arbitrary<MonetaryAmount> cents(int min, int max) {
        return Arbitraries.integers().between(min, max).map(c -> Amounts.of(BigDecimal.valueOf(c, 2).toPlainString(),
                "EUR"));
    }

    @Provide
    Arbitrary<Order> deliveredOrders() {
        Arbitrary<TaxPolicy> policies = Combinators.combine(Arbitraries.of(TaxPolicy.PriceBasis.class),
                Arbitraries.of(TaxPolicy.TaxSource.class), Arbitraries.of(TaxPolicy.RoundingLevel.class),
                Arbitraries.of(java.math.RoundingMode.HALF_UP, java.math.RoundingMode.HALF_EVEN,
                        java.math.RoundingMode.DOWN)).as(TaxPolicy::new);
        Arbitrary<Object[]> line = Combinators.combine(Arbitraries.longs().between(1, 7), cents(1, 20_000),
                Arbitraries.integers().between(0, 50), Arbitraries.integers().between(0, 25), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 99))
                .as((q, price, discountPercent, taxPercent, wholeLine, finer) -> new Object[] {q, price,
                        discountPercent, taxPercent, wholeLine, finer});
        return Combinators.combine(policies, line.list().ofMinSize(1).ofMaxSize(5), cents(0, 5_000), cents(0, 1_500),
                cents(0, 300), pricings())
                .as((policy, lines, orderDiscount, shipping, shippingTax, pricing) -> {
                    PlaceOrder.Builder b = PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("p"),
                            CustomerRef.of("c"), Monetary.getCurrency("EUR"))
                            .shipTo(Address.of("DE", "10115")).placedAt(Instant.parse("2026-11-01T00:00:00Z"))
                            .taxPolicy(policy).pricing(pricing);
                    boolean host = policy.source() == TaxPolicy.TaxSource.HOST;
                    for (int i = 0; i < lines.size(); i++) {
                        long q = (Long) lines.get(i)[0];
                        // a unit price finer than the cent where the pricing allows it
                        MonetaryAmount price = ((MonetaryAmount) lines.get(i)[1]).add(Amounts.of(BigDecimal.valueOf(
                                pricing.unitScale() > 2 ? (Integer) lines.get(i)[5] : 0, 4), Monetary.getCurrency("EUR")));
                        MonetaryAmount discount = price.multiply((Integer) lines.get(i)[2]).divide(100)
                                .with(Monetary.getDefaultRounding());
                        int percent = (Integer) lines.get(i)[3];
                        TaxRate rate = TaxRate.of("T" + percent, String.valueOf(percent));
                        // a host's tax, per unit or for the whole line at once, as a tax engine sends it
                        MonetaryAmount unitTax = price.subtract(discount).multiply(percent).divide(100)
                                .with(Monetary.getDefaultRounding());
                        MonetaryAmount lineTax = price.subtract(discount).multiply(q).multiply(percent).divide(100)
                                .with(Monetary.getDefaultRounding());
                        LineTax tax = !host ? LineTax.rates(rate) : (Boolean) lines.get(i)[4]
                                ? LineTax.supplied(q, TaxLine.of(rate, lineTax)) : LineTax.perUnit(unitTax);
                        b.line(new NewLine(LineId.of("L" + i), Sku.of("SKU-" + i), Quantity.of(q), price, discount, tax));
                    }
                    if (orderDiscount.isPositive()) {
                        b.discount("D", orderDiscount);
                    }
                    dev.oms.spi.order.Order.ShippingCharge charge = new dev.oms.spi.order.Order.ShippingCharge("std",
                            shipping, host ? LineTax.perUnit(shippingTax) : LineTax.rates(TaxRate.of("T19", "19")));
                    // now and then a shipping coupon of up to all of it: refunds give back what was paid for shipping
                    long minor = dev.oms.core.MoneyAllocation.minorUnits(orderDiscount, "discount");
                    if (minor % 2 == 1) {
                        MonetaryAmount off = orderDiscount.isGreaterThan(shipping) ? shipping : orderDiscount;
                        charge = charge.withDiscount(new dev.oms.spi.order.Order.Discount("SHIP", off));
                    }
                    b.shipping(charge);
                    return delivered(DECIDER.place(b.build()).orThrow().order());
                });
    }

    /** Allocates, ships and delivers every unit (payment does not matter to the calculator). */
    static Order delivered(Order order) {
        List<LineQuantity> all = order.lines().stream().map(l -> new LineQuantity(l.id(), l.quantities().open())).toList();
        Order o = DECIDER.decide(order, new OrderCommand.Confirm()).orThrow().order();
        o = DECIDER.decide(o, new OrderCommand.Allocate(LocationId.of("wh"), all)).orThrow().order();
        o = DECIDER.decide(o, new OrderCommand.Ship(ShipmentId.of("s"), all)).orThrow().order();
        return DECIDER.decide(o, new OrderCommand.Deliver(ShipmentId.of("s"), all)).orThrow().order();
    }

    /** Splits every line's units into up to {@code parts} random partial refunds. */
    static List<List<RefundCalculator.RefundUnits>> split(Order order, long seed, int parts, boolean shipping,
            boolean fee) {
        Random random = new Random(seed);
        List<List<RefundCalculator.RefundUnits>> refunds = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            refunds.add(new ArrayList<>());
        }
        for (OrderLine line : order.lines()) {
            long left = line.quantities().open().value();
            for (int p = 0; p < parts && left > 0; p++) {
                long take = p == parts - 1 ? left : random.nextInt((int) left + 1);
                if (take > 0) {
                    refunds.get(p).add(new RefundCalculator.RefundUnits(line.id(), Quantity.of(take), shipping, fee));
                    left -= take;
                }
            }
        }
        refunds.removeIf(List::isEmpty);
        return refunds;
    }

    static List<RefundCalculator.RefundUnits> everything(Order order, boolean shipping, boolean fee) {
        return order.lines().stream().map(l -> new RefundCalculator.RefundUnits(l.id(), l.quantities().open(), shipping,
                fee)).toList();
    }

    @Property(tries = 1000)
    void partial_refunds_add_up_to_one_full_refund_part_by_part(@ForAll("deliveredOrders") Order order,
            @ForAll long seed, @ForAll("parts") int parts, @ForAll boolean shipping, @ForAll boolean percentFee,
            @ForAll("conventions") RefundConventions conventions) {
        RestockingFee fee = percentFee ? RestockingFee.percent("12.5") : RestockingFee.none();
        MonetaryAmount zero = Amounts.zero(order.currency());
        RefundAccount account = RefundAccount.empty(order.id());
        List<RefundBreakdown> partials = new ArrayList<>();
        for (List<RefundCalculator.RefundUnits> units : split(order, seed, parts, shipping, percentFee)) {
            RefundCalculator.Result result = RefundCalculator.calculate(order, units, account, fee, zero, java.util.Optional.empty(),
                    RefundMethod.ORIGINAL_PAYMENT, conventions);
            partials.add(result.breakdown());
            RefundNotesTest.requireExplained(result.breakdown());
            account = result.accountAfter();
        }
        RefundBreakdown full = RefundCalculator.calculate(order, everything(order, shipping, percentFee),
                RefundAccount.empty(order.id()), fee, zero, java.util.Optional.empty(), RefundMethod.ORIGINAL_PAYMENT,
                conventions).breakdown();
        boolean wholeOnce = conventions.shipping() == RefundConventions.ShippingRefund.WHOLE_ONCE;
        for (RefundLine f : full.lines()) {
            List<RefundLine> parts2 = partials.stream().flatMap(b -> b.lines().stream())
                    .filter(l -> l.lineId().equals(f.lineId())).toList();
            assertThat(sum(zero, parts2, RefundLine::orderDiscount)).as("order discount of " + f.lineId())
                    .isEqualTo(f.orderDiscount());
            assertThat(sum(zero, parts2, RefundLine::tax)).isEqualTo(f.tax());
            if (!wholeOnce) {   // the whole shipping goes with the first refund asking for it, on any line
                assertThat(sum(zero, parts2, RefundLine::shipping)).isEqualTo(f.shipping());
                assertThat(sum(zero, parts2, RefundLine::shippingTax)).isEqualTo(f.shippingTax());
            }
            assertThat(sum(zero, parts2, RefundLine::merchandise)).as("merchandise of " + f.lineId())
                    .isEqualTo(f.merchandise());
            assertThat(sum(zero, parts2, RefundLine::gross)).isEqualTo(f.gross());
            assertThat(sum(zero, parts2, RefundLine::restockingFee)).as("fee of " + f.lineId())
                    .isEqualTo(f.restockingFee());
            if (!wholeOnce) {
                assertThat(sum(zero, parts2, RefundLine::total)).isEqualTo(f.total());
            }
        }
        List<RefundLine> all = partials.stream().flatMap(b -> b.lines().stream()).toList();
        assertThat(sum(zero, all, RefundLine::shipping)).as("shipping of all refunds")
                .isEqualTo(sum(zero, full.lines(), RefundLine::shipping));
        if (!shipping || conventions.shipping() == RefundConventions.ShippingRefund.NONE) {
            assertThat(sum(zero, all, RefundLine::shipping)).isEqualTo(zero);
        }
        requireAddsUp(order, partials, full, "partial refunds");
        if (shipping && !percentFee && conventions.shipping() != RefundConventions.ShippingRefund.NONE) {
            assertThat(full.total()).as("everything with its shipping is the grand total")
                    .isEqualTo(OrderTotals.of(order).grandTotal());
        }
        assertThat(account.lines().values()).allSatisfy(u -> assertThat(u.units()).isGreaterThan(0));
    }

    /**
     * Goodwill given now and then between partial refunds, on a random line or on the order, up to
     * exactly what the line's unrefunded units are still worth less goodwill on them (one minor
     * unit more is refused): the refunds and the goodwill together are exactly one full refund,
     * each line's too, and the account keeps no goodwill once every unit is refunded.
     */
    @Property(tries = 1000)
    void goodwill_between_partial_refunds_is_taken_back_exactly(@ForAll("deliveredOrders") Order order,
            @ForAll long seed, @ForAll("parts") int parts, @ForAll boolean shipping,
            @ForAll("conventions") RefundConventions conventions) {
        MonetaryAmount zero = Amounts.zero(order.currency());
        java.util.Optional<MonetaryAmount> none = java.util.Optional.empty();
        Random random = new Random(seed);
        RefundAccount account = RefundAccount.empty(order.id());
        List<RefundBreakdown> all = new ArrayList<>();
        for (List<RefundCalculator.RefundUnits> units : split(order, seed, parts, shipping, false)) {
            if (random.nextInt(3) > 0) {
                RefundCalculator.Result given = giveGoodwill(order, account, random, conventions);
                net.jqwik.api.statistics.Statistics.label("goodwill given").collect(given != null);
                if (given != null) {
                    RefundNotesTest.requireExplained(given.breakdown());
                    all.add(given.breakdown());
                    account = given.accountAfter();
                }
            }
            RefundCalculator.Result result = RefundCalculator.calculate(order, units, account, RestockingFee.none(),
                    zero, none, RefundMethod.ORIGINAL_PAYMENT, conventions);
            RefundNotesTest.requireExplained(result.breakdown());
            all.add(result.breakdown());
            account = result.accountAfter();
        }
        RefundBreakdown full = RefundCalculator.calculate(order, everything(order, shipping, false),
                RefundAccount.empty(order.id()), RestockingFee.none(), zero, none, RefundMethod.ORIGINAL_PAYMENT,
                conventions).breakdown();
        requireAddsUp(order, all, full, "refunds and goodwill together");
        if (conventions.shipping() != RefundConventions.ShippingRefund.WHOLE_ONCE) {
            for (RefundLine f : full.lines()) {
                List<RefundLine> ofLine = all.stream().flatMap(b -> b.lines().stream())
                        .filter(l -> l.lineId().equals(f.lineId())).toList();
                assertThat(sum(zero, ofLine, RefundLine::total)).as("line " + f.lineId()).isEqualTo(f.total());
                assertThat(sum(zero, ofLine, RefundLine::goodwill)).as("goodwill of " + f.lineId()).isEqualTo(zero);
            }
        }
        assertThat(account.goodwill()).as("goodwill left to take back").isEmpty();
    }

    /**
     * Goodwill on a random line (or the order) of between one minor unit and all its room, the room
     * found independently: the line total of refunding all its unrefunded units without shipping
     * or fees. One minor unit more than the room is refused. Null where no line has room.
     */
    private static RefundCalculator.Result giveGoodwill(Order order, RefundAccount account, Random random,
            RefundConventions conventions) {
        MonetaryAmount zero = Amounts.zero(order.currency());
        java.util.Map<dev.oms.spi.LineId, Long> room = new java.util.LinkedHashMap<>();
        for (OrderLine line : order.lines()) {
            long left = line.quantities().open().value() - account.of(line.id()).units();
            if (left > 0) {
                RefundBreakdown rest = RefundCalculator.calculate(order, List.of(new RefundCalculator.RefundUnits(
                        line.id(), Quantity.of(left), false, false)), account, RestockingFee.none(), zero,
                        java.util.Optional.empty(), RefundMethod.ORIGINAL_PAYMENT, conventions).breakdown();
                room.put(line.id(), dev.oms.core.MoneyAllocation.minorUnits(rest.lines().get(0).total(), "room"));
            }
        }
        long whole = room.values().stream().mapToLong(Long::longValue).sum();
        if (conventions.splitLevel() == RefundConventions.SplitLevel.PER_REFUND) {
            // refunds rounded as a whole take no goodwill
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RefundCalculator.goodwill(order,
                    dev.oms.returns.Goodwill.onOrder(order.id(), Amounts.of(java.math.BigDecimal.ONE, order.currency()),
                            "sorry"), account, RefundMethod.ORIGINAL_PAYMENT, conventions))
                    .isInstanceOfSatisfying(dev.oms.spi.RuleViolationException.class,
                            e -> assertThat(e.rule()).isEqualTo("goodwill-with-per-refund-rounding"));
            return null;
        }
        if (whole == 0) {
            return null;
        }
        boolean onOrder = random.nextInt(4) == 0;
        dev.oms.spi.LineId target = room.entrySet().stream().filter(e -> e.getValue() > 0).map(java.util.Map.Entry::getKey)
                .skip(0).findFirst().orElseThrow();
        List<dev.oms.spi.LineId> withRoom = room.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(java.util.Map.Entry::getKey).toList();
        target = withRoom.get(random.nextInt(withRoom.size()));
        long limit = onOrder ? whole : room.get(target);
        long amount = random.nextBoolean() ? limit : 1 + (long) (random.nextDouble() * limit);
        amount = Math.min(amount, limit);
        dev.oms.spi.LineId line = target;
        java.util.function.LongFunction<dev.oms.returns.Goodwill> of = minor -> {
            MonetaryAmount a = dev.oms.core.MoneyAllocation.ofMinorUnits(minor, zero);
            return onOrder ? dev.oms.returns.Goodwill.onOrder(order.id(), a, "late-delivery")
                    : dev.oms.returns.Goodwill.onLines(order.id(), "scratched",
                            new dev.oms.returns.Goodwill.LineAmount(line, a));
        };
        RefundAccount before = account;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RefundCalculator.goodwill(order, of.apply(limit + 1),
                before, RefundMethod.ORIGINAL_PAYMENT, conventions))
                .isInstanceOfSatisfying(dev.oms.spi.RuleViolationException.class,
                        e -> assertThat(e.rule()).isEqualTo("goodwill-within-value"));
        return RefundCalculator.goodwill(order, of.apply(amount), account, RefundMethod.ORIGINAL_PAYMENT, conventions);
    }

    /** Cent prices, four-decimal prices, cash rounding to 0.05, each line rounding mode. */
    private static Arbitrary<dev.oms.spi.order.Pricing> pricings() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(java.math.RoundingMode.HALF_UP, java.math.RoundingMode.HALF_EVEN,
                        java.math.RoundingMode.DOWN)).as((fine, cash, mode) -> {
                    dev.oms.spi.order.Pricing p = dev.oms.spi.order.Pricing.standard().withLineRounding(mode)
                            .withUnitScale(fine ? 4 : 0);
                    return cash ? p.withCashRounding(dev.oms.spi.order.Pricing.CashRounding.halfUp("0.05")) : p;
                });
    }

    @Provide
    Arbitrary<RefundConventions> conventions() {
        return Combinators.combine(Arbitraries.of(RefundConventions.ShippingRefund.class),
                Arbitraries.of(java.math.RoundingMode.DOWN, java.math.RoundingMode.HALF_UP,
                        java.math.RoundingMode.HALF_EVEN), Arbitraries.of(RefundConventions.SplitLevel.class))
                .as((shipping, split, level) -> RefundConventions.standard().withShipping(shipping)
                        .withSplitRounding(split).withSplitLevel(level));
    }

    @Provide
    Arbitrary<Integer> parts() {
        return Arbitraries.integers().between(1, 4);
    }

    /**
     * The refunds add up to the full refund exactly; rounded per refund, plus what refunds that
     * paid nothing did not take off (and where the order is cash-rounded, that rounded up to at
     * most one more increment).
     */
    static void requireAddsUp(Order order, List<RefundBreakdown> refunds, RefundBreakdown full, String what) {
        MonetaryAmount zero = Amounts.zero(order.currency());
        MonetaryAmount sum = refunds.stream().map(RefundBreakdown::total).reduce(zero, MonetaryAmount::add);
        MonetaryAmount extra = notTakenOff(refunds, zero);
        if (extra.isZero() || order.header().pricing().cashRounding().isEmpty()) {
            assertThat(sum).as(what).isEqualTo(full.total().add(extra));
        } else {
            MonetaryAmount increment = zero.getFactory().setNumber(order.header().pricing().cashRounding().get()
                    .increment()).create();
            assertThat(sum).as(what).isBetween(full.total(), full.total().add(extra).add(increment));
        }
    }

    /**
     * Rounded per refund, what refunds that fees or goodwill taken back would have made negative
     * did not take off (each says so in its rounding note); zero under every other convention.
     */
    static MonetaryAmount notTakenOff(List<RefundBreakdown> refunds, MonetaryAmount zero) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("pays nothing \\(([0-9.]+) of the rounding not taken off");
        MonetaryAmount sum = zero;
        for (RefundBreakdown b : refunds) {
            for (RefundBreakdown.Note n : b.notes()) {
                java.util.regex.Matcher m = p.matcher(n.rule());
                if (n.part().equals("payoutRounding") && m.find()) {
                    sum = sum.add(zero.getFactory().setNumber(new java.math.BigDecimal(m.group(1))).create());
                    net.jqwik.api.statistics.Statistics.label("refund rounded per refund paying nothing")
                            .collect(true);
                }
            }
        }
        return sum;
    }

    private static MonetaryAmount sum(MonetaryAmount zero, List<RefundLine> lines,
            java.util.function.Function<RefundLine, MonetaryAmount> part) {
        MonetaryAmount total = zero;
        for (RefundLine l : lines) {
            total = total.add(part.apply(l));
        }
        return total;
    }
}
