package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;

/**
 * What a reservation request asked for one order line at one position, kept with the
 * reservation so its outcome (held, backordered, unfilled) can always be told again.
 *
 * @param lineId the order line
 * @param position SKU and location
 * @param quantity units asked for
 */
public record RequestedLine(LineId lineId, PositionKey position, Quantity quantity) {
    /** @throws InvalidInputException if a field is null or the quantity zero */
    public RequestedLine {
        InvalidInputException.requireNonNull(lineId, "RequestedLine.lineId");
        InvalidInputException.requireNonNull(position, "RequestedLine.position");
        Quantity.requirePositive(quantity, "RequestedLine.quantity");
    }
}
