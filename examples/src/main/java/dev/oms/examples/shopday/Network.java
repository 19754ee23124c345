package dev.oms.examples.shopday;

import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.LocationId;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The shop's locations in Germany, Austria and the Netherlands (three warehouses that ship to all
 * three countries, the nearest first; four stores that ship locally and offer pickup) and the cities its
 * customers live in, with real coordinates so routing by distance behaves as it would.
 */
final class Network {
    static final LocationId BERLIN = LocationId.of("wh-berlin");
    static final LocationId VIENNA_WAREHOUSE = LocationId.of("wh-vienna");
    static final LocationId UTRECHT = LocationId.of("wh-utrecht");
    static final LocationId MUNICH_STORE = LocationId.of("store-munich");
    static final LocationId HAMBURG_STORE = LocationId.of("store-hamburg");
    static final LocationId VIENNA_STORE = LocationId.of("store-vienna");
    static final LocationId AMSTERDAM_STORE = LocationId.of("store-amsterdam");

    /** Returns from every country go to the Berlin warehouse, where restocked units are sellable again. */
    static final LocationId RETURNS = BERLIN;

    static final List<Location> LOCATIONS = List.of(
            warehouse(BERLIN, 52.5200, 13.4050, "4.50", "DE", "AT", "NL"),
            warehouse(VIENNA_WAREHOUSE, 48.2082, 16.3738, "5.00", "AT", "DE", "NL"),
            warehouse(UTRECHT, 52.0907, 5.1214, "4.80", "NL", "DE", "AT"),
            store(MUNICH_STORE, 48.1372, 11.5756, "DE"),
            store(HAMBURG_STORE, 53.5511, 9.9937, "DE"),
            store(VIENNA_STORE, 48.2100, 16.3700, "AT"),
            store(AMSTERDAM_STORE, 52.3676, 4.9041, "NL"));

    /** Where customers of a country collect pickup orders. */
    static final Map<String, List<LocationId>> PICKUP_STORES = Map.of(
            "DE", List.of(MUNICH_STORE, HAMBURG_STORE),
            "AT", List.of(VIENNA_STORE),
            "NL", List.of(AMSTERDAM_STORE));

    /** A city customers order from. */
    record City(String name, String country, String postalCode, double latitude, double longitude) {
        Address address() {
            return Address.of(country, postalCode).withCoordinates(Coordinates.of(latitude, longitude));
        }
    }

    static final List<City> CITIES = List.of(
            new City("Berlin", "DE", "10115", 52.532, 13.384),
            new City("Hamburg", "DE", "20095", 53.550, 10.000),
            new City("Munich", "DE", "80331", 48.137, 11.575),
            new City("Cologne", "DE", "50667", 50.938, 6.960),
            new City("Frankfurt", "DE", "60311", 50.110, 8.682),
            new City("Leipzig", "DE", "04109", 51.340, 12.373),
            new City("Stuttgart", "DE", "70173", 48.776, 9.182),
            new City("Dresden", "DE", "01067", 51.050, 13.737),
            new City("Vienna", "AT", "1010", 48.208, 16.373),
            new City("Graz", "AT", "8010", 47.071, 15.439),
            new City("Linz", "AT", "4020", 48.306, 14.286),
            new City("Salzburg", "AT", "5020", 47.809, 13.055),
            new City("Amsterdam", "NL", "1012", 52.373, 4.893),
            new City("Rotterdam", "NL", "3011", 51.922, 4.479),
            new City("Utrecht", "NL", "3511", 52.091, 5.122),
            new City("Eindhoven", "NL", "5611", 51.441, 5.470));

    private Network() {
    }

    private static Location warehouse(LocationId id, double lat, double lon, String cost, String... countries) {
        return Location.builder(id, LocationType.WAREHOUSE, Coordinates.of(lat, lon), Amounts.of(cost, "EUR"))
                .serves(countries).priority(1).handlingTime(Duration.ofHours(2)).build();
    }

    private static Location store(LocationId id, double lat, double lon, String country) {
        return Location.builder(id, LocationType.STORE, Coordinates.of(lat, lon), Amounts.of("6.50", "EUR"))
                .serves(country).offersPickup().orderCapacity(40).priority(2).handlingTime(Duration.ofHours(4))
                .build();
    }

    /** @return the country a location is in */
    static String countryOf(LocationId id) {
        return switch (id.value()) {
            case "wh-vienna", "store-vienna" -> "AT";
            case "wh-utrecht", "store-amsterdam" -> "NL";
            default -> "DE";
        };
    }

    static boolean isStore(LocationId id) {
        return id.value().startsWith("store-");
    }
}
