package dev.oms.spi;

import dev.oms.spi.InvalidInputException.InvalidQuantityException;

/**
 * A whole number of units, never negative. Arithmetic is checked: a result below zero or beyond
 * {@code long} range throws {@link InvalidQuantityException} instead of wrapping.
 *
 * @param value the number of units, {@code >= 0}
 */
public record Quantity(long value) implements Comparable<Quantity> {
    /** No units. */
    public static final Quantity ZERO = new Quantity(0);

    /**
     * The most units a quantity from outside may have (a line, a receipt, a return, a movement):
     * a trillion, as amounts are held to 12 integer digits. {@link #positive} and
     * {@link #requirePositive} refuse more, so sums of such quantities stay far inside
     * {@code long} range.
     */
    public static final long MAX = 1_000_000_000_000L;

    /** Quantities 0 to 127, shared: most lines, holds and movements are a few units. */
    private static final Quantity[] SMALL = new Quantity[128];

    static {
        SMALL[0] = ZERO;
        for (int i = 1; i < SMALL.length; i++) {
            SMALL[i] = new Quantity(i);
        }
    }

    /**
     * @throws InvalidQuantityException if {@code value} is negative
     */
    public Quantity {
        if (value < 0) {
            throw new InvalidQuantityException("Quantity", value, "must not be negative");
        }
    }

    /**
     * @param value the number of units, {@code >= 0}
     * @return the quantity
     * @throws InvalidQuantityException if {@code value} is negative
     */
    public static Quantity of(long value) {
        return value >= 0 && value < SMALL.length ? SMALL[(int) value] : new Quantity(value);
    }

    /**
     * A quantity for a caller's field: a negative value is refused naming that field
     * ({@code Quantity.of(-1, "ChangeQuantity.quantity")}) rather than {@code Quantity}, so the
     * error says which of the caller's inputs was wrong.
     *
     * @param value the number of units, {@code >= 0}
     * @param field the caller's field, named in the refusal
     * @return the quantity
     * @throws InvalidQuantityException naming {@code field} if {@code value} is negative
     */
    public static Quantity of(long value, String field) {
        if (value < 0) {
            throw new InvalidQuantityException(InvalidInputException.requireNonNull(field, "field"), value,
                    "must not be negative");
        }
        return of(value);
    }

    /**
     * @param value the number of units, {@code > 0}
     * @param field the field named in an error
     * @return the quantity
     * @throws InvalidQuantityException if {@code value} is zero, negative or above {@link #MAX}
     */
    public static Quantity positive(long value, String field) {
        if (value <= 0) {
            throw new InvalidQuantityException(field, value, "must be positive");
        }
        requireAtMostMax(value, field);
        return new Quantity(value);
    }

    /**
     * Checks that a quantity is present and positive.
     *
     * @param quantity the quantity
     * @param field the field named in an error
     * @return the quantity
     * @throws InvalidInputException if {@code quantity} is null, zero or above {@link #MAX}
     */
    public static Quantity requirePositive(Quantity quantity, String field) {
        InvalidInputException.requireNonNull(quantity, field);
        if (quantity.value == 0) {
            throw new InvalidQuantityException(field, 0, "must be positive");
        }
        requireAtMostMax(quantity.value, field);
        return quantity;
    }

    private static void requireAtMostMax(long value, String field) {
        if (value > MAX) {
            throw new InvalidQuantityException(field, value, "must be at most " + MAX);
        }
    }

    /**
     * @param other units to add
     * @return the sum
     * @throws InvalidQuantityException on overflow
     */
    public Quantity plus(Quantity other) {
        try {
            return of(Math.addExact(value, other.value));
        } catch (ArithmeticException overflow) {
            throw new InvalidQuantityException("Quantity", value, "overflows when adding " + other.value);
        }
    }

    /**
     * @param other units to take away, at most this quantity
     * @return the difference
     * @throws InvalidQuantityException if the result would be negative
     */
    public Quantity minus(Quantity other) {
        if (other.value > value) {
            throw new InvalidQuantityException("Quantity", value - other.value,
                    "would be negative: " + value + " - " + other.value);
        }
        return of(value - other.value);
    }

    /** @return the smaller of this and {@code other} */
    public Quantity min(Quantity other) {
        return value <= other.value ? this : other;
    }

    /** @return whether this is zero */
    public boolean isZero() {
        return value == 0;
    }

    /** @return whether this is more than zero */
    public boolean isPositive() {
        return value > 0;
    }

    /** @return whether this is more than {@code other} */
    public boolean isGreaterThan(Quantity other) {
        return value > other.value;
    }

    @Override
    public int compareTo(Quantity other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
