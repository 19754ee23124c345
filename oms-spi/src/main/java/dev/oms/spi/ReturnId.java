package dev.oms.spi;

/**
 * The id of a return (an RMA) that brings units of an order's lines back.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record ReturnId(String value) implements Comparable<ReturnId> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public ReturnId {
        InvalidInputException.requireCode(value, "ReturnId");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static ReturnId of(String value) {
        return new ReturnId(value);
    }

    @Override
    public int compareTo(ReturnId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
