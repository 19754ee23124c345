package dev.oms.spi;

/**
 * A stock keeping unit: the product variant a line sells and inventory counts.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record Sku(String value) implements Comparable<Sku> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public Sku {
        InvalidInputException.requireCode(value, "Sku");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static Sku of(String value) {
        return new Sku(value);
    }

    @Override
    public int compareTo(Sku other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
