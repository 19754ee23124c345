package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Quantity;

/**
 * How a position is run: the safety stock kept back from sale, and the reorder point and
 * quantity for replenishment signals.
 *
 * @param safetyStock units never promised to customers
 * @param reorderPoint when available falls below it, a low-stock signal is raised
 * @param reorderQuantity how much the signal suggests to reorder
 */
public record PositionSettings(Quantity safetyStock, Quantity reorderPoint, Quantity reorderQuantity) {
    /** No safety stock, no replenishment signals. */
    public static final PositionSettings NONE = new PositionSettings(Quantity.ZERO, Quantity.ZERO, Quantity.ZERO);

    /** @throws InvalidInputException if a field is null */
    public PositionSettings {
        InvalidInputException.requireNonNull(safetyStock, "PositionSettings.safetyStock");
        InvalidInputException.requireNonNull(reorderPoint, "PositionSettings.reorderPoint");
        InvalidInputException.requireNonNull(reorderQuantity, "PositionSettings.reorderQuantity");
    }
}
