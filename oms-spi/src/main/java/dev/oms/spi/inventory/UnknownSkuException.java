package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Sku;

/**
 * A SKU that inventory does not know at any location.
 */
public class UnknownSkuException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final Sku sku;

    /** @param sku the unknown SKU */
    public UnknownSkuException(Sku sku) {
        super("sku", "SKU " + sku + " is not stocked at any location");
        this.sku = sku;
    }

    /** @return the unknown SKU */
    public Sku sku() {
        return sku;
    }
}
