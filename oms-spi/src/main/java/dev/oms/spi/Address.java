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
}
