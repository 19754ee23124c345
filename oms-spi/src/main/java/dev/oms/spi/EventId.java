package dev.oms.spi;

/**
 * The unique id of a domain event, for de-duplication by consumers that receive events at least once.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record EventId(String value) implements Comparable<EventId> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public EventId {
        InvalidInputException.requireCode(value, "EventId");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static EventId of(String value) {
        return new EventId(value);
    }

    @Override
    public int compareTo(EventId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
