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

    /** Longest identifier or code accepted; long enough for UUIDs, marketplace ids and prefixes. */
    public static final int MAX_CODE_LENGTH = 128;

    /**
     * Checks an identifier or code: not null, not blank, at most {@link #MAX_CODE_LENGTH}
     * characters, no control characters and no leading or trailing white space.
     *
     * @param value the identifier
     * @param field the field or id type named in an error
     * @return the identifier
     * @throws InvalidInputException if it is malformed
     */
    public static String requireCode(String value, String field) {
        requireNonNull(value, field);
        if (value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        if (value.length() > MAX_CODE_LENGTH) {
            throw new InvalidInputException(field, "longer than " + MAX_CODE_LENGTH + " characters");
        }
        if (!value.strip().equals(value)) {
            throw new InvalidInputException(field, "has leading or trailing white space");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidInputException(field, "contains a control character at index " + i);
            }
        }
        return value;
    }

    /**
     * Checks free text (a reason, a note): not null, at most {@code max} characters.
     *
     * @param value the text
     * @param field the field named in an error
     * @param max the longest length allowed
     * @return the text
     * @throws InvalidInputException if it is null or too long
     */
    public static String requireText(String value, String field, int max) {
        requireNonNull(value, field);
        if (value.length() > max) {
            throw new InvalidInputException(field, "longer than " + max + " characters");
        }
        return value;
    }
}
