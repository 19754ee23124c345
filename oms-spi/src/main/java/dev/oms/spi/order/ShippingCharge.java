package dev.oms.spi.order;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import javax.money.MonetaryAmount;

/**
 * What the customer pays for delivery, before and as tax.
 *
 * @param code the shipping method or rate code (for example {@code "express"})
 * @param amount the charge without tax, not negative
 * @param tax the tax on the charge, not negative, same currency
 */
public record ShippingCharge(String code, MonetaryAmount amount, MonetaryAmount tax) {
    /**
     * @throws InvalidInputException if a field is null, the code blank, an amount negative or finer
     *     than the minor unit, or the tax in another currency
     */
    public ShippingCharge {
        InvalidInputException.requireCode(code, "ShippingCharge.code");
        InvalidInputException.requireNonNull(amount, "ShippingCharge.amount");
        InvalidInputException.requireNonNull(tax, "ShippingCharge.tax");
        Amounts.requireNonNegative(amount, amount.getCurrency(), "ShippingCharge.amount");
        Amounts.requireNonNegative(tax, amount.getCurrency(), "ShippingCharge.tax");
    }
}
