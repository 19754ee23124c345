package dev.oms.spi.order;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import javax.money.MonetaryAmount;

/**
 * A line as a channel sends it, before oms tracks its quantities: what is placed with an order
 * or added by an edit.
 *
 * <p>Prices are per unit and tax-exclusive: {@code unitPrice} before discount, {@code
 * unitDiscount} off it, {@code unitTax} on the discounted price. Per-unit amounts make partial
 * cancellations and edits exact. All three are in one currency and in whole minor units.
 *
 * @param id the line id, unique within the order
 * @param sku the product variant
 * @param quantity units ordered, {@code > 0}
 * @param unitPrice the price of one unit before discount
 * @param unitDiscount the discount on one unit, at most the unit price
 * @param unitTax the tax on one discounted unit
 */
public record NewLine(LineId id, Sku sku, Quantity quantity, MonetaryAmount unitPrice, MonetaryAmount unitDiscount,
        MonetaryAmount unitTax) {
    /**
     * @throws InvalidInputException if a field is null, the quantity zero, an amount negative, in
     *     another currency than the unit price, finer than the minor unit, or the discount above
     *     the price
     */
    public NewLine {
        InvalidInputException.requireNonNull(id, "NewLine.id");
        InvalidInputException.requireNonNull(sku, "NewLine.sku");
        Quantity.requirePositive(quantity, "NewLine.quantity");
        InvalidInputException.requireNonNull(unitPrice, "NewLine.unitPrice");
        Amounts.requireNonNegative(unitPrice, unitPrice.getCurrency(), "NewLine.unitPrice");
        Amounts.requireNonNegative(unitDiscount, unitPrice.getCurrency(), "NewLine.unitDiscount");
        Amounts.requireNonNegative(unitTax, unitPrice.getCurrency(), "NewLine.unitTax");
        if (unitDiscount.isGreaterThan(unitPrice)) {
            throw new InvalidInputException("NewLine.unitDiscount",
                    unitDiscount + " exceeds the unit price " + unitPrice);
        }
    }

    /**
     * A line without discount or tax.
     *
     * @param id the line id
     * @param sku the product variant
     * @param quantity units, {@code > 0}
     * @param unitPrice price of one unit
     * @return the line
     */
    public static NewLine of(String id, String sku, long quantity, MonetaryAmount unitPrice) {
        MonetaryAmount zero = unitPrice.multiply(0);
        return new NewLine(LineId.of(id), Sku.of(sku), Quantity.positive(quantity, "NewLine.quantity"), unitPrice,
                zero, zero);
    }
}
