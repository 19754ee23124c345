package dev.oms.returns.internal;

import dev.oms.core.MoneyAllocation;
import dev.oms.core.OrderTotals;
import dev.oms.returns.RefundConventions;
import dev.oms.returns.ReturnPolicy;
import dev.oms.returns.ReturnPolicy.RestockingFee;
import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Pricing;
import dev.oms.spi.order.TaxLine;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.RefundLine;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * Computes refunds a merchant can defend line by line, exactly, in whole minor units.
 *
 * <p>Per refunded line, with {@code q} units of a line whose open quantity is {@code n}:
 * <ul>
 *   <li>gross {@code = unit price x q}, line discount {@code = unit discount x q} (exact,
 *       because oms keeps prices per unit). Where the order's {@code Pricing} allows unit prices
 *       finer than the minor unit, the line's discount and its value after it on its {@code n}
 *       units are rounded at the line as the order's totals have them; the discounts are split
 *       over the units cumulatively (below) and what the units paid after them by the
 *       complementary rounding (up where the split rounds down), and the gross is their sum: so
 *       every part only grows with the units, none is negative, and the refunds of all {@code n}
 *       units are exactly the line's value;</li>
 *   <li>tax: the line's own tax on its {@code n} units ({@link OrderTotals#lineTaxes()}, so under
 *       the order's tax policy, rates or host amounts, any rounding level), of which the units
 *       refunded so far take their cumulative part; frozen at the line's first refund like the
 *       discount, and after a change the lines not frozen share what the frozen ones do not hold. Where the order's prices include their tax, so
 *       do the gross, the discounts and the shipping share, and the line's total does not add the
 *       tax again ({@link RefundLine#taxIncluded()});</li>
 *   <li>the order-level discount: the line's exact share of it (largest remainder by value, see
 *       {@link OrderTotals#orderDiscountShares}), of which the units refunded so far take their
 *       cumulative part;</li>
 *   <li>shipping and its tax, if the policy refunds shipping for the reason: the order's
 *       shipping split over lines by value the same way, then per unit cumulatively
 *       ({@link RefundConventions.ShippingRefund#PRO_RATA}); or all of the order's shipping and its
 *       tax on the first line of the first refund asking for it, and none after
 *       ({@code WHOLE_ONCE}: an earlier refund that counted shipping units gave it); or none
 *       ({@code NONE});</li>
 *   <li>a percentage restocking fee: the percentage, rounded down to the minor unit (in the
 *       customer's favour), of the merchandise value of the fee-bearing units refunded so far,
 *       minus what earlier refunds of the line charged; so it never exceeds the units'
 *       merchandise, and fees over partial refunds add up to the fee of one full refund. A fixed
 *       fee is split over the return's fee-bearing lines by value.</li>
 * </ul>
 * <b>Cumulative</b> means: the first {@code r} of {@code n} units of a line are worth
 * {@code floor(part x r / n)} of a part (rounded half up or half even instead where the policy's
 * {@link RefundConventions#splitRounding()} says so), and all {@code n} are worth all of it. A refund of
 * {@code q} more units gets the difference. So any number of partial refunds add up to one full
 * refund to the minor unit, whatever the order in which they come. A line's parts and {@code n}
 * are frozen in the {@link RefundAccount} at its first refund, so a cancellation or an edit between
 * two of its refunds does not change them (a refund beyond the units frozen then is refused,
 * {@code refund-within-frozen-units}); lines not refunded yet split what the frozen lines do not
 * hold, so the parts of all lines never add up to more than the order's discount and shipping. The {@link RefundAccount}
 * counts the units refunded so far; the calculator returns the account after the refund, and
 * the store saves it with a version check so refunds of one order are counted one after the other.
 *
 * <p>Where the order's amount due is cash-rounded, the refund total is too, cumulatively: the
 * account keeps what the refunds so far came to before rounding, each refund pays the rounded sum
 * with it less the rounded sum before it, and the difference to its own amount is the
 * breakdown's {@code payoutRounding}. So partial refunds add up to the rounded full refund, which
 * is what was paid.
 *
 * <p>Pure and thread-safe.
 */
public final class RefundCalculator {
    private RefundCalculator() {
    }

    /**
     * Units of one order line to refund, with the policy's answer for their reason.
     *
     * @param lineId the order line
     * @param units units, {@code > 0}
     * @param refundShipping whether their share of the original shipping is refunded
     * @param restockingFee whether the restocking fee applies to them
     */
    public record RefundUnits(LineId lineId, Quantity units, boolean refundShipping, boolean restockingFee) {
        /** @throws InvalidInputException if a field is null or the units zero */
        public RefundUnits {
            InvalidInputException.requireNonNull(lineId, "RefundUnits.lineId");
            Quantity.requirePositive(units, "RefundUnits.units");
        }
    }

    /**
     * @param breakdown the refund, line by line
     * @param accountAfter the order's refund account with this refund counted, at the next version
     */
    public record Result(RefundBreakdown breakdown, RefundAccount accountAfter) {
    }

    /**
     * @param order the order, as it is now
     * @param units what to refund
     * @param account what was refunded of the order so far
     * @param fee the restocking fee
     * @param returnShippingFee what the customer pays to ship the return back (zero if nothing)
     * @param method where the money goes
     * @return the refund and the account after it
     * @throws RuleViolationException ({@code refund-within-open-units}) if units refunded so far
     *     plus these exceed a line's open quantity
     * @throws CurrencyMismatchException if a fee is in another currency than the order
     * @throws dev.oms.spi.InvalidInputException.UnknownLineException if a line is not the order's
     */
    public static Result calculate(Order order, List<RefundUnits> units, RefundAccount account, RestockingFee fee,
            MonetaryAmount returnShippingFee, RefundMethod method) {
        return calculate(order, units, account, fee, returnShippingFee, Optional.empty(), method,
                RefundConventions.standard());
    }

    /**
     * As {@link #calculate(Order, List, RefundAccount, RestockingFee, MonetaryAmount, RefundMethod)},
     * under the merchant's conventions ({@link RefundConventions}).
     *
     * @param order the order, as it is now
     * @param units what to refund
     * @param account what was refunded of the order so far
     * @param fee the restocking fee
     * @param returnShippingFee what the customer pays to ship the return back (zero if nothing),
     *     its tax included
     * @param returnShippingFeeTax the tax in that fee, if it is taxed (scaled down with the fee
     *     where the fee is more than the refund's lines and only their sum is taken)
     * @param method where the money goes
     * @param conventions how shipping, splits and the store-credit payout are treated
     * @return the refund and the account after it
     */
    public static Result calculate(Order order, List<RefundUnits> units, RefundAccount account, RestockingFee fee,
            MonetaryAmount returnShippingFee, Optional<MonetaryAmount> returnShippingFeeTax, RefundMethod method,
            RefundConventions conventions) {
        InvalidInputException.requireNonNull(conventions, "conventions");
        InvalidInputException.requireNonNull(returnShippingFeeTax, "returnShippingFeeTax");
        InvalidInputException.requireNonNull(order, "order");
        InvalidInputException.requireNonNull(units, "units");
        InvalidInputException.requireNonNull(account, "account");
        InvalidInputException.requireNonNull(fee, "fee");
        InvalidInputException.requireNonNull(returnShippingFee, "returnShippingFee");
        InvalidInputException.requireNonNull(method, "method");
        if (units.isEmpty()) {
            throw new InvalidInputException("units", "a refund has at least one line");
        }
        if (!account.orderId().equals(order.id())) {
            throw new InvalidInputException("account", "the refund account is of order " + account.orderId()
                    + ", not " + order.id());
        }
        CurrencyUnit currency = order.currency();
        requireCurrency(returnShippingFee, currency, "returnShippingFee");
        Money money = new Money(currency, conventions.splitRounding(), conventions.perUnit());
        // whole shipping once: given already if an earlier refund counted shipping units
        boolean shippingGiven = account.lines().values().stream().anyMatch(u -> u.shippingUnits() > 0);
        Pricing pricing = order.header().pricing();
        List<OrderLine> lines = order.lines();
        OrderTotals totals = OrderTotals.of(order);
        boolean taxIncluded = totals.basis() == TaxPolicy.PriceBasis.TAX_INCLUSIVE;
        Map<LineId, RefundAccount.FrozenShares> frozen = account.shares();
        Map<LineId, RefundAccount.FrozenShares> parts = parts(order, account, totals, money);
        Map<LineId, RefundAccount.FrozenShares> frozenAfter = new java.util.HashMap<>(frozen);

        List<RefundLine> refundLines = new ArrayList<>();
        List<RefundBreakdown.Note> notes = new ArrayList<>();
        List<Boolean> feeBearing = new ArrayList<>();
        RefundAccount after = account;
        Set<LineId> seen = new HashSet<>();
        for (RefundUnits u : units) {
            if (!seen.add(u.lineId())) {
                throw new InvalidInputException("units", "line " + u.lineId() + " appears twice");
            }
            OrderLine line = order.requireLine(u.lineId());
            long open = line.quantities().open().value();
            long q = u.units().value();
            RefundAccount.RefundedUnits before = account.of(line.id());
            if (before.units() + q > open) {
                throw new RuleViolationException(order.id(), "refund-within-open-units", "line " + line.id() + ": "
                        + before.units() + " units refunded already and " + q + " more exceed the " + open + " open");
            }
            RefundAccount.FrozenShares share = parts.get(line.id());
            frozenAfter.putIfAbsent(line.id(), share);
            long n = share.units();
            if (before.units() + q > n) {
                throw new RuleViolationException(order.id(), "refund-within-frozen-units", "line " + line.id()
                        + " had " + n + " open units when its refund shares were frozen at the order's first refund; "
                        + before.units() + " refunded already and " + q + " more exceed them");
            }
            // the line's discount and its value after it on the n units, split cumulatively (exact
            // per unit where prices are in minor units; rounded at the line where they are finer)
            MonetaryAmount discountOfLine = pricing.lineAmount(line.unitDiscount(), n);
            MonetaryAmount taxOfLine = frozenTax(order, line.id(), share, money);
            Worth worth = Worth.of(line, share, taxOfLine, pricing, taxIncluded, money);
            MonetaryAmount valueOfLine = money.of(worth.value());
            long value = worth.value();
            long discountShare = worth.discountShare();
            MonetaryAmount lineDiscount = money.cumulative(discountOfLine, before.units(), q, n);
            MonetaryAmount orderDiscount = money.of(money.orderShareUpTo(value, discountShare, before.units() + q, n)
                    - money.orderShareUpTo(value, discountShare, before.units(), n));
            MonetaryAmount paid = money.of(money.paidUpTo(value, discountShare, before.units() + q, n)
                    - money.paidUpTo(value, discountShare, before.units(), n));
            MonetaryAmount gross = paid.add(orderDiscount).add(lineDiscount);
            MonetaryAmount tax = money.cumulative(taxOfLine, before.units(), q, n);
            MonetaryAmount shipping = Amounts.zero(currency);
            MonetaryAmount shippingTax = Amounts.zero(currency);
            boolean shippingCounted = false;
            if (u.refundShipping() && conventions.shipping() == RefundConventions.ShippingRefund.PRO_RATA) {
                shipping = money.cumulative(share.shipping(), before.shippingUnits(), q, n);
                shippingTax = money.cumulative(share.shippingTax(), before.shippingUnits(), q, n);
                shippingCounted = true;
            } else if (u.refundShipping() && conventions.shipping() == RefundConventions.ShippingRefund.WHOLE_ONCE
                    && !shippingGiven) {
                shipping = totals.shipping();
                shippingTax = totals.shippingTax();
                shippingGiven = true;
                shippingCounted = true;
            }
            // goodwill given on these units before is taken back in proportion to their worth
            MonetaryAmount given = Amounts.zero(currency);
            Optional<RefundAccount.Goodwill> goodwill = Optional.ofNullable(account.goodwill().get(line.id()));
            MonetaryAmount own = taxIncluded ? paid.add(shipping) : paid.add(tax).add(shipping).add(shippingTax);
            if (goodwill.isPresent()) {
                long back = Math.min(worth.goodwillUpTo(goodwill.get(), before.units() + q)
                        - worth.goodwillUpTo(goodwill.get(), before.units()), money.minor(own));
                given = money.of(back).negate();
            }
            MonetaryAmount restocking = Amounts.zero(currency);
            if (u.restockingFee() && fee instanceof RestockingFee.Percent percent) {
                long done = before.feeUnits();
                long charged = money.percentDown(money.paidUpTo(value, discountShare, done + q, n), percent.percent())
                        - money.percentDown(money.paidUpTo(value, discountShare, done, n), percent.percent());
                restocking = min(min(money.of(charged), paid), own.add(given));
            }
            refundLines.add(new RefundLine(line.id(), u.units(), gross, lineDiscount, orderDiscount, tax, shipping,
                    shippingTax, restocking, taxIncluded, given));
            Explain explain = new Explain(notes, line.id(), money, before.units(), q, n);
            if (value % n == 0 && money.minor(discountOfLine) % n == 0) {
                explain.note("gross", gross, "unit price " + money.text(line.unitPrice()) + " x " + q);
                explain.note("lineDiscount", lineDiscount, "unit discount " + money.text(line.unitDiscount()) + " x " + q);
            } else {
                explain.note("gross", gross, "what " + explain.units() + " paid, " + money.text(paid) + " of the line's "
                        + money.text(valueOfLine) + " after its discounts (rounded " + Explain.name(
                        Money.complement(conventions.splitRounding())) + "), plus their discounts");
                explain.split("lineDiscount", lineDiscount, "the line's discount", discountOfLine, conventions);
            }
            explain.split("orderDiscount", orderDiscount, "the line's share of the order discounts",
                    share.orderDiscount(), money.orderShareUpTo(value, discountShare, before.units() + q, n),
                    money.orderShareUpTo(value, discountShare, before.units(), n), conventions);
            explain.split("tax", tax, "the line's tax" + (taxIncluded ? " (included in the prices)" : ""),
                    taxOfLine, conventions);
            if (shippingCounted && conventions.shipping() == RefundConventions.ShippingRefund.WHOLE_ONCE) {
                explain.note("shipping", shipping, "the order's whole shipping, once (whole-once convention)");
                explain.note("shippingTax", shippingTax, "the tax on the order's whole shipping");
            } else if (shippingCounted) {
                Explain shipped = new Explain(notes, line.id(), money, before.shippingUnits(), q, n);
                shipped.split("shipping", shipping, "the line's share of the shipping by value", share.shipping(),
                        conventions);
                shipped.split("shippingTax", shippingTax, "the line's share of the shipping tax", share.shippingTax(),
                        conventions);
            }
            if (restocking.isPositive() && fee instanceof RestockingFee.Percent percent) {
                explain.note("restockingFee", restocking, percent.percent().stripTrailingZeros().toPlainString()
                        + " % of what the fee-bearing units paid, rounded down, less what earlier refunds charged"
                        + (given.isNegative() ? ", at most what is left after the goodwill taken back" : ""));
            }
            if (given.isNegative()) {
                RefundAccount.Goodwill g = goodwill.get();
                notes.add(new RefundBreakdown.Note(Optional.of(line.id()), "goodwill", given, "goodwill given before "
                        + "on units " + (g.fromUnit() + 1) + "-" + n + ", " + money.text(g.amount()) + ", taken back in "
                        + "proportion to what " + explain.units() + " are worth ("
                        + money.text(money.of(worth.upTo(before.units() + q) - worth.upTo(before.units()))) + " of "
                        + money.text(money.of(worth.upTo(n) - worth.upTo(g.fromUnit()))) + ", rounded down; the last "
                        + "unit takes the rest)"));
            }
            feeBearing.add(u.restockingFee());
            after = after.plus(line.id(), new RefundAccount.RefundedUnits(q, shippingCounted ? q : 0,
                    u.restockingFee() && fee instanceof RestockingFee.Percent ? q : 0));
            if (goodwill.isPresent()) {
                // what is left of it, from the units refunded now
                after = after.withGoodwill(line.id(), new RefundAccount.Goodwill(before.units() + q, goodwill.get()
                        .amount().subtract(money.of(worth.goodwillUpTo(goodwill.get(), before.units()))).add(given)));
            }
        }
        if (fee instanceof RestockingFee.Fixed fixed) {
            requireCurrency(fixed.amount(), currency, "restockingFee");
            refundLines = withFixedFee(refundLines, feeBearing, fixed.amount(), money);
            for (RefundLine l : refundLines) {
                if (l.restockingFee().isPositive()) {
                    notes.add(new RefundBreakdown.Note(Optional.of(l.lineId()), "restockingFee", l.restockingFee(),
                            "its part of the fixed fee " + money.text(fixed.amount())
                                    + ", shared over the refund's fee-bearing lines by value"));
                }
            }
        }
        MonetaryAmount linesTotal = Amounts.zero(currency);
        for (RefundLine l : refundLines) {
            linesTotal = linesTotal.add(l.total());
        }
        MonetaryAmount shippingFee = min(returnShippingFee, linesTotal);
        Optional<MonetaryAmount> shippingFeeTax = returnShippingFeeTax.map(t -> shippingFee.isEqualTo(returnShippingFee)
                ? t : money.of(MoneyAllocation.part(money.minor(t), money.minor(shippingFee),
                        money.minor(returnShippingFee))));
        Optional<Rounded> perRefund = Optional.empty();
        if (conventions.splitLevel() == RefundConventions.SplitLevel.PER_REFUND) {
            perRefund = Optional.of(Rounded.of(order, account, after, parts, totals, conventions, money));
        }
        return paid(order, account, after.withShares(frozenAfter), refundLines, shippingFee, shippingFeeTax,
                returnShippingFee, method, conventions, money, notes, perRefund);
    }

    /**
     * A refund rounded once as a whole ({@link RefundConventions.SplitLevel#PER_REFUND}): the exact
     * value of what the refunds so far gave back, before and with this one, each rounded by the
     * split's mode.
     *
     * @param exactBefore the refunds before, exactly, as text
     * @param exactAfter with this one, exactly, as text
     * @param before the refunds before, rounded
     * @param after with this one, rounded
     */
    private record Rounded(String exactBefore, String exactAfter, long before, long after) {
        static Rounded of(Order order, RefundAccount before, RefundAccount after,
                Map<LineId, RefundAccount.FrozenShares> parts, OrderTotals totals, RefundConventions conventions,
                Money money) {
            Fraction was = exact(order, before, parts, totals, conventions, money);
            Fraction now = exact(order, after, parts, totals, conventions, money);
            RoundingMode mode = conventions.splitRounding();
            return new Rounded(was.text(money), now.text(money), was.round(mode), now.round(mode));
        }

        /**
         * What refunds counted in the account gave back of the lines' parts, exactly: per line its
         * paid value and tax times its units refunded over its units, its shipping share (and tax)
         * times its units refunded with shipping over its units; the whole shipping where it goes
         * whole once and was given. Fees and goodwill are whole amounts and not in it.
         */
        private static Fraction exact(Order order, RefundAccount account, Map<LineId, RefundAccount.FrozenShares> parts,
                OrderTotals totals, RefundConventions conventions, Money money) {
            boolean taxIncluded = totals.basis() == TaxPolicy.PriceBasis.TAX_INCLUSIVE;
            boolean wholeOnce = conventions.shipping() == RefundConventions.ShippingRefund.WHOLE_ONCE;
            Fraction sum = Fraction.ZERO;
            boolean shippingGiven = false;
            for (Map.Entry<LineId, RefundAccount.RefundedUnits> e : account.lines().entrySet()) {
                RefundAccount.FrozenShares share = account.shares().getOrDefault(e.getKey(), parts.get(e.getKey()));
                OrderLine line = order.requireLine(e.getKey());
                Worth worth = Worth.of(line, share, frozenTax(order, line.id(), share, money), order.header().pricing(),
                        taxIncluded, money);
                long n = share.units();
                long value = worth.value() - worth.discountShare() + (taxIncluded ? 0 : worth.tax());
                sum = sum.plus(value, e.getValue().units(), n);
                shippingGiven |= e.getValue().shippingUnits() > 0;
                if (conventions.shipping() == RefundConventions.ShippingRefund.PRO_RATA) {
                    long shipping = money.minor(share.shipping()) + (taxIncluded ? 0 : money.minor(share.shippingTax()));
                    sum = sum.plus(shipping, e.getValue().shippingUnits(), n);
                }
            }
            if (wholeOnce && shippingGiven) {
                sum = sum.plus(money.minor(totals.shipping()) + (taxIncluded ? 0 : money.minor(totals.shippingTax())),
                        1, 1);
            }
            return sum;
        }
    }

    /** A non-negative fraction of minor units, kept exact. */
    private record Fraction(BigInteger numerator, BigInteger denominator) {
        static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);

        /** This plus {@code whole x units / n} (nothing where {@code n} is zero). */
        Fraction plus(long whole, long units, long n) {
            if (n == 0 || units == 0 || whole == 0) {
                return this;
            }
            BigInteger num = BigInteger.valueOf(whole).multiply(BigInteger.valueOf(units));
            BigInteger den = BigInteger.valueOf(n);
            BigInteger top = numerator.multiply(den).add(num.multiply(denominator));
            BigInteger bottom = denominator.multiply(den);
            BigInteger gcd = top.gcd(bottom);
            return gcd.signum() == 0 ? ZERO : new Fraction(top.divide(gcd), bottom.divide(gcd));
        }

        long round(RoundingMode mode) {
            return new BigDecimal(numerator).divide(new BigDecimal(denominator), 0, mode).longValueExact();
        }

        /** As an amount, to four digits below the minor unit where it is not whole. */
        String text(Money money) {
            BigDecimal minor = new BigDecimal(numerator).divide(new BigDecimal(denominator), 4, RoundingMode.HALF_UP)
                    .stripTrailingZeros();
            String approx = denominator.equals(BigInteger.ONE) ? "" : "about ";
            return approx + money.textOfMinor(minor);
        }
    }

    /**
     * Goodwill: money given without units, on lines or split over the order's lines by what their
     * unrefunded units are still worth ({@link dev.oms.returns.Goodwill}). Each line given some has
     * its parts frozen (as at a refund) and keeps the goodwill in the account, from its units
     * refunded so far, for later refunds of its units to take back. Paid out like a refund (cash
     * rounding, store-credit truncation).
     *
     * @param order the order, as it is now
     * @param goodwill what is given
     * @param account what was refunded of the order so far
     * @param method where the money goes
     * @param conventions how splits and the store-credit payout are treated
     * @return the goodwill refund, one goodwill line per line given some, and the account after it
     * @throws RuleViolationException ({@code goodwill-within-value}) if a line, or the order, is
     *     given more than its unrefunded units are still worth less goodwill given on them before
     * @throws CurrencyMismatchException if an amount is in another currency than the order
     * @throws dev.oms.spi.InvalidInputException.UnknownLineException if a line is not the order's
     */
    public static Result goodwill(Order order, dev.oms.returns.Goodwill goodwill, RefundAccount account,
            RefundMethod method, RefundConventions conventions) {
        InvalidInputException.requireNonNull(order, "order");
        InvalidInputException.requireNonNull(goodwill, "goodwill");
        InvalidInputException.requireNonNull(account, "account");
        InvalidInputException.requireNonNull(method, "method");
        InvalidInputException.requireNonNull(conventions, "conventions");
        if (!account.orderId().equals(order.id()) || !goodwill.orderId().equals(order.id())) {
            throw new InvalidInputException("goodwill", "the goodwill and the refund account are of order "
                    + goodwill.orderId() + " and " + account.orderId() + ", not " + order.id());
        }
        CurrencyUnit currency = order.currency();
        Money money = new Money(currency, conventions.splitRounding(), conventions.perUnit());
        if (conventions.splitLevel() == RefundConventions.SplitLevel.PER_REFUND) {
            // a refund rounded as a whole can pay out in rounding what the goodwill's take-back
            // later needs, so the two together could exceed one full refund
            throw new RuleViolationException(order.id(), "goodwill-with-per-refund-rounding", "goodwill is not "
                    + "given where refunds are rounded per refund (RefundConventions.SplitLevel.PER_REFUND)");
        }
        OrderTotals totals = OrderTotals.of(order);
        boolean taxIncluded = totals.basis() == TaxPolicy.PriceBasis.TAX_INCLUSIVE;
        Map<LineId, RefundAccount.FrozenShares> parts = parts(order, account, totals, money);
        // what each line's unrefunded units are still worth, less goodwill still on them; none on a
        // line whose open units changed since they were frozen, or with units not yet shipped (they
        // could still be cancelled, and the goodwill on them would never be taken back)
        Map<LineId, Long> room = new java.util.LinkedHashMap<>();
        Map<LineId, Worth> worths = new java.util.HashMap<>();
        for (OrderLine line : order.lines()) {
            RefundAccount.FrozenShares share = parts.get(line.id());
            Worth worth = Worth.of(line, share, frozenTax(order, line.id(), share, money), order.header().pricing(),
                    taxIncluded, money);
            worths.put(line.id(), worth);
            long done = account.of(line.id()).units();
            room.put(line.id(), whyNoRoom(line, share).isPresent() ? 0 : Math.max(0, worth.upTo(share.units())
                    - worth.upTo(done) - outstanding(account, line.id(), worth, done, money)));
        }
        Map<LineId, Long> given = new java.util.LinkedHashMap<>();
        List<RefundBreakdown.Note> notes = new ArrayList<>();
        if (goodwill.onOrder().isPresent()) {
            MonetaryAmount amount = goodwill.onOrder().get();
            requireCurrency(amount, currency, "Goodwill.onOrder");
            long whole = room.values().stream().mapToLong(Long::longValue).sum();
            if (money.minor(amount) > whole) {
                throw new RuleViolationException(order.id(), "goodwill-within-value", "goodwill " + money.text(amount)
                        + " on the order exceeds what its unrefunded units are still worth less goodwill given on "
                        + "them before, " + money.text(money.of(whole)));
            }
            List<LineId> ids = new ArrayList<>(room.keySet());
            List<MonetaryAmount> split = MoneyAllocation.allocate(amount, room.values().stream()
                    .mapToLong(Long::longValue).toArray());
            for (int i = 0; i < ids.size(); i++) {
                long part = money.minor(split.get(i));
                if (part > 0) {
                    given.put(ids.get(i), part);
                    notes.add(new RefundBreakdown.Note(Optional.of(ids.get(i)), "goodwill", split.get(i), "its share "
                            + "of " + money.text(amount) + " on the order (" + goodwill.reason() + ") by what the "
                            + "lines are still worth: " + money.text(money.of(room.get(ids.get(i)))) + " of "
                            + money.text(money.of(whole)) + " (largest remainder)"));
                }
            }
        } else {
            for (dev.oms.returns.Goodwill.LineAmount asked : goodwill.onLines()) {
                OrderLine line = order.requireLine(asked.lineId());
                requireCurrency(asked.amount(), currency, "Goodwill.onLines");
                long limit = room.get(line.id());
                if (money.minor(asked.amount()) > limit) {
                    throw new RuleViolationException(order.id(), "goodwill-within-value", "goodwill "
                            + money.text(asked.amount()) + " on line " + line.id() + " exceeds what its unrefunded "
                            + "units are still worth less goodwill given on them before, " + money.text(money.of(limit))
                            + whyNoRoom(line, parts.get(line.id())).map(why -> " (" + why + ")").orElse(""));
                }
                given.put(line.id(), money.minor(asked.amount()));
                notes.add(new RefundBreakdown.Note(Optional.of(line.id()), "goodwill", asked.amount(), "given on the "
                        + "line (" + goodwill.reason() + "), at most " + money.text(money.of(limit)) + ", what its "
                        + "unrefunded units are still worth less goodwill given on them before"));
            }
        }
        List<RefundLine> lines = new ArrayList<>();
        Map<LineId, RefundAccount.FrozenShares> frozenAfter = new java.util.HashMap<>(account.shares());
        given.keySet().forEach(id -> frozenAfter.putIfAbsent(id, parts.get(id)));
        RefundAccount after = account.withShares(frozenAfter);
        for (Map.Entry<LineId, Long> e : given.entrySet()) {
            LineId id = e.getKey();
            long done = account.of(id).units();
            long still = outstanding(account, id, worths.get(id), done, money);
            after = after.withGoodwill(id, new RefundAccount.Goodwill(done, money.of(Math.addExact(still,
                    e.getValue()))));
            lines.add(RefundLine.goodwill(id, money.of(e.getValue()), taxIncluded));
        }
        if (method == RefundMethod.STORE_CREDIT && conventions.storeCreditPayout().isPresent()) {
            // truncated, the credit would be less than what later refunds take back
            MonetaryAmount total = money.of(given.values().stream().mapToLong(Long::longValue).sum());
            Pricing.CashRounding credit = conventions.storeCreditPayout().get();
            credit.requireFits(currency, "RefundConventions.storeCreditPayout");
            if (!credit.round(total).isEqualTo(total) || order.header().pricing().cashRounding().isPresent()) {
                throw new InvalidInputException("Goodwill", "goodwill of " + money.text(total) + " as store credit "
                        + "is given in whole increments of " + credit.increment().toPlainString()
                        + ", the merchant's store-credit unit, on an order without cash rounding");
            }
        }
        MonetaryAmount zero = Amounts.zero(currency);
        return paid(order, account, after, lines, zero, Optional.empty(), zero, method, conventions, money, notes,
                Optional.empty());
    }

    /** Why a line takes no goodwill whatever it is worth, if it takes none. */
    private static Optional<String> whyNoRoom(OrderLine line, RefundAccount.FrozenShares share) {
        dev.oms.spi.order.Order.LineQuantities q = line.quantities();
        if (q.open().value() < share.units()) {
            return Optional.of("its open units changed since its refund shares were frozen");
        }
        long unshipped = q.unallocated().value() + q.allocated().value();
        return unshipped > 0 ? Optional.of(unshipped + " of its units are not shipped yet and could still be "
                + "cancelled") : Optional.empty();
    }

    /** The goodwill on a line later refunds of its units, after the first {@code done}, still take back. */
    private static long outstanding(RefundAccount account, LineId line, Worth worth, long done, Money money) {
        RefundAccount.Goodwill g = account.goodwill().get(line);
        return g == null ? 0 : money.minor(g.amount()) - worth.goodwillUpTo(g, done);
    }

    /**
     * The refund of these lines less the return shipping fee, paid out: cash-rounded cumulatively
     * where the order's amount due is, store credit truncated where the conventions say so.
     */
    private static Result paid(Order order, RefundAccount account, RefundAccount after, List<RefundLine> refundLines,
            MonetaryAmount shippingFee, Optional<MonetaryAmount> shippingFeeTax, MonetaryAmount returnShippingFee,
            RefundMethod method, RefundConventions conventions, Money money, List<RefundBreakdown.Note> notes,
            Optional<Rounded> perRefund) {
        CurrencyUnit currency = order.currency();
        Pricing pricing = order.header().pricing();
        MonetaryAmount linesTotal = Amounts.zero(currency);
        for (RefundLine l : refundLines) {
            linesTotal = linesTotal.add(l.total());
        }
        MonetaryAmount base = linesTotal.subtract(shippingFee);
        MonetaryAmount own = base;
        String perRefundRule = null;
        if (perRefund.isPresent()) {
            Rounded r = perRefund.get();
            long parts = 0;
            for (RefundLine l : refundLines) {
                parts += money.minor(l.total().add(l.restockingFee()).subtract(l.goodwill()));
            }
            // never below nothing: fees and goodwill taken back are whole amounts, off after the rounding
            long wanted = r.after() - r.before() - parts;
            long adjust = Math.max(wanted, -money.minor(base));
            own = base.add(money.of(adjust));
            perRefundRule = "rounded per refund: the refunds so far are worth " + r.exactAfter() + ", rounded "
                    + Explain.name(conventions.splitRounding()) + " to " + money.text(money.of(r.after()))
                    + (r.before() == 0 && r.exactBefore().equals(money.text(money.of(0))) ? ""
                            : ", of which " + money.text(money.of(r.before())) + " (" + r.exactBefore()
                                    + ") before this refund")
                    + "; this refund's parts give " + money.text(money.of(parts))
                    + (adjust == wanted ? "" : "; its fees and the goodwill it takes back leave less than the rounding takes off, so it pays nothing ("
                            + money.text(money.of(adjust - wanted)) + " of the rounding not taken off)");
        }
        MonetaryAmount payout = own;
        if (pricing.cashRounding().isPresent()) {
            // each refund pays the rounded sum so far less the rounded sum before it
            MonetaryAmount before = account.beforeCashRounding().orElse(Amounts.zero(currency));
            MonetaryAmount sum = before.add(own);
            payout = pricing.cashRounded(sum).subtract(pricing.cashRounded(before));
            after = after.withBeforeCashRounding(sum);
        }
        if (method == RefundMethod.STORE_CREDIT && conventions.storeCreditPayout().isPresent()) {
            conventions.storeCreditPayout().get().requireFits(currency, "RefundConventions.storeCreditPayout");
            payout = conventions.storeCreditPayout().get().round(payout);
        }
        Optional<MonetaryAmount> rounding = pricing.cashRounding().isPresent() || perRefund.isPresent()
                || !payout.isEqualTo(base) ? Optional.of(payout.subtract(base)) : Optional.empty();
        if (shippingFee.isPositive()) {
            notes.add(new RefundBreakdown.Note(Optional.empty(), "returnShippingFee", shippingFee,
                    "return shipping the customer pays" + shippingFeeTax.map(t -> ", " + money.text(t) + " of it tax")
                            .orElse("") + (shippingFee.isEqualTo(returnShippingFee) ? ""
                            : ", cut to what the lines give back")));
        }
        if (rounding.isPresent()) {
            StringBuilder rule = new StringBuilder(perRefundRule == null ? "" : perRefundRule);
            if (pricing.cashRounding().isPresent()) {
                rule.append(rule.length() == 0 ? "" : "; ");
                MonetaryAmount before = account.beforeCashRounding().orElse(Amounts.zero(currency));
                rule.append("cash rounding to ").append(pricing.cashRounding().get().increment().toPlainString())
                        .append(": the refunds so far, ").append(money.text(before.add(own))).append(", round to ")
                        .append(money.text(pricing.cashRounded(before.add(own)))).append(", of which ")
                        .append(money.text(pricing.cashRounded(before))).append(" was paid before");
            }
            if (method == RefundMethod.STORE_CREDIT && conventions.storeCreditPayout().isPresent()) {
                rule.append(rule.length() == 0 ? "" : "; ").append("store credit truncated to ")
                        .append(conventions.storeCreditPayout().get().increment().toPlainString());
            }
            notes.add(new RefundBreakdown.Note(Optional.empty(), "payoutRounding", rounding.get(), rule.toString()));
        }
        RefundBreakdown breakdown = new RefundBreakdown(refundLines, shippingFee, shippingFeeTax, method, rounding,
                notes);
        return new Result(breakdown, after.next());
    }

    /**
     * Every line's parts: lines refunded before keep the parts frozen at their first refund; the
     * other lines split what those do not hold, by value as before (with nothing frozen: the
     * order's own split), so the parts of all lines never add up to more than the order's discount
     * and shipping.
     */
    private static Map<LineId, RefundAccount.FrozenShares> parts(Order order, RefundAccount account,
            OrderTotals totals, Money money) {
        Map<LineId, RefundAccount.FrozenShares> frozen = account.shares();
        Pricing pricing = order.header().pricing();
        List<OrderLine> lines = order.lines();
        MonetaryAmount discountLeft = totals.orderDiscounts();
        MonetaryAmount shippingLeft = totals.shipping();
        MonetaryAmount shippingTaxLeft = totals.shippingTax();
        MonetaryAmount lineTaxes = totals.tax().subtract(totals.shippingTax());
        MonetaryAmount taxLeft = lineTaxes;
        for (Map.Entry<LineId, RefundAccount.FrozenShares> e : frozen.entrySet()) {
            RefundAccount.FrozenShares f = e.getValue();
            discountLeft = discountLeft.subtract(f.orderDiscount());
            shippingLeft = shippingLeft.subtract(f.shipping());
            shippingTaxLeft = shippingTaxLeft.subtract(f.shippingTax());
            taxLeft = taxLeft.subtract(frozenTax(order, e.getKey(), f, money));
        }
        List<OrderLine> unfrozen = lines.stream().filter(l -> !frozen.containsKey(l.id())).toList();
        Map<LineId, RefundAccount.FrozenShares> parts = new java.util.HashMap<>(frozen);
        Map<LineId, RefundAccount.FrozenShares> asNow = split(lines, totals.orderDiscounts(), totals.shipping(),
                totals.shippingTax(), lineTaxes, totals, pricing, money);
        boolean unchanged = frozen.entrySet().stream().allMatch(f -> {
            RefundAccount.FrozenShares now = asNow.get(f.getKey());
            return now != null && now.orderDiscount().isEqualTo(f.getValue().orderDiscount())
                    && now.shipping().isEqualTo(f.getValue().shipping())
                    && now.shippingTax().isEqualTo(f.getValue().shippingTax())
                    && now.tax().orElseThrow().isEqualTo(frozenTax(order, f.getKey(), f.getValue(), money));
        });
        if (unchanged) {
            unfrozen.forEach(l -> parts.put(l.id(), asNow.get(l.id())));
        } else if (!unfrozen.isEmpty()) {
            // the tax follows the discount: the lines not frozen share what the frozen ones do not hold
            parts.putAll(split(unfrozen, atLeastZero(discountLeft), atLeastZero(shippingLeft),
                    atLeastZero(shippingTaxLeft), atLeastZero(taxLeft), totals, pricing, money));
        }
        return parts;
    }

    /**
     * What the first {@code r} of a line's {@code n} frozen units are worth in a refund without
     * shipping or fees: what they paid after their discounts, and their tax where prices are net;
     * the same cumulative figures {@link #calculate} refunds, so it only grows with {@code r}.
     */
    private record Worth(long value, long discountShare, long tax, long n, boolean taxIncluded, Money money) {
        static Worth of(OrderLine line, RefundAccount.FrozenShares share, MonetaryAmount tax, Pricing pricing,
                boolean taxIncluded, Money money) {
            long n = share.units();
            MonetaryAmount discount = pricing.lineAmount(line.unitDiscount(), n);
            long value = money.minor(pricing.lineAmount(line.unitPrice(), n).subtract(discount));
            return new Worth(value, money.minor(share.orderDiscount()), money.minor(tax), n, taxIncluded, money);
        }

        long upTo(long r) {
            long paid = money.paidUpTo(value, discountShare, r, n);
            return taxIncluded ? paid : Math.addExact(paid, money.upTo(tax, r, n));
        }

        /**
         * What refunds of the units up to {@code r} take back of goodwill given from {@code g.fromUnit()}:
         * its amount in proportion to the worth of those units, rounded down; all of it at the last unit.
         */
        long goodwillUpTo(RefundAccount.Goodwill g, long r) {
            long amount = money.minor(g.amount());
            if (r <= g.fromUnit()) {
                return 0;
            }
            if (r >= n) {
                return amount;
            }
            long whole = upTo(n) - upTo(g.fromUnit());
            if (whole <= 0) {
                return 0;
            }
            return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(upTo(r) - upTo(g.fromUnit())))
                    .divide(BigInteger.valueOf(whole)).longValueExact();
        }
    }

    /** Notes on one line's parts, split over units {@code done+1 .. done+q} of {@code n}. */
    private record Explain(List<RefundBreakdown.Note> notes, LineId line, Money money, long done, long q, long n) {
        String units() {
            return q == 1 ? "unit " + (done + 1) + " of " + n : "units " + (done + 1) + "-" + (done + q) + " of " + n;
        }

        void note(String part, MonetaryAmount amount, String rule) {
            if (amount.isPositive() || part.equals("gross")) {
                notes.add(new RefundBreakdown.Note(Optional.of(line), part, amount, rule));
            }
        }

        /** A part split cumulatively: what these units take of the whole. */
        void split(String part, MonetaryAmount amount, String of, MonetaryAmount whole, RefundConventions conventions) {
            long w = money.minor(whole);
            split(part, amount, of, whole, money.upTo(w, done + q, n), money.upTo(w, done, n), conventions);
        }

        /** As {@link #split(String, MonetaryAmount, String, MonetaryAmount, RefundConventions)}, with the figures given. */
        void split(String part, MonetaryAmount amount, String of, MonetaryAmount whole, long after, long before,
                RefundConventions conventions) {
            note(part, amount, units() + " of " + of + ": " + upTo(whole, done + q, after, conventions)
                    + (done == 0 ? "" : ", less " + upTo(whole, done, before, conventions) + " for the units before"));
        }

        /** How the first {@code r} units came to take {@code taken} of {@code whole}. */
        private String upTo(MonetaryAmount whole, long r, long taken, RefundConventions conventions) {
            if (r >= n) {
                return money.text(whole) + " for all " + n + " units";
            }
            long w = money.minor(whole);
            String mode = "rounded " + name(conventions.splitRounding());
            long formula = money.upTo(w, r, n);
            String how = conventions.perUnit()
                    ? money.text(whole) + " / " + n + " = " + money.text(money.of(money.upTo(w, 1, n))) + " a unit ("
                            + mode + ") x " + r + (formula < w ? "" : ", at most all of it") + " = "
                            + money.text(money.of(formula))
                    : money.text(whole) + " x " + r + " / " + n + " = " + money.text(money.of(formula)) + " (" + mode
                            + ")";
            return taken == formula ? how : how + ", raised to " + money.text(money.of(taken))
                    + " so the units after can carry the rest";
        }

        /** A mode in words: {@code HALF_UP} is "half up". */
        static String name(RoundingMode mode) {
            return mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    private static List<RefundLine> withFixedFee(List<RefundLine> lines, List<Boolean> feeBearing,
            MonetaryAmount amount, Money money) {
        long[] weights = new long[lines.size()];
        boolean any = false;
        for (int i = 0; i < weights.length; i++) {
            if (feeBearing.get(i)) {
                weights[i] = Math.max(1, money.minor(lines.get(i).merchandise()));
                any = true;
            }
        }
        if (!any) {
            return lines;
        }
        List<MonetaryAmount> parts = MoneyAllocation.allocate(amount, weights);
        List<RefundLine> next = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            RefundLine l = lines.get(i);
            next.add(new RefundLine(l.lineId(), l.units(), l.gross(), l.lineDiscount(), l.orderDiscount(), l.tax(),
                    l.shipping(), l.shippingTax(), min(min(parts.get(i), l.merchandise()), l.total()), l.taxIncluded(),
                    l.goodwill()));
        }
        return next;
    }

    /** A line's tax on its frozen units: as frozen, or for shares frozen before tax lines, per unit. */
    private static MonetaryAmount frozenTax(Order order, LineId line, RefundAccount.FrozenShares share, Money money) {
        return share.tax().orElseGet(() -> perUnitTax(order.requireLine(line), share.units(), money));
    }

    /**
     * The tax of {@code n} units of a line frozen before tax lines, when every line was taxed by a
     * per-unit amount the host supplied.
     */
    private static MonetaryAmount perUnitTax(OrderLine line, long n, Money money) {
        long sum = 0;
        if (line.tax() instanceof LineTax.Supplied supplied && supplied.units() == 1) {
            for (TaxLine t : supplied.taxes()) {
                sum = Math.addExact(sum, Math.multiplyExact(money.minor(t.amount()), n));
            }
        } else if (line.tax().taxed()) {
            throw new IllegalStateException("line " + line.id() + " has refund shares frozen before tax lines but is"
                    + " not taxed per unit; an order of that time cannot be so");
        }
        return money.of(sum);
    }

    /**
     * The order's split over lines: the discount by merchandise value, shipping and its tax by what
     * was paid, the lines' tax by each one's own tax as the totals have it (so with the whole of
     * the lines' tax, each line gets exactly its own).
     */
    private static Map<LineId, RefundAccount.FrozenShares> split(List<OrderLine> lines, MonetaryAmount discount,
            MonetaryAmount shipping, MonetaryAmount shippingTax, MonetaryAmount lineTax, OrderTotals totals,
            Pricing pricing, Money money) {
        long[] value = new long[lines.size()];
        long totalValue = 0;
        for (int i = 0; i < value.length; i++) {
            value[i] = money.minor(lines.get(i).netMerchandise(pricing));
            totalValue += value[i];
        }
        // no line takes more discount than its merchandise
        List<MonetaryAmount> discounts = MoneyAllocation.allocate(min(discount, money.of(totalValue)), value);
        long[] paid = new long[value.length];
        for (int i = 0; i < paid.length; i++) {
            paid[i] = value[i] - money.minor(discounts.get(i));
        }
        List<MonetaryAmount> shippings = MoneyAllocation.allocate(shipping, paid);
        List<MonetaryAmount> shippingTaxes = MoneyAllocation.allocate(shippingTax, paid);
        long[] taxWeights = new long[value.length];
        long taxWeight = 0;
        for (int i = 0; i < taxWeights.length; i++) {
            taxWeights[i] = money.minor(totals.lineTaxes().get(lines.get(i).id()));
            taxWeight += taxWeights[i];
        }
        // untaxed lines take none of it, whatever is left
        List<MonetaryAmount> taxes = MoneyAllocation.allocate(taxWeight == 0 ? money.of(0) : lineTax, taxWeights);
        Map<LineId, RefundAccount.FrozenShares> out = new java.util.HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine l = lines.get(i);
            out.put(l.id(), new RefundAccount.FrozenShares(l.quantities().open().value(), discounts.get(i),
                    shippings.get(i), shippingTaxes.get(i), java.util.Optional.of(taxes.get(i))));
        }
        return out;
    }

    private static MonetaryAmount atLeastZero(MonetaryAmount amount) {
        return amount.isNegative() ? amount.multiply(0) : amount;
    }

    private static MonetaryAmount min(MonetaryAmount a, MonetaryAmount b) {
        return a.isGreaterThan(b) ? b : a;
    }

    private static void requireCurrency(MonetaryAmount amount, CurrencyUnit currency, String field) {
        if (!amount.getCurrency().equals(currency)) {
            throw new CurrencyMismatchException(field, currency, amount.getCurrency());
        }
        Amounts.requireMinorUnits(amount, currency, field);
    }

    /** Whole minor units of one currency. */
    private static final class Money {
        private final CurrencyUnit currency;
        private final MonetaryAmount zero;

        private final RoundingMode split;
        private final boolean perUnit;

        Money(CurrencyUnit currency, RoundingMode split, boolean perUnit) {
            this.currency = currency;
            this.split = split;
            this.perUnit = perUnit;
            this.zero = Amounts.zero(currency);
        }

        long minor(MonetaryAmount amount) {
            return MoneyAllocation.minorUnits(amount, "amount");
        }

        MonetaryAmount of(long minor) {
            return MoneyAllocation.ofMinorUnits(minor, zero);
        }

        /** Minor units, perhaps fractional, as a plain number with at least the currency's digits. */
        String textOfMinor(BigDecimal minor) {
            int digits = Math.max(0, currency.getDefaultFractionDigits());
            BigDecimal number = minor.movePointLeft(digits);
            return (number.scale() < digits ? number.setScale(digits) : number).toPlainString();
        }

        /** An amount as a plain number with the currency's digits (or more, for a finer unit price). */
        String text(MonetaryAmount amount) {
            int digits = Math.max(0, currency.getDefaultFractionDigits());
            BigDecimal number = amount.getNumber().numberValue(BigDecimal.class);
            return (number.scale() < digits ? number.setScale(digits) : number).toPlainString();
        }

        /** The part of {@code whole} that units {@code done+1 .. done+q} of {@code n} take. */
        MonetaryAmount cumulative(MonetaryAmount whole, long done, long q, long n) {
            long w = minor(whole);
            return of(upTo(w, done + q, n) - upTo(w, done, n));
        }

        /**
         * What the first {@code units} of {@code n} units of a line paid: its value after its own
         * discount less what they take of its order-discount share. Where the value splits evenly
         * over the units (unit prices in minor units), it is their exact value less that part;
         * otherwise (a unit price finer than the minor unit) the paid part is split on its own, by
         * the mode complementary to the split's, so it only grows with the units and the parts
         * still add up to the whole.
         */
        long paidUpTo(long value, long discountShare, long units, long n) {
            if (units >= n) {
                return value - discountShare;
            }
            if (value % n == 0) {
                return value / n * units - orderShareUpTo(value, discountShare, units, n);
            }
            return new BigDecimal(BigInteger.valueOf(value - discountShare).multiply(BigInteger.valueOf(units)))
                    .divide(BigDecimal.valueOf(n), 0, complement(split)).longValueExact();
        }

        /** The mode that, paired with the split's on a whole, splits the rest: up for down, half down for half up. */
        static RoundingMode complement(RoundingMode split) {
            return switch (split) {
                case DOWN -> RoundingMode.UP;
                case HALF_UP -> RoundingMode.HALF_DOWN;
                default -> RoundingMode.HALF_EVEN;
            };
        }

        /**
         * What the first {@code units} of {@code n} take of a line's order-discount share: its part
         * ({@link #upTo}), but where the line's value splits evenly, at least what leaves the units
         * after them able to carry the rest (binding only per unit, where one unit's rounded part
         * times the units can fall short of the share).
         */
        long orderShareUpTo(long value, long discountShare, long units, long n) {
            long part = upTo(discountShare, units, n);
            if (units >= n || value % n != 0) {
                return part;
            }
            return Math.max(part, discountShare - (n - units) * (value / n));
        }

        /**
         * What the first {@code units} of {@code n} take of {@code whole}: its part rounded by the
         * split's mode; per unit, one unit's part rounded, times the units, at most the whole (the
         * last unit takes the rest).
         */
        long upTo(long whole, long units, long n) {
            if (units >= n) {
                return whole;
            }
            if (perUnit) {
                long unit = new BigDecimal(whole).divide(BigDecimal.valueOf(n), 0, split).longValueExact();
                return Math.min(whole, BigInteger.valueOf(unit).multiply(BigInteger.valueOf(units))
                        .min(BigInteger.valueOf(whole)).longValueExact());
            }
            if (split == RoundingMode.DOWN) {
                return MoneyAllocation.part(whole, units, n);
            }
            return new BigDecimal(BigInteger.valueOf(whole).multiply(BigInteger.valueOf(units)))
                    .divide(BigDecimal.valueOf(n), 0, split).longValueExact();
        }

        /** {@code percent} of {@code minor} units, rounded down (in the customer's favour). */
        long percentDown(long minor, BigDecimal percent) {
            return BigDecimal.valueOf(minor).multiply(percent).divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR)
                    .longValueExact();
        }

        @Override
        public String toString() {
            return currency.getCurrencyCode();
        }
    }
}
