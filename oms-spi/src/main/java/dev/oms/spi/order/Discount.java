package dev.oms.spi.order;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import javax.money.MonetaryAmount;

/**
 * An order-level discount (a coupon, a promotion). Line-level discounts live on the line.
 *
 * <p>The amount is taken off the merchandise after line discounts, never below zero; where it
 * must be attributed to lines (refunds) it is allocated exactly by line value.
 *
 * @param code the promotion or coupon code
 * @param amount the discount, not negative, in whole minor units of the order's currency
 */
public record Discount(String code, MonetaryAmount amount) {
    /**
     * @throws InvalidInputException if a field is null, the code blank, or the amount negative or
     *     finer than its currency's minor unit
     */
    public Discount {
        InvalidInputException.requireCode(code, "Discount.code");
        InvalidInputException.requireNonNull(amount, "Discount.amount");
        Amounts.requireNonNegative(amount, amount.getCurrency(), "Discount.amount");
    }
}
