package dev.oms.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;

/**
 * A requested line that was not fully held: how much was asked, held and backordered. The host
 * acts on it: backorder, ship partially, re-route, or reject.
 *
 * @param lineId the order line
 * @param sku the SKU
 * @param location where it was asked for
 * @param requested units asked for
 * @param reserved units held
 * @param backordered units waiting for stock
 */
public record LineShortfall(LineId lineId, Sku sku, LocationId location, Quantity requested, Quantity reserved,
        Quantity backordered) {
    /** @throws InvalidInputException if a field is null */
    public LineShortfall {
        InvalidInputException.requireNonNull(lineId, "LineShortfall.lineId");
        InvalidInputException.requireNonNull(sku, "LineShortfall.sku");
        InvalidInputException.requireNonNull(location, "LineShortfall.location");
        InvalidInputException.requireNonNull(requested, "LineShortfall.requested");
        InvalidInputException.requireNonNull(reserved, "LineShortfall.reserved");
        InvalidInputException.requireNonNull(backordered, "LineShortfall.backordered");
    }

    /** @return units neither held nor backordered */
    public Quantity unfilled() {
        return requested.minus(reserved).minus(backordered);
    }
}
