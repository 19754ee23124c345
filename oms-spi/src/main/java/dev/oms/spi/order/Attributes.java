package dev.oms.spi.order;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.money.MonetaryAmount;

/**
 * Custom attributes of an order or a line: typed values by name (a purchase-order number, a
 * gift message, a delivery slot, a declared value), which oms keeps through every change, every
 * event and every stored form, and which order queries find by equality. Which names an order or
 * a line may carry, of which type, and which are required, the host declares (oms-core's
 * {@code AttributeDefinitions}); the decider checks placements and edits against them.
 *
 * <p>Here only what holds for every attribute is checked: a name is a code (see
 * {@link InvalidInputException#requireCode}), at most {@value #MAX_ATTRIBUTES} attributes, a text
 * at most {@value #MAX_TEXT_LENGTH} characters without control characters but for tab and line
 * breaks, a number within oms' number limits.
 *
 * @param values the attributes by name, kept sorted by name
 */
public record Attributes(Map<String, Value> values) {
    /** The most attributes an order or a line carries. */
    public static final int MAX_ATTRIBUTES = 50;
    /** The longest text an attribute holds, whatever its definition allows. */
    public static final int MAX_TEXT_LENGTH = 10_000;
    /** No attributes. */
    public static final Attributes NONE = new Attributes(Map.of());

    /**
     * @throws InvalidInputException if a name or a value is null or malformed, or there are more
     *     than {@value #MAX_ATTRIBUTES}
     */
    public Attributes {
        InvalidInputException.requireNonNull(values, "attributes");
        if (values.size() > MAX_ATTRIBUTES) {
            throw new InvalidInputException("attributes", "more than " + MAX_ATTRIBUTES + " (" + values.size() + ")");
        }
        SortedMap<String, Value> sorted = new TreeMap<>();
        for (Map.Entry<String, Value> e : values.entrySet()) {
            String name = InvalidInputException.requireCode(e.getKey(), "attributes[]");
            sorted.put(name, InvalidInputException.requireNonNull(e.getValue(), "attributes[" + name + "]"));
        }
        values = Collections.unmodifiableSortedMap(sorted);
    }

    /**
     * @param name an attribute's name
     * @param value its value
     * @return these attributes with that one set (replaced if present)
     */
    public Attributes with(String name, Value value) {
        Map<String, Value> next = new TreeMap<>(values);
        next.put(InvalidInputException.requireCode(name, "attributes[]"), value);
        return new Attributes(next);
    }

    /** @return these attributes without the named one */
    public Attributes without(String name) {
        Map<String, Value> next = new TreeMap<>(values);
        next.remove(InvalidInputException.requireNonNull(name, "attributes[]"));
        return new Attributes(next);
    }

    /** @return the named attribute's value, if set */
    public Optional<Value> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** @return whether there are none */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The type of an attribute's value. */
    public enum Type {
        /** {@link Text}. */
        TEXT,
        /** {@link Number}. */
        NUMBER,
        /** {@link Flag}. */
        BOOLEAN,
        /** {@link Date}. */
        DATE,
        /** {@link Amount}. */
        AMOUNT
    }

    /**
     * An attribute's value. Two values are equal (for {@link #equals} and for queries) when
     * their {@link #canonical} forms are: a number or an amount by its numeric value, whatever its
     * scale ({@code 5} and {@code 5.00} are one value).
     */
    public sealed interface Value permits Text, Number, Flag, Date, Amount {
        /** @return its type */
        Type type();

        /**
         * @return a text that equal values share and different ones do not: the type's letter, a
         *     colon and the value ({@code t:PO-1}, {@code n:5}, {@code b:true}, {@code d:2026-12-01},
         *     {@code a:EUR 100}); what a store compares for a query
         */
        String canonical();
    }

    /**
     * A text.
     *
     * @param value at most {@value #MAX_TEXT_LENGTH} characters
     */
    public record Text(String value) implements Value {
        /** @throws InvalidInputException if it is null, too long or holds a control character */
        public Text {
            InvalidInputException.requireText(value, "Attributes.Text", MAX_TEXT_LENGTH);
        }

        @Override
        public Type type() {
            return Type.TEXT;
        }

        @Override
        public String canonical() {
            return "t:" + value;
        }
    }

    /**
     * A number, kept without trailing zeros ({@code 5.00} is kept as {@code 5}), so equal numbers
     * are one value everywhere: in equality, in the stored form and in a command's fingerprint.
     *
     * @param value within oms' number limits ({@link Amounts#requireBounded})
     */
    public record Number(BigDecimal value) implements Value {
        /** @throws InvalidInputException if it is null or out of bounds */
        public Number {
            Amounts.requireBounded(InvalidInputException.requireNonNull(value, "Attributes.Number"),
                    "Attributes.Number");
            value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        }

        @Override
        public Type type() {
            return Type.NUMBER;
        }

        @Override
        public String canonical() {
            return "n:" + value.toPlainString();
        }
    }

    /**
     * A yes or no.
     *
     * @param value the flag
     */
    public record Flag(boolean value) implements Value {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public String canonical() {
            return "b:" + value;
        }
    }

    /**
     * A calendar date (a delivery slot, a production deadline), without time or zone.
     *
     * @param value the date
     */
    public record Date(LocalDate value) implements Value {
        /** @throws InvalidInputException if it is null */
        public Date {
            InvalidInputException.requireNonNull(value, "Attributes.Date");
        }

        @Override
        public Type type() {
            return Type.DATE;
        }

        @Override
        public String canonical() {
            return "d:" + value;
        }
    }

    /**
     * An amount of money in any currency (a declared value, a customs value).
     *
     * @param value the amount, within oms' number limits
     */
    public record Amount(MonetaryAmount value) implements Value {
        /** @throws InvalidInputException if it is null or out of bounds */
        public Amount {
            InvalidInputException.requireNonNull(value, "Attributes.Amount");
            Amounts.requireBounded(value.getNumber().numberValue(BigDecimal.class), "Attributes.Amount");
        }

        @Override
        public Type type() {
            return Type.AMOUNT;
        }

        @Override
        public String canonical() {
            return "a:" + value.getCurrency().getCurrencyCode() + " "
                    + value.getNumber().numberValue(BigDecimal.class).stripTrailingZeros().toPlainString();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Amount a && canonical().equals(a.canonical());
        }

        @Override
        public int hashCode() {
            return canonical().hashCode();
        }
    }
}
