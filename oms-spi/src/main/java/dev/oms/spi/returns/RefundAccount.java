package dev.oms.spi.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import java.util.HashMap;
import java.util.Map;
import javax.money.MonetaryAmount;

/**
 * What has been refunded of an order so far, per line, in units: the counter that makes partial
 * refunds exact. A line's money is split over its units cumulatively (the first {@code r} of
 * {@code n} units are worth {@code r/n} of the line, rounded down unless the merchant's refund
 * conventions say otherwise; all {@code n} are worth all of it), so partial refunds always add up
 * to one full refund to the minor unit. Refunds of one order must therefore be counted one after
 * another: the store saves this account with a version check, together with the return whose
 * refund it counts.
 *
 * <p>The parts split over a line's units are <b>frozen</b> at the line's first refund: its open
 * units, its share of the order-level discount and of the shipping and its tax, as the order stood
 * then ({@link #shares}). Its later refunds use the frozen parts, so a cancellation or an edit in
 * between (which moves the order discount between lines) cannot make its partial refunds stop
 * adding up to one full refund of it. Lines not refunded yet split what the frozen lines do not
 * hold, so the parts never add up to more than the order's discount and shipping.
 *
 * <p>Where the order's amount due is cash-rounded ({@code Pricing.cashRounding}), the account also
 * keeps what its refunds came to before cash rounding: each refund pays the rounded sum so far
 * less the rounded sum before it, so the refunds always add up to the rounded sum of everything
 * refunded, and a full return gives back exactly the rounded amount that was paid.
 *
 * <p>Goodwill given on a line (money back without units coming back) is kept as the line's
 * {@link #goodwill} still to be taken back: a later refund of the line's units deducts it, in
 * proportion to what those units are worth, so the line's refunds and its goodwill together never
 * exceed one full refund of it.
 *
 * @param orderId the order
 * @param version the stored version; 0 if nothing was refunded yet
 * @param lines per order line, what was refunded
 * @param shares per refunded order line, the parts frozen at its first refund
 * @param beforeCashRounding what the refunds so far came to before cash rounding; absent until a
 *     refund of an order with cash rounding
 * @param goodwill per order line given goodwill, what of it later refunds of its units still deduct
 */
public record RefundAccount(OrderId orderId, long version, Map<LineId, RefundedUnits> lines,
        Map<LineId, FrozenShares> shares, java.util.Optional<MonetaryAmount> beforeCashRounding,
        Map<LineId, Goodwill> goodwill) {
    /** @throws InvalidInputException if a field is null or the version negative */
    public RefundAccount {
        InvalidInputException.requireNonNull(orderId, "RefundAccount.orderId");
        if (version < 0) {
            throw new InvalidInputException("RefundAccount.version", "must not be negative (was " + version + ")");
        }
        lines = Map.copyOf(InvalidInputException.requireNonNull(lines, "RefundAccount.lines"));
        shares = Map.copyOf(InvalidInputException.requireNonNull(shares, "RefundAccount.shares"));
        InvalidInputException.requireNonNull(beforeCashRounding, "RefundAccount.beforeCashRounding");
        if (beforeCashRounding.isPresent()) {
            MonetaryAmount sum = beforeCashRounding.get();
            dev.oms.spi.Amounts.requireNonNegative(sum, sum.getCurrency(), "RefundAccount.beforeCashRounding");
        }
        goodwill = Map.copyOf(InvalidInputException.requireNonNull(goodwill, "RefundAccount.goodwill"));
        for (Map.Entry<LineId, Goodwill> e : goodwill.entrySet()) {
            RefundedUnits refunded = lines.getOrDefault(e.getKey(), RefundedUnits.NONE);
            if (!shares.containsKey(e.getKey()) || e.getValue().fromUnit() > refunded.units()) {
                throw new InvalidInputException("RefundAccount.goodwill", "line " + e.getKey() + ": goodwill is kept "
                        + "for a line with frozen shares, from at most its refunded units (" + refunded.units() + ")");
            }
        }
    }

    /**
     * @param orderId the order
     * @return the account of an order with nothing refunded
     */
    public static RefundAccount empty(OrderId orderId) {
        return new RefundAccount(orderId, 0, Map.of(), Map.of(), java.util.Optional.empty(), Map.of());
    }

    /**
     * @param frozen the parts of every line, frozen
     * @return this account with them
     */
    public RefundAccount withShares(Map<LineId, FrozenShares> frozen) {
        return new RefundAccount(orderId, version, lines, frozen, beforeCashRounding, goodwill);
    }

    /**
     * @param sum what the refunds so far came to before cash rounding, this one counted
     * @return this account keeping it
     */
    public RefundAccount withBeforeCashRounding(MonetaryAmount sum) {
        return new RefundAccount(orderId, version, lines, shares, java.util.Optional.of(sum), goodwill);
    }

    /**
     * @param lineId an order line
     * @param next what of the line's goodwill later refunds deduct (none: the entry is dropped)
     * @return this account with it
     */
    public RefundAccount withGoodwill(LineId lineId, Goodwill next) {
        Map<LineId, Goodwill> all = new HashMap<>(goodwill);
        if (next.amount().isZero()) {
            all.remove(lineId);
        } else {
            all.put(lineId, next);
        }
        return new RefundAccount(orderId, version, lines, shares, beforeCashRounding, all);
    }

    /**
     * Goodwill on a line still to be taken back by refunds of its units: {@code amount} is deducted
     * from the refunds of the line's units after the first {@code fromUnit} refunded ones (those not
     * refunded when it was given), in proportion to what each refund's units are worth of what
     * those units were worth then, rounded down cumulatively; the refund of the line's last unit
     * deducts what is left.
     *
     * @param fromUnit the line's refunded units when it was (last) given
     * @param amount what refunds of the units after them deduct in all
     */
    public record Goodwill(long fromUnit, MonetaryAmount amount) {
        /** @throws InvalidInputException if a field is null or negative */
        public Goodwill {
            if (fromUnit < 0) {
                throw new InvalidInputException("Goodwill.fromUnit", "must not be negative (was " + fromUnit + ")");
            }
            InvalidInputException.requireNonNull(amount, "Goodwill.amount");
            dev.oms.spi.Amounts.requireNonNegative(amount, amount.getCurrency(), "Goodwill.amount");
        }
    }

    /**
     * The parts of one line that refunds split over its units, as the order stood at the first refund.
     *
     * @param units the line's open units then
     * @param orderDiscount its share of the order-level discount
     * @param shipping its share of the original shipping
     * @param shippingTax its share of the shipping's tax
     * @param tax the line's own tax on those units; absent in an account stored before tax lines,
     *     whose lines were all taxed per unit (then it is the per-unit tax times the units)
     */
    public record FrozenShares(long units, MonetaryAmount orderDiscount, MonetaryAmount shipping,
            MonetaryAmount shippingTax, java.util.Optional<MonetaryAmount> tax) {
        /** @throws InvalidInputException if a part is null or negative, or the units negative */
        public FrozenShares {
            if (units < 0) {
                throw new InvalidInputException("FrozenShares.units", "must not be negative (was " + units + ")");
            }
            InvalidInputException.requireNonNull(tax, "FrozenShares.tax");
            for (MonetaryAmount part : new MonetaryAmount[] {orderDiscount, shipping, shippingTax,
                    tax.orElse(shippingTax)}) {
                InvalidInputException.requireNonNull(part, "FrozenShares");
                if (part.isNegative()) {
                    throw new InvalidInputException("FrozenShares", "a part must not be negative (was " + part + ")");
                }
            }
        }
    }

    /**
     * @param lineId an order line
     * @return what was refunded of it
     */
    public RefundedUnits of(LineId lineId) {
        return lines.getOrDefault(lineId, RefundedUnits.NONE);
    }

    /**
     * @param lineId the line
     * @param more what a new refund adds
     * @return the account after it, at the next version
     */
    public RefundAccount plus(LineId lineId, RefundedUnits more) {
        Map<LineId, RefundedUnits> next = new HashMap<>(lines);
        next.put(lineId, of(lineId).plus(more));
        return new RefundAccount(orderId, version, next, shares, beforeCashRounding, goodwill);
    }

    /** @return this account at the next version */
    public RefundAccount next() {
        return new RefundAccount(orderId, version + 1, lines, shares, beforeCashRounding, goodwill);
    }

    /**
     * Units of one line refunded so far, counted per part of the refund that applies to some
     * refunds and not others.
     *
     * @param units units whose price and tax were refunded
     * @param shippingUnits units whose share of the original shipping was refunded
     * @param feeUnits units a percentage restocking fee was charged on
     */
    public record RefundedUnits(long units, long shippingUnits, long feeUnits) {
        /** Nothing refunded. */
        public static final RefundedUnits NONE = new RefundedUnits(0, 0, 0);

        /** @throws InvalidInputException if a count is negative */
        public RefundedUnits {
            if (units < 0 || shippingUnits < 0 || feeUnits < 0) {
                throw new InvalidInputException("RefundedUnits", "counts must not be negative");
            }
        }

        /** @return the sum of both */
        public RefundedUnits plus(RefundedUnits more) {
            return new RefundedUnits(units + more.units, shippingUnits + more.shippingUnits, feeUnits + more.feeUnits);
        }
    }
}
