package dev.oms.spi;

/**
 * The order's id in its sales channel. Together with the {@link ChannelId} it identifies a channel order, which becomes exactly one oms order.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record ExternalOrderId(String value) implements Comparable<ExternalOrderId> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public ExternalOrderId {
        InvalidInputException.requireCode(value, "ExternalOrderId");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static ExternalOrderId of(String value) {
        return new ExternalOrderId(value);
    }

    @Override
    public int compareTo(ExternalOrderId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
