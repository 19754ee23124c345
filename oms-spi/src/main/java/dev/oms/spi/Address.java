package dev.oms.spi;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A postal address.
 *
 * <p>Routing needs only the country, the postal code and, where known, the coordinates; the
 * street lines and city are carried for labels. An address is personal data: {@link #toString()}
 * shows only the country and the first characters of the postal code, so an address can never
 * leak into a log line by accident.
 *
 * @param country ISO 3166-1 alpha-2 code, upper case (for example {@code "DE"})
 * @param postalCode the postal code, as written in that country (may be empty where a country has none)
 * @param city the city or town (may be empty)
 * @param lines street lines, at most four (may be empty)
 * @param coordinates the point, if known
 */
public record Address(String country, String postalCode, String city, List<String> lines,
        Optional<Coordinates> coordinates) {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /**
     * @throws InvalidInputException if a field is null, the country is not an ISO 3166 code, or a
     *     text is too long
     */
    public Address {
        InvalidInputException.requireNonNull(country, "Address.country");
        if (!COUNTRIES.contains(country)) {
            throw new InvalidInputException("Address.country",
                    "'" + country + "' is not an ISO 3166-1 alpha-2 country code");
        }
        InvalidInputException.requireText(postalCode, "Address.postalCode", 16);
        InvalidInputException.requireText(city, "Address.city", 128);
        InvalidInputException.requireNonNull(lines, "Address.lines");
        if (lines.size() > 4) {
            throw new InvalidInputException("Address.lines", "at most 4 street lines (was " + lines.size() + ")");
        }
        for (int i = 0; i < lines.size(); i++) {
            InvalidInputException.requireText(lines.get(i), "Address.lines[" + i + "]", 256);
        }
        lines = List.copyOf(lines);
        InvalidInputException.requireNonNull(coordinates, "Address.coordinates");
    }

    /**
     * An address with only a country and postal code, enough to route and to test.
     *
     * @param country ISO 3166-1 alpha-2 code
     * @param postalCode the postal code
     * @return the address
     */
    public static Address of(String country, String postalCode) {
        return new Address(country, postalCode, "", List.of(), Optional.empty());
    }

    /**
     * @param point where the address is
     * @return this address with coordinates
     */
    public Address withCoordinates(Coordinates point) {
        return new Address(country, postalCode, city, lines, Optional.of(point));
    }

    /** Shows the country and a postal code prefix only; the rest is personal data. */
    @Override
    public String toString() {
        String prefix = postalCode.length() <= 2 ? postalCode : postalCode.substring(0, 2) + "…";
        return "Address[" + country + " " + prefix + "]";
    }

    /**
     * A point on the earth in decimal degrees (WGS 84), used for distance-based routing.
     *
     * @param latitude {@code -90..90}
     * @param longitude {@code -180..180}
     */
    public record Coordinates(double latitude, double longitude) {
        /**
         * @throws InvalidInputException if a value is out of range or not a number
         */
        public Coordinates {
            if (!(latitude >= -90 && latitude <= 90)) {
                throw new InvalidInputException("Coordinates.latitude", "must be within -90..90 (was " + latitude
                        + ")");
            }
            if (!(longitude >= -180 && longitude <= 180)) {
                throw new InvalidInputException("Coordinates.longitude",
                        "must be within -180..180 (was " + longitude + ")");
            }
        }

        /**
         * @param latitude {@code -90..90}
         * @param longitude {@code -180..180}
         * @return the point
         */
        public static Coordinates of(double latitude, double longitude) {
            return new Coordinates(latitude, longitude);
        }

        /**
         * The great-circle distance to another point (haversine, mean earth radius 6371.0088 km).
         *
         * @param other the other point
         * @return the distance in kilometres
         */
        public double kilometresTo(Coordinates other) {
            double lat1 = Math.toRadians(latitude);
            double lat2 = Math.toRadians(other.latitude);
            double dLat = lat2 - lat1;
            double dLon = Math.toRadians(other.longitude - longitude);
            double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                    + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
            return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
        }
    }
}
