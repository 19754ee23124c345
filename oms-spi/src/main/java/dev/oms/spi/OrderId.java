package dev.oms.spi;

/**
 * The id oms gives an order (from the host's {@link IdGenerator}).
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record OrderId(String value) implements Comparable<OrderId> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public OrderId {
        InvalidInputException.requireCode(value, "OrderId");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public int compareTo(OrderId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
