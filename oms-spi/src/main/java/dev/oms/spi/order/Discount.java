package dev.oms.spi.order;

import dev.oms.spi.InvalidInputException;
import javax.money.MonetaryAmount;

/**
 * An order-level discount (a coupon, a promotion). Line-level discounts live on the line.
 *
 * <p>The amount is taken off the merchandise after line discounts, never below zero; where it
 * must be attributed to lines (refunds) it is allocated exactly by line value.
 *
 * @param code the promotion or coupon code
 * @param amount the discount, not negative, in the order's currency
 */
public record Discount(String code, MonetaryAmount amount) {
    /**
     * @throws InvalidInputException if a field is null, the code blank or the amount negative
     */
    public Discount {
        InvalidInputException.requireCode(code, "Discount.code");
        InvalidInputException.requireNonNull(amount, "Discount.amount");
        if (amount.isNegative()) {
            throw new InvalidInputException("Discount.amount", "must not be negative (was " + amount + ")");
        }
    }
}
