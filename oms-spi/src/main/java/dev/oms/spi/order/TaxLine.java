package dev.oms.spi.order;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import java.math.BigDecimal;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * The tax one rate raised on one line, shipping charge or order: the tax's code, its rate where
 * known, and the amount in whole minor units.
 *
 * <p>Tax oms computes always knows its rate ({@link #of(TaxRate, MonetaryAmount)}). Tax a host
 * supplies may come with its rate or only with a code and an amount
 * ({@link #of(String, MonetaryAmount)}): nothing is ever computed from a supplied line's rate, it
 * is there for invoices and reports.
 *
 * @param code the tax's code, an identifier ({@link InvalidInputException#requireCode})
 * @param percent the rate in percent, where known; the same limits as {@link TaxRate#percent()}
 * @param amount the tax, not negative, in whole minor units
 */
public record TaxLine(String code, Optional<BigDecimal> percent, MonetaryAmount amount) {
    /**
     * @throws InvalidInputException if a field is null, the code malformed, the percent outside
     *     {@link TaxRate}'s limits, or the amount negative or finer than the minor unit
     */
    public TaxLine {
        InvalidInputException.requireCode(code, "TaxLine.code");
        InvalidInputException.requireNonNull(percent, "TaxLine.percent");
        percent = percent.map(p -> new TaxRate(code, p).percent());
        InvalidInputException.requireNonNull(amount, "TaxLine.amount");
        Amounts.requireNonNegative(amount, amount.getCurrency(), "TaxLine.amount");
    }

    /**
     * @param rate the tax and its rate
     * @param amount the tax
     * @return the line
     */
    public static TaxLine of(TaxRate rate, MonetaryAmount amount) {
        InvalidInputException.requireNonNull(rate, "TaxLine.rate");
        return new TaxLine(rate.code(), Optional.of(rate.percent()), amount);
    }

    /**
     * A tax whose amount the host knows but not (or not to oms) its rate.
     *
     * @param code the tax's code
     * @param amount the tax
     * @return the line
     */
    public static TaxLine of(String code, MonetaryAmount amount) {
        return new TaxLine(code, Optional.empty(), amount);
    }

    /** @return the tax's rate, where known */
    public Optional<TaxRate> rate() {
        return percent.map(p -> new TaxRate(code, p));
    }

    /**
     * @param other another amount in the same currency
     * @return this line with another amount
     */
    public TaxLine withAmount(MonetaryAmount other) {
        return new TaxLine(code, percent, other);
    }
}
