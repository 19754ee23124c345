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
public record RequestedLine(LineId lineId, Quantity quantity, String reason) {
    /** @throws InvalidInputException if a field is null, the quantity zero or the reason blank */
    public RequestedLine {
        InvalidInputException.requireNonNull(lineId, "RequestedLine.lineId");
        Quantity.requirePositive(quantity, "RequestedLine.quantity");
        InvalidInputException.requireCode(reason, "RequestedLine.reason");
    }

    /**
     * @param lineId the order line
     * @param quantity units, {@code > 0}
     * @param reason the reason code
     * @return the line
     * @throws dev.oms.spi.InvalidQuantityException if the quantity is zero or negative
     */
    public static RequestedLine of(String lineId, long quantity, String reason) {
        return new RequestedLine(LineId.of(lineId), Quantity.positive(quantity, "RequestedLine.quantity"), reason);
    }
}
