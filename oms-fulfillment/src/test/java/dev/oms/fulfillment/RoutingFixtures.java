package dev.oms.fulfillment;

import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.Router.StockView;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import java.util.HashMap;
import java.util.Map;
import javax.money.MonetaryAmount;

/** Locations with real coordinates and a mutable stock table for routing tests. */
final class RoutingFixtures {
    static final Coordinates BERLIN = Coordinates.of(52.520, 13.405);
    static final Coordinates HAMBURG = Coordinates.of(53.551, 9.994);
    static final Coordinates MUNICH = Coordinates.of(48.137, 11.575);
    static final Coordinates PARIS = Coordinates.of(48.857, 2.352);
    static final Address TO_POTSDAM = Address.of("DE", "14467").withCoordinates(Coordinates.of(52.391, 13.065));
    static final Address TO_LYON = Address.of("FR", "69001").withCoordinates(Coordinates.of(45.764, 4.835));

    private RoutingFixtures() {
    }

    static MonetaryAmount eur(String amount) {
        return Amounts.of(amount, "EUR");
    }

    static Location warehouse(String id, Coordinates at, String... countries) {
        return Location.builder(LocationId.of(id), LocationType.WAREHOUSE, at, eur("5.00")).serves(countries).build();
    }

    /** A stock table: units per (SKU, location). */
    static final class Stock implements StockView {
        private final Map<String, Long> units = new HashMap<>();

        Stock put(String sku, String location, long quantity) {
            units.put(sku + "@" + location, quantity);
            return this;
        }

        @Override
        public long available(Sku sku, LocationId location) {
            return units.getOrDefault(sku + "@" + location, 0L);
        }
    }
}
