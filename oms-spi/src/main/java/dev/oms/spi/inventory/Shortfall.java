package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import java.util.Optional;

/**
 * Why a conditional change was refused: at one position (or, with no location, in a SKU's
 * backorder allowance) fewer units were available than the change needed in total.
 *
 * @param sku the SKU
 * @param location the position's location; empty for the SKU's backorder allowance
 * @param requested units the change needed there, summed over all its deltas
 * @param available units that were available there
 */
public record Shortfall(Sku sku, Optional<LocationId> location, long requested, long available) {
    /** @throws InvalidInputException if a field is null */
    public Shortfall {
        InvalidInputException.requireNonNull(sku, "Shortfall.sku");
        InvalidInputException.requireNonNull(location, "Shortfall.location");
    }

    /** @return requested minus available */
    public long missing() {
        return requested - Math.max(0, available);
    }
}
