package dev.oms.spi;

/**
 * The id of a shipment (a parcel or a pickup hand-over) that carries units of an order's lines.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record ShipmentId(String value) implements Comparable<ShipmentId> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public ShipmentId {
        InvalidInputException.requireCode(value, "ShipmentId");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static ShipmentId of(String value) {
        return new ShipmentId(value);
    }

    @Override
    public int compareTo(ShipmentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
