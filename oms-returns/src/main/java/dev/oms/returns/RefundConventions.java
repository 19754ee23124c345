package dev.oms.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.Pricing.CashRounding;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * How a merchant's refunds are computed where merchants differ: what happens to the original
 * shipping, how a line's parts are split over the units returned, and how a store-credit payout
 * is rounded. Set on the {@link ReturnPolicy} ({@link ReturnPolicy.Builder#refundConventions});
 * {@link #standard()} is what oms always did. Every option keeps refunds exact: partial refunds
 * of an order never add up to more than one full refund of it (the one corner where they can is
 * described at {@link SplitLevel#PER_REFUND}).
 *
 * <ul>
 *   <li>{@link ShippingRefund}: for the reasons the policy refunds shipping for
 *       ({@link ReturnPolicy.Builder#refundShippingFor}), {@link ShippingRefund#PRO_RATA} gives each
 *       returned unit its share of the shipping by value (the default);
 *       {@link ShippingRefund#WHOLE_ONCE} gives the whole outbound shipping, with its tax, to the
 *       first refund that asks for it and none to later ones (what most merchants do for a
 *       damaged or wrong item); {@link ShippingRefund#NONE} never refunds it, whatever the
 *       reason.</li>
 *   <li>{@code splitRounding}: a line's discounts, tax and shipping share are split over its units
 *       cumulatively: the first {@code r} of {@code n} units take {@code part x r / n} rounded by
 *       this mode, and a refund gets the difference to what the units before it took.
 *       {@link RoundingMode#DOWN} (the default) gives the first refunds the floor and the last the
 *       remainder; {@link RoundingMode#HALF_UP} and {@link RoundingMode#HALF_EVEN} round each to
 *       the nearest minor unit. What the units paid after their discounts is their exact value
 *       less their discount part where the line's value splits evenly over its units (unit prices
 *       in minor units); where it does not (a unit price finer than the minor unit) it is split on
 *       its own by the complementary mode (up for down, half down for half up, half even for half
 *       even), so it never shrinks as units are added. Whatever the mode, the refunds of all
 *       {@code n} units are the whole of every part.</li>
 *   <li>{@code splitLevel}: {@link SplitLevel#CUMULATIVE} (the default) splits as above;
 *       {@link SplitLevel#PER_UNIT} gives each returned unit the same part, one unit's share
 *       rounded by {@code splitRounding} ({@code part / n}), and the line's last unit what is left
 *       (at most the whole is taken before it), as shops that round a returned unit's discount do.
 *       Where the units before the last would take too little of the line's order discount for
 *       the units after to carry the rest, they take more (so no unit pays less than nothing);
 *       {@link SplitLevel#PER_REFUND} rounds each refund once, as a whole, instead of each part:
 *       the exact value of everything refunded so far (each line's parts times its units refunded
 *       over its units, shipping by its units refunded with shipping) rounded by
 *       {@code splitRounding}, less what the refunds before it came to so rounded; the lines show
 *       their parts split cumulatively and the difference is the breakdown's
 *       {@code payoutRounding}. With {@link RoundingMode#DOWN} this is "the floor of the total".
 *       Fees and the return shipping fee are whole amounts and come off after the rounding (goodwill
 *       is refused under this level). A refund they would make negative pays nothing, and what of the rounding it
 *       did not take off is not taken back later (its note says how much): the order's refunds then
 *       come to that much more than one full refund. It takes a refund worth no more than a few
 *       minor units with such fees; every other refund rounded per refund adds up exactly.</li>
 *   <li>{@code storeCreditPayout}: a refund to store credit truncated to an increment, for a
 *       merchant whose credit is kept in whole units (to 1.00: the cents are not credited). The
 *       mode must be {@link RoundingMode#DOWN}, so a payout is never more than the refund; the
 *       increment is checked against the order's currency when a refund is calculated (or
 *       previewed), refused with an {@link InvalidInputException} that changes nothing. Card
 *       refunds are not affected.</li>
 * </ul>
 * {@link ShippingRefund#WHOLE_ONCE} assumes the order's shipping was captured: a refund that
 * would give it back while part of the order is not yet shipped (and so not captured) can exceed
 * what was captured, and is then refused ({@code refund-within-captured}) like any refund above
 * it; refund after the rest ships, or keep {@code PRO_RATA} for orders shipped in parts.
 *
 * @param shipping what the original shipping does in a refund
 * @param splitRounding how a line's parts are rounded as they are split over its returned units:
 *     {@link RoundingMode#DOWN}, {@link RoundingMode#HALF_UP} or {@link RoundingMode#HALF_EVEN}
 * @param splitLevel whether the split is cumulative, per unit or rounded once per refund
 * @param storeCreditPayout the increment a refund to store credit is truncated to, if it is (mode DOWN)
 */
public record RefundConventions(ShippingRefund shipping, RoundingMode splitRounding, SplitLevel splitLevel,
        Optional<CashRounding> storeCreditPayout) {
    private static final RefundConventions STANDARD = new RefundConventions(ShippingRefund.PRO_RATA, RoundingMode.DOWN,
            SplitLevel.CUMULATIVE, Optional.empty());

    /** How a line's parts are split over its returned units, or the refund rounded as a whole. */
    public enum SplitLevel {
        /** The first {@code r} of {@code n} units take {@code part x r / n}, rounded; a refund the difference. */
        CUMULATIVE,
        /** Each unit takes one unit's rounded share; the line's last unit the rest. */
        PER_UNIT,
        /**
         * The refund is rounded once, as a whole: the refunds so far are worth the exact sum of
         * every line's parts times its units refunded over its units, rounded by the split's mode
         * (down: the floor of the total); a refund pays that less what the refunds before it were
         * rounded to. Its lines show their parts split cumulatively, and the difference is the
         * breakdown's {@code payoutRounding}.
         */
        PER_REFUND
    }

    /** What the original shipping does in a refund, for the reasons the policy refunds it for. */
    public enum ShippingRefund {
        /** Never refunded. */
        NONE,
        /** Each returned unit takes its share, the order's shipping split over the lines by value. */
        PRO_RATA,
        /** The whole outbound shipping and its tax, once, with the first refund that asks for it. */
        WHOLE_ONCE
    }

    /**
     * @throws InvalidInputException if a field is null or the split rounding not down, half-up or half-even
     */
    public RefundConventions {
        InvalidInputException.requireNonNull(shipping, "RefundConventions.shipping");
        InvalidInputException.requireNonNull(splitRounding, "RefundConventions.splitRounding");
        if (splitRounding != RoundingMode.DOWN && splitRounding != RoundingMode.HALF_UP
                && splitRounding != RoundingMode.HALF_EVEN) {
            throw new InvalidInputException("RefundConventions.splitRounding", splitRounding
                    + " is not DOWN, HALF_UP or HALF_EVEN");
        }
        InvalidInputException.requireNonNull(splitLevel, "RefundConventions.splitLevel");
        InvalidInputException.requireNonNull(storeCreditPayout, "RefundConventions.storeCreditPayout");
        if (storeCreditPayout.isPresent() && storeCreditPayout.get().mode() != RoundingMode.DOWN) {
            throw new InvalidInputException("RefundConventions.storeCreditPayout", "a store-credit payout is "
                    + "truncated (DOWN), never rounded up (was " + storeCreditPayout.get().mode() + ")");
        }
    }

    /** @return shipping pro rata, parts split rounding down, store credit as computed: oms' refunds as they always were */
    public static RefundConventions standard() {
        return STANDARD;
    }

    /**
     * @param value what the original shipping does
     * @return these conventions with it
     */
    public RefundConventions withShipping(ShippingRefund value) {
        return new RefundConventions(value, splitRounding, splitLevel, storeCreditPayout);
    }

    /**
     * @param mode how parts are rounded as they are split over returned units
     * @return these conventions with it
     */
    public RefundConventions withSplitRounding(RoundingMode mode) {
        return new RefundConventions(shipping, mode, splitLevel, storeCreditPayout);
    }

    /**
     * @param level whether a line's parts are split cumulatively or per unit, or the refund rounded as a whole
     * @return these conventions with it
     */
    public RefundConventions withSplitLevel(SplitLevel level) {
        return new RefundConventions(shipping, splitRounding, level, storeCreditPayout);
    }

    /** @return whether parts are split per unit */
    public boolean perUnit() {
        return splitLevel == SplitLevel.PER_UNIT;
    }

    /**
     * @param rounding how a refund to store credit is rounded
     * @return these conventions with it
     */
    public RefundConventions withStoreCreditPayout(CashRounding rounding) {
        return new RefundConventions(shipping, splitRounding, splitLevel, Optional.of(InvalidInputException.requireNonNull(
                rounding, "RefundConventions.storeCreditPayout")));
    }
}
