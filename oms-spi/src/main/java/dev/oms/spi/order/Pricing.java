package dev.oms.spi.order;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * How an order's unit prices are written and its amount due is rounded. Set by the host per
 * channel or order (or taken from a channel's import document), with the order's
 * {@link TaxPolicy} beside it.
 *
 * <p><b>Unit prices finer than the currency.</b> A unit price or unit discount may have up to
 * {@code unitScale} fraction digits, or the currency's own if those are more: with a scale of 4,
 * a B2B price list's EUR 10.0076 per unit is accepted as it is. Every amount after the line is in
 * whole minor units: a line's value on {@code n} units is {@code unit price x n} rounded to the
 * currency by {@code lineRounding}, and its discount likewise, each on its own
 * ({@link #lineAmount}). Shipping charges, order discounts and tax amounts stay in whole minor
 * units. A scale of 0 (the {@link #standard()} pricing) means the currency's own digits: every
 * amount in whole minor units, as oms always kept them.
 *
 * <p><b>Cash rounding.</b> Where the host asks (Swiss francs to 0.05, Swedish kronor to 1), the
 * amount due, the grand total, is rounded to a multiple of the increment; the difference is the
 * order's {@code cashRounding} in its totals. Captures of part of it are multiples of the
 * increment too, and refunds are rounded cumulatively, so the refunds of a whole order add up to
 * exactly what was paid. (A part shipped alone is captured as its share of the rounded amount due,
 * rounded down to the increment, and may be captured for up to two increments less than its value;
 * a return of just that part before the rest is captured can then ask more than was captured, and
 * is refused as any such refund until the rest is.)
 *
 * @param unitScale the most fraction digits a unit price or discount may have, from 0 to
 *     {@value #MAX_UNIT_SCALE}; the currency's own digits when those are more
 * @param lineRounding how a line's value is rounded to the currency: {@link RoundingMode#HALF_UP},
 *     {@link RoundingMode#HALF_EVEN} or {@link RoundingMode#DOWN}
 * @param cashRounding the rounding of the amount due, if the host asks for one
 */
public record Pricing(int unitScale, RoundingMode lineRounding, Optional<CashRounding> cashRounding) {
    /** The most fraction digits a unit price may have. */
    public static final int MAX_UNIT_SCALE = 8;

    private static final Pricing STANDARD = new Pricing(0, RoundingMode.HALF_UP, Optional.empty());
    private static final Pricing FINEST = new Pricing(MAX_UNIT_SCALE, RoundingMode.HALF_UP, Optional.empty());

    /**
     * @throws InvalidInputException if a field is null, the scale outside 0 to
     *     {@value #MAX_UNIT_SCALE} or the mode not half-up, half-even or down
     */
    public Pricing {
        if (unitScale < 0 || unitScale > MAX_UNIT_SCALE) {
            throw new InvalidInputException("Pricing.unitScale", "must be from 0 to " + MAX_UNIT_SCALE + " (was "
                    + unitScale + ")");
        }
        requireMode(lineRounding, "Pricing.lineRounding");
        InvalidInputException.requireNonNull(cashRounding, "Pricing.cashRounding");
    }

    /** @return unit prices in whole minor units, no cash rounding: what every order had before pricing */
    public static Pricing standard() {
        return STANDARD;
    }

    /** @return unit prices up to {@value #MAX_UNIT_SCALE} fraction digits, lines rounded half up, no cash rounding */
    public static Pricing finest() {
        return FINEST;
    }

    /**
     * @param scale the most fraction digits of a unit price
     * @return this pricing with unit prices up to that scale
     */
    public Pricing withUnitScale(int scale) {
        return new Pricing(scale, lineRounding, cashRounding);
    }

    /**
     * @param rounding how a line's value is rounded to the currency
     * @return this pricing rounding lines so
     */
    public Pricing withLineRounding(RoundingMode rounding) {
        return new Pricing(unitScale, rounding, cashRounding);
    }

    /**
     * @param rounding the rounding of the amount due
     * @return this pricing with it
     */
    public Pricing withCashRounding(CashRounding rounding) {
        return new Pricing(unitScale, lineRounding, Optional.of(InvalidInputException.requireNonNull(rounding,
                "Pricing.cashRounding")));
    }

    /**
     * @param currency the order's currency
     * @return the most fraction digits a unit amount may have in it
     */
    public int unitDigits(CurrencyUnit currency) {
        return Math.max(unitScale, Math.max(0, currency.getDefaultFractionDigits()));
    }

    /**
     * Checks the pricing against the order's currency: the cash increment is in whole minor units of it.
     *
     * @param currency the order's currency
     * @param field the field named in an error
     * @throws InvalidInputException if it is not
     */
    public void requireFits(CurrencyUnit currency, String field) {
        cashRounding.ifPresent(c -> c.requireFits(currency, field + ".cashRounding.increment"));
    }

    /**
     * Checks a unit price or discount: not negative, in the currency, at most {@link #unitDigits} fraction digits.
     *
     * @param amount the amount
     * @param currency the order's currency
     * @param field the field named in an error
     * @return the amount
     * @throws InvalidInputException if it is not so
     */
    public MonetaryAmount requireUnitAmount(MonetaryAmount amount, CurrencyUnit currency, String field) {
        return Amounts.requireNonNegative(amount, currency, unitDigits(currency), field);
    }

    /**
     * @param unitAmount a unit price or discount, at most {@link #unitDigits} fraction digits
     * @param units how many units
     * @return {@code unitAmount x units}, rounded to the currency's minor unit by {@link #lineRounding}
     *     (exact when the unit amount is in whole minor units)
     */
    public MonetaryAmount lineAmount(MonetaryAmount unitAmount, long units) {
        MonetaryAmount exact = unitAmount.multiply(units);
        int digits = Math.max(0, unitAmount.getCurrency().getDefaultFractionDigits());
        BigDecimal number = exact.getNumber().numberValue(BigDecimal.class);
        if (number.scale() <= digits) {
            return exact;
        }
        return Amounts.of(number.setScale(digits, lineRounding), unitAmount.getCurrency());
    }

    /**
     * @param amount an amount due, in whole minor units
     * @return it rounded to the cash increment, or as it is without cash rounding
     */
    public MonetaryAmount cashRounded(MonetaryAmount amount) {
        if (cashRounding.isEmpty()) {
            return amount;
        }
        return cashRounding.get().round(amount);
    }

    static RoundingMode requireMode(RoundingMode mode, String field) {
        InvalidInputException.requireNonNull(mode, field);
        if (mode != RoundingMode.HALF_UP && mode != RoundingMode.HALF_EVEN && mode != RoundingMode.DOWN) {
            throw new InvalidInputException(field, mode + " is not HALF_UP, HALF_EVEN or DOWN");
        }
        return mode;
    }

    /**
     * The rounding of an amount due to a multiple of an increment, the smallest coin in use: CHF
     * 0.05 half up in Switzerland, SEK 1 half up in Sweden.
     *
     * @param increment the smallest amount due, positive, at most {@value #MAX_INCREMENT} units of the
     *     currency, in whole minor units of the order's currency
     * @param mode {@link RoundingMode#HALF_UP}, {@link RoundingMode#HALF_EVEN} or {@link RoundingMode#DOWN}
     */
    public record CashRounding(BigDecimal increment, RoundingMode mode) {
        /** The largest increment: rounding an amount due to more than this is no cash rounding. */
        public static final int MAX_INCREMENT = 100;

        /**
         * @throws InvalidInputException if a field is null, the increment not positive or too
         *     large, or the mode not half-up, half-even or down
         */
        public CashRounding {
            Amounts.requireBounded(increment, "CashRounding.increment");
            if (increment.signum() <= 0) {
                throw new InvalidInputException("CashRounding.increment", "must be positive (was "
                        + Amounts.describe(increment) + ")");
            }
            if (increment.compareTo(BigDecimal.valueOf(MAX_INCREMENT)) > 0) {
                throw new InvalidInputException("CashRounding.increment", "must be at most " + MAX_INCREMENT
                        + " (was " + Amounts.describe(increment) + ")");
            }
            increment = increment.stripTrailingZeros();
            if (increment.scale() < 0) {
                increment = increment.setScale(0);
            }
            requireMode(mode, "CashRounding.mode");
        }

        /**
         * @param increment the smallest amount due, for example {@code "0.05"}
         * @return rounding to it half up
         * @throws InvalidInputException if the increment is malformed or not positive
         */
        public static CashRounding halfUp(String increment) {
            return new CashRounding(Amounts.parseDecimal(increment, "CashRounding.increment"), RoundingMode.HALF_UP);
        }

        /**
         * @param amount an amount, not negative
         * @return the nearest multiple of the increment by the mode
         */
        public MonetaryAmount round(MonetaryAmount amount) {
            BigDecimal number = amount.getNumber().numberValue(BigDecimal.class);
            BigDecimal steps = number.divide(increment, 0, mode);
            return Amounts.of(steps.multiply(increment), amount.getCurrency());
        }

        /**
         * @param currency the currency amounts are rounded in
         * @param field the field named in an error
         * @throws InvalidInputException if the increment is finer than the currency's minor unit
         */
        public void requireFits(CurrencyUnit currency, String field) {
            int digits = Math.max(0, currency.getDefaultFractionDigits());
            if (increment.stripTrailingZeros().scale() > digits) {
                throw new InvalidInputException(field, Amounts.describe(increment) + " is finer than "
                        + currency.getCurrencyCode() + " allows (" + digits + " decimals)");
            }
        }

        /**
         * @param currency the order's currency
         * @return the increment in minor units of it
         */
        public long minorUnits(CurrencyUnit currency) {
            return increment.movePointRight(Math.max(0, currency.getDefaultFractionDigits())).longValueExact();
        }
    }
}
