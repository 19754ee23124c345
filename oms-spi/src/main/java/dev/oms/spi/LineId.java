package dev.oms.spi;

/**
 * The id of a line within one order, supplied by the channel or the host (for example {@code "1"}).
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record LineId(String value) implements Comparable<LineId> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public LineId {
        InvalidInputException.requireCode(value, "LineId");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static LineId of(String value) {
        return new LineId(value);
    }

    @Override
    public int compareTo(LineId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
