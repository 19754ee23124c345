package dev.oms.spi;

/**
 * The id of a stock reservation (one per order and reservation request).
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record ReservationId(String value) implements Comparable<ReservationId> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public ReservationId {
        InvalidInputException.requireCode(value, "ReservationId");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static ReservationId of(String value) {
        return new ReservationId(value);
    }

    @Override
    public int compareTo(ReservationId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
