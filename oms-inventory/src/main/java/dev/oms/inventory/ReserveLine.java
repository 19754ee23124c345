package dev.oms.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.PositionKey;

/**
 * Units of one order line to hold at one location.
 *
 * @param lineId the order line
 * @param sku the SKU
 * @param location where to hold them
 * @param quantity units, {@code > 0}
 */
public record ReserveLine(LineId lineId, Sku sku, LocationId location, Quantity quantity) {
    /** @throws InvalidInputException if a field is null or the quantity zero */
    public ReserveLine {
        InvalidInputException.requireNonNull(lineId, "ReserveLine.lineId");
        InvalidInputException.requireNonNull(sku, "ReserveLine.sku");
        InvalidInputException.requireNonNull(location, "ReserveLine.location");
        Quantity.requirePositive(quantity, "ReserveLine.quantity");
    }

    /**
     * @param lineId the order line
     * @param sku the SKU
     * @param location where
     * @param quantity units, {@code > 0}
     * @return the line
     */
    public static ReserveLine of(String lineId, String sku, String location, long quantity) {
        return new ReserveLine(LineId.of(lineId), Sku.of(sku), LocationId.of(location),
                Quantity.positive(quantity, "ReserveLine.quantity"));
    }

    /** @return SKU and location */
    public PositionKey position() {
        return PositionKey.of(sku, location);
    }
}
