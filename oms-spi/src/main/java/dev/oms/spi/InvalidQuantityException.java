package dev.oms.spi;

/**
 * A quantity that is negative, zero where a positive one is required, or would overflow.
 */
public class InvalidQuantityException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final long value;

    /**
     * @param field the field holding the quantity
     * @param value the refused value
     * @param problem what was wrong with it
     */
    public InvalidQuantityException(String field, long value, String problem) {
        super(field, problem + " (was " + value + ")");
        this.value = value;
    }

    /** @return the refused quantity */
    public long value() {
        return value;
    }
}
