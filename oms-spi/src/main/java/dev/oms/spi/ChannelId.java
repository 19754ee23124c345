package dev.oms.spi;

/**
 * A sales channel: a web shop, an app, a store's point of sale, a marketplace.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record ChannelId(String value) implements Comparable<ChannelId> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public ChannelId {
        InvalidInputException.requireCode(value, "ChannelId");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static ChannelId of(String value) {
        return new ChannelId(value);
    }

    @Override
    public int compareTo(ChannelId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
