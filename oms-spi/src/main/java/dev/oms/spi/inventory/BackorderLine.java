package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;

/**
 * Units of one order line that were not in stock and wait for stock to arrive. Filled in order
 * of the reservation's priority (higher first), then placement time, then reservation id.
 *
 * @param lineId the order line
 * @param sku the SKU
 * @param open units still waiting
 * @param filled units already filled from arriving stock
 * @param cancelled units no longer wanted (released)
 */
public record BackorderLine(LineId lineId, Sku sku, Quantity open, Quantity filled, Quantity cancelled) {
    /** @throws InvalidInputException if a field is null */
    public BackorderLine {
        InvalidInputException.requireNonNull(lineId, "BackorderLine.lineId");
        InvalidInputException.requireNonNull(sku, "BackorderLine.sku");
        InvalidInputException.requireNonNull(open, "BackorderLine.open");
        InvalidInputException.requireNonNull(filled, "BackorderLine.filled");
        InvalidInputException.requireNonNull(cancelled, "BackorderLine.cancelled");
    }

    /** @return this backorder with {@code q} filled */
    public BackorderLine fill(Quantity q) {
        return new BackorderLine(lineId, sku, open.minus(q), filled.plus(q), cancelled);
    }

    /** @return this backorder with everything open cancelled */
    public BackorderLine cancelOpen() {
        return new BackorderLine(lineId, sku, Quantity.ZERO, filled, cancelled.plus(open));
    }
}
