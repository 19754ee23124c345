package dev.oms.spi;

/**
 * The host's reference to a customer. Never personal data itself: oms stores and logs only this reference.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record CustomerRef(String value) implements Comparable<CustomerRef> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public CustomerRef {
        InvalidInputException.requireCode(value, "CustomerRef");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static CustomerRef of(String value) {
        return new CustomerRef(value);
    }

    @Override
    public int compareTo(CustomerRef other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
