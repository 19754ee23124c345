package dev.oms.spi;

/**
 * Bad input: a null, blank, malformed or out-of-range value, refused before anything changed.
 *
 * <p>{@link #field()} names the offending field as a path (for example {@code "lines[2].quantity"}
 * or {@code "OrderId"}), {@link #problem()} says what was wrong with it.
 */
public class InvalidInputException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /**
     * @param field the field or value type that was wrong
     * @param problem what was wrong with it
     */
    public InvalidInputException(String field, String problem) {
        super("invalid " + field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** @return the field path or value type that was wrong */
    public String field() {
        return field;
    }

    /** @return what was wrong with the field */
    public String problem() {
        return problem;
    }

    /**
     * Refuses {@code null} with this exception rather than a {@link NullPointerException}.
     *
     * @param value the value to check
     * @param field the field name used in the message
     * @param <T> the value's type
     * @return the value, never {@code null}
     * @throws InvalidInputException if {@code value} is {@code null}
     */
    public static <T> T requireNonNull(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        return value;
    }
}
