package dev.oms.spi.order;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;

/**
 * A positive number of units of one line, as allocated, shipped, delivered or returned together.
 *
 * @param lineId the line
 * @param quantity units, {@code > 0}
 */
public record LineQuantity(LineId lineId, Quantity quantity) {
    /**
     * @throws InvalidInputException if a field is null or the quantity is zero
     */
    public LineQuantity {
        InvalidInputException.requireNonNull(lineId, "LineQuantity.lineId");
        Quantity.requirePositive(quantity, "LineQuantity.quantity");
    }

    /**
     * @param lineId the line
     * @param quantity units, {@code > 0}
     * @return the pair
     */
    public static LineQuantity of(String lineId, long quantity) {
        return new LineQuantity(LineId.of(lineId), Quantity.positive(quantity, "LineQuantity.quantity"));
    }
}
