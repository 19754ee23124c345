package dev.oms.fulfillment;

import dev.oms.inventory.Availability;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.UnknownSkuException;

/**
 * What routing may promise: units of a SKU available at a location, after the inventory's
 * safety stock. Routing reads it; it never reserves (the fulfilment order does).
 */
@FunctionalInterface
public interface StockView {
    /**
     * @param sku a SKU
     * @param location a location
     * @return units available to promise there, 0 if the SKU is not stocked there
     */
    long available(Sku sku, LocationId location);

    /**
     * @param availability the inventory's availability
     * @return a view over it; a SKU stocked nowhere is available nowhere
     */
    static StockView of(Availability availability) {
        InvalidInputException.requireNonNull(availability, "availability");
        return (sku, location) -> {
            try {
                return availability.byLocation(sku).getOrDefault(location, 0L);
            } catch (UnknownSkuException notStocked) {
                return 0;
            }
        };
    }
}
