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
 * <p>Prices are per unit: {@code unitPrice} before discount and {@code unitDiscount} off it, net
 * or gross as the order's {@link TaxPolicy} says; the {@code tax} is the line's rates or the
 * host's amounts ({@link LineTax}). Per-unit prices make partial cancellations and edits exact.
 * Every amount is in one currency; tax amounts in whole minor units, the unit price and discount
 * at most as fine as the order's {@link Pricing} allows (the order checks it; a line on its own
 * takes up to {@value Pricing#MAX_UNIT_SCALE} fraction digits).
 *
 * @param id the line id, unique within the order
 * @param sku the product variant
 * @param quantity units ordered, {@code > 0}
 * @param unitPrice the price of one unit before discount
 * @param unitDiscount the discount on one unit, at most the unit price
 * @param tax how the line is taxed
 * @param attributes the line's custom attributes (checked against the host's definitions when
 *     the order is placed or the line added)
 */
public record NewLine(LineId id, Sku sku, Quantity quantity, MonetaryAmount unitPrice, MonetaryAmount unitDiscount,
        LineTax tax, Attributes attributes) {
    /**
     * @throws InvalidInputException if a field is null, the quantity zero, an amount negative, in
     *     another currency than the unit price, a tax amount finer than the minor unit, a unit
     *     amount finer than {@value Pricing#MAX_UNIT_SCALE} digits, or the discount above the price
     */
    public NewLine {
        InvalidInputException.requireNonNull(id, "NewLine.id");
        InvalidInputException.requireNonNull(sku, "NewLine.sku");
        Quantity.requirePositive(quantity, "NewLine.quantity");
        InvalidInputException.requireNonNull(unitPrice, "NewLine.unitPrice");
        int digits = Pricing.finest().unitDigits(unitPrice.getCurrency());
        Amounts.requireNonNegative(unitPrice, unitPrice.getCurrency(), digits, "NewLine.unitPrice");
        Amounts.requireNonNegative(unitDiscount, unitPrice.getCurrency(), digits, "NewLine.unitDiscount");
        InvalidInputException.requireNonNull(tax, "NewLine.tax").requireAmountsIn(unitPrice.getCurrency(),
                "NewLine.tax");
        if (unitDiscount.isGreaterThan(unitPrice)) {
            throw new InvalidInputException("NewLine.unitDiscount",
                    unitDiscount + " exceeds the unit price " + unitPrice);
        }
        InvalidInputException.requireNonNull(attributes, "NewLine.attributes");
    }

    /**
     * A line without custom attributes.
     *
     * @param id the line id, unique within the order
     * @param sku the product variant
     * @param quantity units ordered, {@code > 0}
     * @param unitPrice the price of one unit before discount
     * @param unitDiscount the discount on one unit, at most the unit price
     * @param tax how the line is taxed
     * @throws InvalidInputException as the canonical constructor
     */
    public NewLine(LineId id, Sku sku, Quantity quantity, MonetaryAmount unitPrice, MonetaryAmount unitDiscount,
            LineTax tax) {
        this(id, sku, quantity, unitPrice, unitDiscount, tax, Attributes.NONE);
    }

    /**
     * @param next the line's custom attributes
     * @return this line with them
     */
    public NewLine withAttributes(Attributes next) {
        return new NewLine(id, sku, quantity, unitPrice, unitDiscount, tax, next);
    }

    /**
     * @param next how the line is taxed
     * @return this line taxed so
     */
    public NewLine withTax(LineTax next) {
        return new NewLine(id, sku, quantity, unitPrice, unitDiscount, next, attributes);
    }

    /**
     * @param rates the rates oms computes the line's tax from
     * @return this line taxed at them
     */
    public NewLine taxedAt(TaxRate... rates) {
        return withTax(LineTax.rates(rates));
    }

    /**
     * @param discount the discount on one unit
     * @return this line with it
     */
    public NewLine withUnitDiscount(MonetaryAmount discount) {
        return new NewLine(id, sku, quantity, unitPrice, discount, tax, attributes);
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
                zero, LineTax.none());
    }
}
