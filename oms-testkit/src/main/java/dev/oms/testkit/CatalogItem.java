package dev.oms.testkit;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Sku;
import javax.money.MonetaryAmount;

/**
 * One product of a generated catalogue: a SKU with its unit price and the tax on one unit.
 *
 * @param sku the SKU
 * @param unitPrice the price of one unit, in whole minor units
 * @param unitTax the tax on one unit, in the same currency
 */
public record CatalogItem(Sku sku, MonetaryAmount unitPrice, MonetaryAmount unitTax) {
    /** @throws InvalidInputException if a field is null */
    public CatalogItem {
        InvalidInputException.requireNonNull(sku, "CatalogItem.sku");
        InvalidInputException.requireNonNull(unitPrice, "CatalogItem.unitPrice");
        InvalidInputException.requireNonNull(unitTax, "CatalogItem.unitTax");
    }
}
