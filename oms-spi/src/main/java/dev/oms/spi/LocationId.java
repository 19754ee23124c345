package dev.oms.spi;

/**
 * A location that holds stock or fulfils orders: a warehouse, a store, a drop-ship supplier.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record LocationId(String value) implements Comparable<LocationId> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public LocationId {
        InvalidInputException.requireCode(value, "LocationId");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static LocationId of(String value) {
        return new LocationId(value);
    }

    @Override
    public int compareTo(LocationId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
