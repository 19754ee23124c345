package dev.oms.spi;

/**
 * The id of a draft order or quote: the host's quote number, unique across channels; the order it
 * becomes carries it as its external order id.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record DraftId(String value) implements Comparable<DraftId> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public DraftId {
        InvalidInputException.requireCode(value, "DraftId");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static DraftId of(String value) {
        return new DraftId(value);
    }

    @Override
    public int compareTo(DraftId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
