package dev.oms.fulfillment;

import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;

/** Where a SKU is stored at a location, for pick lists. The host's warehouse system knows. */
@FunctionalInterface
public interface BinLocator {
    /**
     * @param location a location
     * @param sku a SKU
     * @return its bin (for example {@code "A-03-2"})
     */
    String binOf(LocationId location, Sku sku);

    /** @return a locator that puts everything in bin {@code "unassigned"} */
    static BinLocator unassigned() {
        return (location, sku) -> "unassigned";
    }
}
