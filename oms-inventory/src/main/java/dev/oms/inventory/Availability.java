package dev.oms.inventory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.InvalidInputException.UnknownSkuException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPositions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Available to promise, for storefronts: per SKU, per location, and summed over a set of
 * locations (a channel's locations). Never negative: an oversold position promises 0.
 *
 * <p>Served from a Caffeine cache of each SKU's positions. Every change {@link InventoryService}
 * applies writes the positions it left into the cached entry before the call returns (a
 * position's count is replaced only by one of a later version, so two changes finishing in
 * either order leave the later one), and the update waits for a load of the same SKU in flight,
 * so a read after a write in the same JVM is never stale and a hot SKU's entry is never dropped.
 * Changes made by other JVMs on a shared store become visible when an entry expires, a fixed time
 * after it was loaded on the service's clock ({@link InventoryService.Builder#availabilityTtl}); updates
 * do not extend it (on a fixed clock entries never expire; a clock set back lengthens them).
 * Cache upkeep runs on the calling thread; no thread pool is used. Thread-safe.
 */
public final class Availability {
    private final StockPositions store;
    private final Cache<Sku, Positions> cache;

    Availability(StockPositions store, Duration ttl, long maximumSkus, Clock clock) {
        this.store = store;
        long ttlNanos = ttl.compareTo(Duration.ofDays(100 * 365)) > 0 ? Long.MAX_VALUE / 2 : ttl.toNanos();
        // Maintenance runs on the calling thread: oms starts no thread pool of its own, and does
        // not borrow the common pool behind the host's back. Entries expire on the service's clock.
        this.cache = Caffeine.newBuilder().executor(Runnable::run).maximumSize(maximumSkus)
                .ticker(() -> Math.multiplyExact(clock.millis(), 1_000_000L))
                .expireAfter(new Expiry<Sku, Positions>() {
                    @Override
                    public long expireAfterCreate(Sku sku, Positions positions, long now) {
                        return ttlNanos;
                    }

                    @Override
                    public long expireAfterUpdate(Sku sku, Positions positions, long now, long remaining) {
                        return remaining;
                    }

                    @Override
                    public long expireAfterRead(Sku sku, Positions positions, long now, long remaining) {
                        return remaining;
                    }
                }).build();
    }

    /**
     * @param sku a SKU
     * @return available to promise per location where it is stocked
     * @throws UnknownSkuException if it is stocked nowhere
     */
    public Map<LocationId, Long> byLocation(Sku sku) {
        return positions(sku).byLocation();
    }

    /**
     * @param sku a SKU
     * @return available to promise over every location
     * @throws UnknownSkuException if it is stocked nowhere
     */
    public long atp(Sku sku) {
        return positions(sku).sum();
    }

    /**
     * @param sku a SKU
     * @param location a location
     * @return available to promise there
     * @throws UnknownSkuException if it is stocked nowhere
     * @throws UnknownPositionException if it is not stocked at that location
     */
    public long atp(Sku sku, LocationId location) {
        InvalidInputException.requireNonNull(location, "location");
        Positions positions = positions(sku);
        int at = positions.indexOf(location);
        if (at < 0) {
            throw new UnknownPositionException(PositionKey.of(sku, location));
        }
        return positions.available(at);
    }

    /**
     * @param sku a SKU
     * @param locations a channel's locations; those where the SKU is not stocked count as 0
     * @return available to promise summed over them
     * @throws UnknownSkuException if it is stocked nowhere
     */
    public long atp(Sku sku, Collection<LocationId> locations) {
        InvalidInputException.requireNonNull(locations, "locations");
        Positions positions = positions(sku);
        long sum = 0;
        for (LocationId location : locations) {
            int at = positions.indexOf(location);
            sum += at < 0 ? 0 : positions.available(at);
        }
        return sum;
    }

    private Positions positions(Sku sku) {
        InvalidInputException.requireNonNull(sku, "sku");
        Positions positions = cache.get(sku, this::load);
        if (positions.isEmpty()) {
            cache.invalidate(sku);
            throw new UnknownSkuException(sku);
        }
        return positions;
    }

    void invalidate(Sku sku) {
        cache.invalidate(sku);
    }

    /**
     * Writes positions a change left into the cached entries of their SKUs. A position the entry
     * does not know (defined after the load) drops the entry, to be loaded again, and so does a
     * position the change moved that the store did not return (the SPI asks for every touched
     * position; a store that leaves one out still never leaves a stale count here).
     *
     * @param change the applied change
     * @param after the positions the store returned for it
     */
    void update(InventoryChange change, List<StockPosition> after) {
        for (PositionDelta delta : change.deltas()) {
            if (!returned(after, delta.key())) {
                cache.invalidate(delta.key().sku());
            }
        }
        update(after);
    }

    private static boolean returned(List<StockPosition> after, PositionKey key) {
        for (StockPosition position : after) {
            if (position.key().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param after positions after an applied change, written into the cached entries of their SKUs
     */
    void update(List<StockPosition> after) {
        for (StockPosition position : after) {
            Sku sku = position.key().sku();
            // compute, not computeIfPresent: Caffeine's computeIfPresent returns at once while a load
            // of the key is in flight (and that load may have read the position before this change);
            // compute waits for it, then updates what it loaded. An entry that does not know the
            // location is removed; no entry is created.
            cache.asMap().compute(sku, (k, cached) -> cached != null && cached.update(position) ? cached : null);
        }
    }

    private Positions load(Sku sku) {
        return new Positions(store.positions(sku));
    }

    /**
     * One SKU's cached availability: per location (in location order) the available count and the
     * position version it came from. Counts change under the object's lock, only to a later
     * version.
     */
    private static final class Positions {
        private final LocationId[] locations;
        private final long[] available;
        private final long[] versions;
        private Map<LocationId, Long> byLocation;

        Positions(List<StockPosition> positions) {
            List<StockPosition> sorted = new ArrayList<>(positions);
            sorted.sort(Comparator.comparing(p -> p.key().location()));
            locations = new LocationId[sorted.size()];
            available = new long[sorted.size()];
            versions = new long[sorted.size()];
            for (int i = 0; i < sorted.size(); i++) {
                locations[i] = sorted.get(i).key().location();
                available[i] = Math.max(0, sorted.get(i).available());
                versions[i] = sorted.get(i).version();
            }
        }

        boolean isEmpty() {
            return locations.length == 0;
        }

        int indexOf(LocationId location) {
            return Arrays.binarySearch(locations, location);
        }

        synchronized long available(int at) {
            return available[at];
        }

        synchronized long sum() {
            long sum = 0;
            for (long units : available) {
                sum += units;
            }
            return sum;
        }

        synchronized Map<LocationId, Long> byLocation() {
            if (byLocation == null) {
                Map<LocationId, Long> map = new TreeMap<>();
                for (int i = 0; i < locations.length; i++) {
                    map.put(locations[i], available[i]);
                }
                byLocation = Collections.unmodifiableMap(map);
            }
            return byLocation;
        }

        /** @return false if the entry does not know the position's location */
        synchronized boolean update(StockPosition position) {
            int at = indexOf(position.key().location());
            if (at < 0) {
                return false;
            }
            if (position.version() > versions[at]) {
                versions[at] = position.version();
                long next = Math.max(0, position.available());
                if (next != available[at]) {
                    available[at] = next;
                    byLocation = null;
                }
            }
            return true;
        }
    }
}
