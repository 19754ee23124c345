package dev.oms.spi;

/**
 * The id of a fulfilment order: the part of an order one location fulfils.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record FulfillmentOrderId(String value) implements Comparable<FulfillmentOrderId> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public FulfillmentOrderId {
        InvalidInputException.requireCode(value, "FulfillmentOrderId");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static FulfillmentOrderId of(String value) {
        return new FulfillmentOrderId(value);
    }

    @Override
    public int compareTo(FulfillmentOrderId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
