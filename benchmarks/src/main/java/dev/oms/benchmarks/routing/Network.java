package dev.oms.benchmarks.routing;

import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.Router.StockView;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.fulfillment.RoutingRequest.RouteLine;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded routing network: locations spread over Germany, each stocking about a third of the
 * SKUs with 1 to 20 units; requests of random lines to random destinations. The stock view is a
 * plain table, so the benchmark measures the router, not an inventory.
 */
final class Network {
    final List<Location> locations = new ArrayList<>();
    final Map<LocationId, Integer> index = new HashMap<>();
    final Map<Sku, long[]> units = new HashMap<>();
    final int skus;
    private final SplittableRandom random;

    Network(long seed, int locationCount, int skuCount, double stockedShare) {
        this.random = new SplittableRandom(seed);
        this.skus = skuCount;
        for (int i = 0; i < locationCount; i++) {
            LocationId id = LocationId.of(String.format("loc-%04d", i));
            locations.add(Location.builder(id, i % 5 == 0 ? LocationType.STORE : LocationType.WAREHOUSE,
                    Coordinates.of(47.5 + random.nextDouble() * 7, 6 + random.nextDouble() * 9),
                    Amounts.of(String.valueOf(3 + random.nextInt(5)), "EUR")).serves("DE").build());
            index.put(id, i);
        }
        for (int s = 0; s < skuCount; s++) {
            long[] at = new long[locationCount];
            for (int i = 0; i < locationCount; i++) {
                at[i] = random.nextDouble() < stockedShare ? 1 + random.nextInt(20) : 0;
            }
            units.put(sku(s), at);
        }
    }

    static Sku sku(int s) {
        return Sku.of("SKU-" + s);
    }

    StockView stock() {
        return (sku, location) -> {
            long[] at = units.get(sku);
            Integer i = index.get(location);
            return at == null || i == null ? 0 : at[i];
        };
    }

    RoutingRequest request(int lines) {
        List<RouteLine> out = new ArrayList<>();
        List<Integer> taken = new ArrayList<>();
        while (out.size() < lines) {
            int s = random.nextInt(skus);
            if (!taken.contains(s)) {
                taken.add(s);
                out.add(RouteLine.of(String.valueOf(out.size() + 1), sku(s).value(), 1 + random.nextInt(3),
                        Amounts.of("10.00", "EUR")));
            }
        }
        Address to = Address.of("DE", "10115").withCoordinates(Coordinates.of(47.5 + random.nextDouble() * 7,
                6 + random.nextDouble() * 9));
        return RoutingRequest.delivery(to, out.toArray(RouteLine[]::new));
    }
}
