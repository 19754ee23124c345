package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;

/**
 * Where a stock position lives: one SKU at one location. Ordered by SKU, then location; stores
 * lock or update positions in this order so that concurrent multi-SKU changes cannot deadlock.
 *
 * @param sku the SKU
 * @param location the location
 */
public record PositionKey(Sku sku, LocationId location) implements Comparable<PositionKey> {
    /** @throws InvalidInputException if a field is null */
    public PositionKey {
        InvalidInputException.requireNonNull(sku, "PositionKey.sku");
        InvalidInputException.requireNonNull(location, "PositionKey.location");
    }

    /**
     * @param sku the SKU
     * @param location the location
     * @return the key
     */
    public static PositionKey of(Sku sku, LocationId location) {
        return new PositionKey(sku, location);
    }

    @Override
    public int compareTo(PositionKey other) {
        int bySku = sku.compareTo(other.sku);
        return bySku != 0 ? bySku : location.compareTo(other.location);
    }

    @Override
    public String toString() {
        return sku + "@" + location;
    }
}
