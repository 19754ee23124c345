package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Quantity;

/**
 * The stock of one SKU at one location.
 *
 * <pre>
 * available = onHand - reserved - safetyStock
 * </pre>
 * {@code onHand} counts sellable units physically there; units that are damaged or in quality
 * control are counted apart and never sellable. {@code available} may be negative after a count
 * or damage found fewer units than are reserved (an oversold position that needs attention);
 * reservations never make it negative.
 *
 * @param key SKU and location
 * @param onHand sellable units physically at the location
 * @param reserved units held by active reservations
 * @param damaged units known to be damaged
 * @param qualityControl units waiting for inspection
 * @param settings safety stock and reorder settings
 * @param version increases with every change of this position
 */
public record StockPosition(PositionKey key, Quantity onHand, Quantity reserved, Quantity damaged,
        Quantity qualityControl, PositionSettings settings, long version) {
    /**
     * The most units one count of a position (on hand, reserved, damaged, in quality control)
     * may hold, and the most one movement may change it by: {@link Quantity#MAX}, a trillion.
     * Every store refuses a change past it the same way, long before any arithmetic or database
     * column could overflow.
     */
    public static final long MAX_UNITS = Quantity.MAX;

    /** @throws InvalidInputException if a field is null or the version negative */
    public StockPosition {
        InvalidInputException.requireNonNull(key, "StockPosition.key");
        InvalidInputException.requireNonNull(onHand, "StockPosition.onHand");
        InvalidInputException.requireNonNull(reserved, "StockPosition.reserved");
        InvalidInputException.requireNonNull(damaged, "StockPosition.damaged");
        InvalidInputException.requireNonNull(qualityControl, "StockPosition.qualityControl");
        InvalidInputException.requireNonNull(settings, "StockPosition.settings");
        if (version < 0) {
            throw new InvalidInputException("StockPosition.version", "must not be negative (was " + version + ")");
        }
    }

    /**
     * Checks the counts a change would leave, before anything is written.
     *
     * @param key the position
     * @param onHand on hand after the change
     * @param reserved reserved after the change
     * @param damaged damaged after the change
     * @param qualityControl in quality control after the change
     * @throws dev.oms.spi.InvalidInputException.InvalidQuantityException naming the position and
     *     the count if one is above {@link #MAX_UNITS}
     */
    public static void requireWithinLimit(PositionKey key, long onHand, long reserved, long damaged,
            long qualityControl) {
        requireWithinLimit(key, onHand, "on hand");
        requireWithinLimit(key, reserved, "reserved");
        requireWithinLimit(key, damaged, "damaged");
        requireWithinLimit(key, qualityControl, "quality control");
    }

    private static void requireWithinLimit(PositionKey key, long count, String name) {
        if (count > MAX_UNITS) {
            throw new dev.oms.spi.InvalidInputException.InvalidQuantityException(name + " of " + key, count,
                    "would be above the most a position holds, " + MAX_UNITS);
        }
    }

    /**
     * An empty position.
     *
     * @param key SKU and location
     * @param settings safety stock and reorder settings
     * @return a position with nothing on hand
     */
    public static StockPosition empty(PositionKey key, PositionSettings settings) {
        return new StockPosition(key, Quantity.ZERO, Quantity.ZERO, Quantity.ZERO, Quantity.ZERO, settings, 0);
    }

    /** @return on hand minus reserved minus safety stock; negative only after a count or damage */
    public long available() {
        return onHand.value() - reserved.value() - settings.safetyStock().value();
    }

    /** @return whether available is below the reorder point (a replenishment signal is due) */
    public boolean belowReorderPoint() {
        return settings.reorderPoint().isPositive() && available() < settings.reorderPoint().value();
    }

    /**
     * @param next new settings
     * @return this position with other settings, one version later
     */
    public StockPosition withSettings(PositionSettings next) {
        return new StockPosition(key, onHand, reserved, damaged, qualityControl, next, version + 1);
    }

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
}
