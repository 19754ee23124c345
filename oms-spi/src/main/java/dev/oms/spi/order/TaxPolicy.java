package dev.oms.spi.order;

import dev.oms.spi.InvalidInputException;
import java.math.RoundingMode;

/**
 * How prices are taxed: whether a price includes its tax, who computes the tax, where tax is
 * rounded to the currency's minor unit, and how. Set by the host per channel or order.
 *
 * <ul>
 *   <li>{@link PriceBasis#TAX_EXCLUSIVE}: a price is net; tax is added on top (US sales tax, B2B).
 *   <li>{@link PriceBasis#TAX_INCLUSIVE}: a price is gross, tax included (EU, UK and Australian
 *       consumer prices); the tax is taken out of it and the gross never changes.
 * </ul>
 * Sources: {@link TaxSource#RATES}: each line and shipping charge names its rates and oms
 * computes the tax ({@code TaxCalculation} in oms-core); {@link TaxSource#HOST}: the host (its tax
 * engine) supplies each line's amounts for a number of units, and oms shares them out to fewer or
 * more units by the mode when quantities change.
 *
 * <p>Rounding levels: {@link RoundingLevel#PER_UNIT} rounds the tax of one unit and multiplies it;
 * {@link RoundingLevel#PER_LINE} rounds each line's tax per rate; {@link RoundingLevel#PER_ORDER}
 * rounds each rate's tax over the whole order once and shares it out to the lines (largest
 * remainder of their exact tax), so the order's tax is the exact tax rounded once.
 *
 * @param basis whether prices include tax
 * @param source who computes the tax
 * @param level where tax is rounded
 * @param mode how: {@link RoundingMode#HALF_UP}, {@link RoundingMode#HALF_EVEN} or {@link RoundingMode#DOWN}
 */
public record TaxPolicy(PriceBasis basis, TaxSource source, RoundingLevel level, RoundingMode mode) {
    /** Whether a price includes its tax. */
    public enum PriceBasis {
        /** Prices are net: tax is added. */
        TAX_EXCLUSIVE,
        /** Prices are gross: tax is included in them. */
        TAX_INCLUSIVE
    }

    /** Who computes the tax. */
    public enum TaxSource {
        /** oms, from the rates each line and shipping charge names. */
        RATES,
        /** The host: each line and shipping charge carries its tax amounts. */
        HOST
    }

    /** Where tax is rounded to the minor unit (tax from {@link TaxSource#RATES}). */
    public enum RoundingLevel {
        /** The tax of one unit, rounded, times the quantity. */
        PER_UNIT,
        /** Each line's tax per rate. */
        PER_LINE,
        /** Each rate's tax over the order, rounded once and shared out to its lines. */
        PER_ORDER
    }

    /**
     * @throws InvalidInputException if a field is null or the mode is not half-up, half-even or down
     */
    public TaxPolicy {
        InvalidInputException.requireNonNull(basis, "TaxPolicy.basis");
        InvalidInputException.requireNonNull(source, "TaxPolicy.source");
        InvalidInputException.requireNonNull(level, "TaxPolicy.level");
        Pricing.requireMode(mode, "TaxPolicy.mode");
    }

    /** @return net prices, tax computed from rates, rounded per line, half up */
    public static TaxPolicy exclusive() {
        return new TaxPolicy(PriceBasis.TAX_EXCLUSIVE, TaxSource.RATES, RoundingLevel.PER_LINE, RoundingMode.HALF_UP);
    }

    /** @return gross prices, tax computed from rates, rounded per line, half up */
    public static TaxPolicy inclusive() {
        return new TaxPolicy(PriceBasis.TAX_INCLUSIVE, TaxSource.RATES, RoundingLevel.PER_LINE, RoundingMode.HALF_UP);
    }

    /**
     * Tax the host supplies; shared out to a changed quantity half up. Net prices with supplied
     * tax is what an order has unless its channel says otherwise.
     *
     * @param basis whether prices include the supplied tax
     * @return the policy
     */
    public static TaxPolicy supplied(PriceBasis basis) {
        return new TaxPolicy(basis, TaxSource.HOST, RoundingLevel.PER_LINE, RoundingMode.HALF_UP);
    }

    /**
     * @param rounding where tax is rounded
     * @return this policy rounding there
     */
    public TaxPolicy roundedPer(RoundingLevel rounding) {
        return new TaxPolicy(basis, source, rounding, mode);
    }

    /**
     * @param rounding how tax is rounded
     * @return this policy rounding so
     */
    public TaxPolicy rounded(RoundingMode rounding) {
        return new TaxPolicy(basis, source, level, rounding);
    }
}
