package dev.oms.spi.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;

/**
 * What an inspector decided for some received units of one return line.
 *
 * @param quantity units, {@code > 0}
 * @param condition the state they arrived in
 * @param disposition what happens to them
 * @param location where the disposition is recorded (for a restock: where the units become sellable)
 */
public record Inspection(Quantity quantity, ItemCondition condition, Disposition disposition, LocationId location) {
    /** @throws InvalidInputException if a field is null or the quantity zero */
    public Inspection {
        Quantity.requirePositive(quantity, "Inspection.quantity");
        InvalidInputException.requireNonNull(condition, "Inspection.condition");
        InvalidInputException.requireNonNull(disposition, "Inspection.disposition");
        InvalidInputException.requireNonNull(location, "Inspection.location");
    }
}
