package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;

/**
 * How many units of a SKU may be backordered, and how many are. The store refuses a change that
 * would take {@code backordered} above {@code limit}.
 *
 * @param sku the SKU
 * @param limit most units that may wait for stock at once (0: no backorders)
 * @param backordered units waiting now
 */
public record BackorderAccount(Sku sku, Quantity limit, Quantity backordered) {
    /** @throws InvalidInputException if a field is null */
    public BackorderAccount {
        InvalidInputException.requireNonNull(sku, "BackorderAccount.sku");
        InvalidInputException.requireNonNull(limit, "BackorderAccount.limit");
        InvalidInputException.requireNonNull(backordered, "BackorderAccount.backordered");
    }

    /** @return units that may still be backordered (0 if over the limit after a limit was lowered) */
    public long headroom() {
        return Math.max(0, limit.value() - backordered.value());
    }
}
