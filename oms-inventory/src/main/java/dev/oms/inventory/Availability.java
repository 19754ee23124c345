package dev.oms.inventory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.InvalidInputException.UnknownSkuException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPositions;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Available to promise, for storefronts: per SKU, per location, and summed over a set of
 * locations (a channel's locations). Never negative: an oversold position promises 0.
 *
 * <p>Served from a Caffeine cache of each SKU's positions. Every change {@link InventoryService}
 * applies invalidates the SKUs it touched before the call returns, and Caffeine discards a load
 * that raced the invalidation, so a read after a write in the same JVM is never stale. Changes
 * made by other JVMs on a shared store become visible when an entry expires
 * ({@link InventoryService.Builder#availabilityTtl}). Cache upkeep runs on the calling thread; no
 * thread pool is used. Thread-safe.
 */
public final class Availability {
    private final StockPositions store;
    private final Cache<Sku, Map<LocationId, Long>> cache;

    Availability(StockPositions store, Duration ttl, long maximumSkus) {
        this.store = store;
        // Maintenance runs on the calling thread: oms starts no thread pool of its own, and does
        // not borrow the common pool behind the host's back.
        this.cache = Caffeine.newBuilder().executor(Runnable::run).expireAfterWrite(ttl).maximumSize(maximumSkus)
                .build();
    }

    /**
     * @param sku a SKU
     * @return available to promise per location where it is stocked
     * @throws UnknownSkuException if it is stocked nowhere
     */
    public Map<LocationId, Long> byLocation(Sku sku) {
        InvalidInputException.requireNonNull(sku, "sku");
        Map<LocationId, Long> byLocation = cache.get(sku, this::load);
        if (byLocation.isEmpty()) {
            cache.invalidate(sku);
            throw new UnknownSkuException(sku);
        }
        return byLocation;
    }

    /**
     * @param sku a SKU
     * @return available to promise over every location
     * @throws UnknownSkuException if it is stocked nowhere
     */
    public long atp(Sku sku) {
        return byLocation(sku).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @param sku a SKU
     * @param location a location
     * @return available to promise there
     * @throws UnknownSkuException if it is stocked nowhere
     * @throws UnknownPositionException if it is not stocked at that location
     */
    public long atp(Sku sku, LocationId location) {
        Long atp = byLocation(sku).get(InvalidInputException.requireNonNull(location, "location"));
        if (atp == null) {
            throw new UnknownPositionException(PositionKey.of(sku, location));
        }
        return atp;
    }

    /**
     * @param sku a SKU
     * @param locations a channel's locations; those where the SKU is not stocked count as 0
     * @return available to promise summed over them
     * @throws UnknownSkuException if it is stocked nowhere
     */
    public long atp(Sku sku, Collection<LocationId> locations) {
        InvalidInputException.requireNonNull(locations, "locations");
        Map<LocationId, Long> byLocation = byLocation(sku);
        long sum = 0;
        for (LocationId location : locations) {
            sum += byLocation.getOrDefault(location, 0L);
        }
        return sum;
    }

    void invalidate(Sku sku) {
        cache.invalidate(sku);
    }

    private Map<LocationId, Long> load(Sku sku) {
        Map<LocationId, Long> byLocation = new TreeMap<>();
        for (StockPosition position : store.positions(sku)) {
            byLocation.put(position.key().location(), Math.max(0, position.available()));
        }
        return Collections.unmodifiableMap(byLocation);
    }
}
