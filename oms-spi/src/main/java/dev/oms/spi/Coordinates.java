package dev.oms.spi;

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
            throw new InvalidInputException("Coordinates.latitude", "must be within -90..90 (was " + latitude + ")");
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
