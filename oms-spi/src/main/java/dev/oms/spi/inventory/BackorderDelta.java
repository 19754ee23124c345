package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Sku;

/**
 * A change of a SKU's backordered units. A positive delta is refused if it would take the SKU
 * above its backorder limit.
 *
 * @param sku the SKU
 * @param delta signed units
 */
public record BackorderDelta(Sku sku, long delta) {
    /** @throws InvalidInputException if the SKU is null or the delta zero */
    public BackorderDelta {
        InvalidInputException.requireNonNull(sku, "BackorderDelta.sku");
        if (delta == 0) {
            throw new InvalidInputException("BackorderDelta.delta", "must not be zero");
        }
    }
}
