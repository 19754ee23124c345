package dev.oms.spi.order;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Sku;
import javax.money.MonetaryAmount;

/**
 * One line of an order: a product variant, its per-unit prices and its quantity buckets.
 *
 * <p>Amounts are per unit and tax-exclusive (see {@link NewLine}); the line's values follow from
 * multiplying by the open quantity, so they are exact.
 *
 * @param id the line id, unique within the order
 * @param sku the product variant
 * @param unitPrice the price of one unit before discount
 * @param unitDiscount the discount on one unit
 * @param unitTax the tax on one discounted unit
 * @param quantities the quantity buckets
 */
public record OrderLine(LineId id, Sku sku, MonetaryAmount unitPrice, MonetaryAmount unitDiscount,
        MonetaryAmount unitTax, LineQuantities quantities) {
    /**
     * @throws InvalidInputException if a field is null
     */
    public OrderLine {
        InvalidInputException.requireNonNull(id, "OrderLine.id");
        InvalidInputException.requireNonNull(sku, "OrderLine.sku");
        InvalidInputException.requireNonNull(unitPrice, "OrderLine.unitPrice");
        InvalidInputException.requireNonNull(unitDiscount, "OrderLine.unitDiscount");
        InvalidInputException.requireNonNull(unitTax, "OrderLine.unitTax");
        InvalidInputException.requireNonNull(quantities, "OrderLine.quantities");
    }

    /**
     * @param line the line as placed
     * @return the line with everything open and unallocated
     */
    public static OrderLine from(NewLine line) {
        return new OrderLine(line.id(), line.sku(), line.unitPrice(), line.unitDiscount(), line.unitTax(),
                LineQuantities.ordered(line.quantity()));
    }

    /**
     * @param next the new buckets
     * @return this line with other quantities
     */
    public OrderLine withQuantities(LineQuantities next) {
        return new OrderLine(id, sku, unitPrice, unitDiscount, unitTax, next);
    }

    /** @return unit price times open quantity */
    public MonetaryAmount subtotal() {
        return unitPrice.multiply(quantities.open().value());
    }

    /** @return unit discount times open quantity */
    public MonetaryAmount discount() {
        return unitDiscount.multiply(quantities.open().value());
    }

    /** @return unit tax times open quantity */
    public MonetaryAmount tax() {
        return unitTax.multiply(quantities.open().value());
    }

    /** @return subtotal minus discount: the merchandise value before order-level discounts */
    public MonetaryAmount netMerchandise() {
        return subtotal().subtract(discount());
    }
}
