package dev.oms.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;

/**
 * Units of one order line a customer asks to return, exchange or claim, with the reason.
 *
 * @param lineId the order line
 * @param quantity units, {@code > 0}
 * @param reason the reason code, from the policy's catalogue
 */
public record LineToReturn(LineId lineId, Quantity quantity, String reason) {
    /** @throws InvalidInputException if a field is null, the quantity zero or the reason blank */
    public LineToReturn {
        InvalidInputException.requireNonNull(lineId, "LineToReturn.lineId");
        Quantity.requirePositive(quantity, "LineToReturn.quantity");
        InvalidInputException.requireCode(reason, "LineToReturn.reason");
    }

    /**
     * @param lineId the order line
     * @param quantity units, {@code > 0}
     * @param reason the reason code
     * @return the line
     * @throws dev.oms.spi.InvalidInputException.InvalidQuantityException if the quantity is zero or negative
     */
    public static LineToReturn of(String lineId, long quantity, String reason) {
        return new LineToReturn(LineId.of(lineId), Quantity.positive(quantity, "LineToReturn.quantity"), reason);
    }
}
