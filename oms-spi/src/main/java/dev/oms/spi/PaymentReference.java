package dev.oms.spi;

/**
 * The payment provider's reference to an authorisation, capture, void or refund.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record PaymentReference(String value) implements Comparable<PaymentReference> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public PaymentReference {
        InvalidInputException.requireCode(value, "PaymentReference");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static PaymentReference of(String value) {
        return new PaymentReference(value);
    }

    @Override
    public int compareTo(PaymentReference other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
