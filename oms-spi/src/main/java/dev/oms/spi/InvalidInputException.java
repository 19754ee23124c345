package dev.oms.spi;

import dev.oms.spi.Sku;
import dev.oms.spi.inventory.PositionKey;
import javax.money.CurrencyUnit;

/**
 * Bad input: a null, blank, malformed or out-of-range value, refused before anything changed.
 *
 * <p>{@link #field()} names the offending field as a path (for example {@code "lines[2].quantity"}
 * or {@code "OrderId"}), {@link #problem()} says what was wrong with it. The cases with typed
 * fields of their own (a quantity, a currency, an unknown line) are nested here.
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
     * characters, no control characters, no unpaired surrogates and no leading or trailing white
     * space.
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
        requireStorable(value, field, false);
        return value;
    }

    /**
     * Refuses what a store cannot keep exactly: control characters (in free text all but tab,
     * line feed and carriage return; NUL always) and unpaired surrogates (half of a character,
     * which databases store lossily, so two different ids would become one).
     */
    private static void requireStorable(String value, String field, boolean lineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(lineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                throw new InvalidInputException(field, "contains a control character (U+" + String.format("%04X",
                        (int) c) + ") at index " + i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidInputException(field, "contains an unpaired surrogate (U+" + String.format("%04X",
                        (int) c) + ") at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidInputException(field, "contains an unpaired surrogate (U+" + String.format("%04X",
                        (int) c) + ") at index " + i);
            }
        }
    }

    /**
     * Checks free text (a reason, a note, a city): not null, at most {@code max} characters, and
     * only what every store keeps exactly: no NUL or other control characters except tab, line
     * feed and carriage return, no unpaired surrogates.
     *
     * @param value the text
     * @param field the field named in an error
     * @param max the longest length allowed
     * @return the text
     * @throws InvalidInputException if it is null, too long or holds such a character
     */
    public static String requireText(String value, String field, int max) {
        requireNonNull(value, field);
        if (value.length() > max) {
            throw new InvalidInputException(field, "longer than " + max + " characters");
        }
        requireStorable(value, field, true);
        return value;
    }

    /**
     * A quantity that is negative, zero where a positive one is required, or would overflow.
     */
    public static class InvalidQuantityException extends InvalidInputException {
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

    /**
     * An amount in another currency than the one it must be in (the order's currency).
     */
    public static class CurrencyMismatchException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        private final transient CurrencyUnit expected;
        private final transient CurrencyUnit actual;

        /**
         * @param field the field holding the amount
         * @param expected the currency required
         * @param actual the currency given
         */
        public CurrencyMismatchException(String field, CurrencyUnit expected, CurrencyUnit actual) {
            super(field, "currency " + actual.getCurrencyCode() + " differs from the order's currency "
                    + expected.getCurrencyCode());
            this.expected = expected;
            this.actual = actual;
        }

        /** @return the currency required */
        public CurrencyUnit expected() {
            return expected;
        }

        /** @return the currency given */
        public CurrencyUnit actual() {
            return actual;
        }
    }

    /**
     * A command named a line the order does not have.
     */
    public static class UnknownLineException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        private final OrderId orderId;
        private final LineId lineId;

        /**
         * @param orderId the order
         * @param lineId the line it does not have
         */
        public UnknownLineException(OrderId orderId, LineId lineId) {
            super("lineId", "order " + orderId + " has no line " + lineId);
            this.orderId = orderId;
            this.lineId = lineId;
        }

        /** @return the order */
        public OrderId orderId() {
            return orderId;
        }

        /** @return the unknown line */
        public LineId lineId() {
            return lineId;
        }
    }

    /**
     * A custom attribute the host's definitions refuse (oms-core's {@code AttributeDefinitions}):
     * one nobody declared, a value of another type, a text too long, or a required one missing.
     */
    public static class AttributeRefusedException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        private final String name;
        private final Problem problem;

        /** What is wrong with the attribute. */
        public enum Problem {
            /** No definition of that name for the order (or the line). */
            UNKNOWN,
            /** Its value is of another type than the definition's. */
            WRONG_TYPE,
            /** Its text is longer than the definition allows. */
            TOO_LONG,
            /** A required attribute is not there. */
            REQUIRED_MISSING
        }

        /**
         * @param field where it is ({@code "header.attributes[po-number]"})
         * @param name the attribute's name
         * @param problem what is wrong
         * @param detail the problem in words
         */
        public AttributeRefusedException(String field, String name, Problem problem, String detail) {
            super(field, "attribute " + name + " " + detail);
            this.name = name;
            this.problem = problem;
        }

        /** @return the attribute's name */
        public String name() {
            return name;
        }

        /** @return what is wrong with it */
        public Problem attributeProblem() {
            return problem;
        }
    }

    /**
     * A SKU is not stocked at a location: no position was ever defined for it there.
     */
    public static class UnknownPositionException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        private final PositionKey position;

        /** @param position the undefined position */
        public UnknownPositionException(PositionKey position) {
            super("position", "SKU " + position.sku() + " is not stocked at location " + position.location());
            this.position = position;
        }

        /** @return the undefined position */
        public PositionKey position() {
            return position;
        }
    }

    /**
     * A SKU that inventory does not know at any location.
     */
    public static class UnknownSkuException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        private final Sku sku;

        /** @param sku the unknown SKU */
        public UnknownSkuException(Sku sku) {
            super("sku", "SKU " + sku + " is not stocked at any location");
            this.sku = sku;
        }

        /**
         * @param sku the unknown SKU
         * @param fix what to do about it (for example where to define its position)
         */
        public UnknownSkuException(Sku sku, String fix) {
            super("sku", "SKU " + sku + " is not stocked at any location; " + fix);
            this.sku = sku;
        }

        /** @return the unknown SKU */
        public Sku sku() {
            return sku;
        }
    }
}
