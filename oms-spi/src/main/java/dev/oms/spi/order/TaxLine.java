package dev.oms.spi.order;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import javax.money.MonetaryAmount;

/**
 * The tax one rate raised on one line, shipping charge or order: the rate and the amount, in whole
 * minor units.
 *
 * @param rate the tax and its rate
 * @param amount the tax, not negative
 */
public record TaxLine(TaxRate rate, MonetaryAmount amount) {
    /** @throws InvalidInputException if either is null, or the amount negative or finer than the minor unit */
    public TaxLine {
        InvalidInputException.requireNonNull(rate, "TaxLine.rate");
        InvalidInputException.requireNonNull(amount, "TaxLine.amount");
        Amounts.requireNonNegative(amount, amount.getCurrency(), "TaxLine.amount");
    }
}
