package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;

/**
 * Units of one order line held at one position. The units reserved for the line at this
 * position always split as {@code held + committed + released}.
 *
 * @param lineId the order line
 * @param position SKU and location
 * @param held units held now
 * @param committed units shipped (gone from on hand)
 * @param released units given back (cancelled, expired, moved away)
 */
public record ReservedLine(LineId lineId, PositionKey position, Quantity held, Quantity committed,
        Quantity released) {
    /** @throws InvalidInputException if a field is null */
    public ReservedLine {
        InvalidInputException.requireNonNull(lineId, "ReservedLine.lineId");
        InvalidInputException.requireNonNull(position, "ReservedLine.position");
        InvalidInputException.requireNonNull(held, "ReservedLine.held");
        InvalidInputException.requireNonNull(committed, "ReservedLine.committed");
        InvalidInputException.requireNonNull(released, "ReservedLine.released");
    }

    /**
     * @param lineId the order line
     * @param position SKU and location
     * @param held units held
     * @return a fresh line
     */
    public static ReservedLine holding(LineId lineId, PositionKey position, Quantity held) {
        return new ReservedLine(lineId, position, held, Quantity.ZERO, Quantity.ZERO);
    }

    /** @return this line with {@code q} more held */
    public ReservedLine hold(Quantity q) {
        return new ReservedLine(lineId, position, held.plus(q), committed, released);
    }

    /** @return this line with {@code q} moved from held to committed */
    public ReservedLine commit(Quantity q) {
        return new ReservedLine(lineId, position, held.minus(q), committed.plus(q), released);
    }

    /** @return this line with {@code q} moved from held to released */
    public ReservedLine release(Quantity q) {
        return new ReservedLine(lineId, position, held.minus(q), committed, released.plus(q));
    }
}
