package dev.oms.spi.internal;

import dev.oms.spi.InvalidInputException;

/**
 * Validation shared by the value types of this module. Not exported: hosts validate through the
 * types' own constructors and factories.
 */
public final class Checks {
    /** Longest identifier accepted; long enough for UUIDs, marketplace ids and prefixes. */
    public static final int MAX_ID_LENGTH = 128;

    private Checks() {
    }

    /**
     * Validates an identifier: not null, not blank, at most {@link #MAX_ID_LENGTH} characters, no
     * control characters and no leading or trailing white space.
     *
     * @param value the identifier
     * @param type the id type named in an error
     * @return the identifier
     */
    public static String id(String value, String type) {
        InvalidInputException.requireNonNull(value, type);
        if (value.isBlank()) {
            throw new InvalidInputException(type, "must not be blank");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidInputException(type, "longer than " + MAX_ID_LENGTH + " characters");
        }
        if (!value.strip().equals(value)) {
            throw new InvalidInputException(type, "has leading or trailing white space");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidInputException(type, "contains a control character at index " + i);
            }
        }
        return value;
    }

    /**
     * Validates free text (a reason, a note): not null, at most {@code max} characters.
     *
     * @param value the text
     * @param field the field named in an error
     * @param max the longest length allowed
     * @return the text
     */
    public static String text(String value, String field, int max) {
        InvalidInputException.requireNonNull(value, field);
        if (value.length() > max) {
            throw new InvalidInputException(field, "longer than " + max + " characters");
        }
        return value;
    }
}
