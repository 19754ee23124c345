package dev.oms.spi;

import dev.oms.spi.InvalidInputException.CurrencyMismatchException;
import dev.oms.spi.internal.Currencies;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import javax.money.MonetaryException;

/**
 * Checks and constants for the money amounts that cross the boundary.
 *
 * <p>oms keeps every stored amount in whole minor units of its currency (cents for EUR, none for
 * JPY): an amount with more fraction digits than its currency allows is refused at the boundary,
 * so sums and multiples by whole quantities are exact and never need rounding. Where an amount
 * must be split, oms-core allocates it exactly (largest remainder).
 *
 * <p>Every number from outside is bounded before anything else touches it: at most
 * {@link #MAX_INTEGER_DIGITS} integer digits (below a trillion units of any currency), at most
 * {@link #MAX_FRACTION_DIGITS} fraction digits, and as text at most {@link #MAX_DECIMAL_LENGTH}
 * characters. A number like {@code 1E+999999999} is refused as it is, never expanded; messages
 * show numbers in a form that never expands either ({@link #describe}).
 */
public final class Amounts {
    /** The most integer digits an amount from outside may have: less than a trillion units of its currency. */
    public static final int MAX_INTEGER_DIGITS = 12;
    /** The most fraction digits a decimal from outside may have (an amount: at most its currency's). */
    public static final int MAX_FRACTION_DIGITS = 12;
    /** The longest decimal text oms parses. */
    public static final int MAX_DECIMAL_LENGTH = 40;
    /** One amount of 1 per currency, the operand every amount oms makes is multiplied from. */
    private static final Map<CurrencyUnit, MonetaryAmount> UNITS = new ConcurrentHashMap<>();
    private static final Map<CurrencyUnit, MonetaryAmount> ZEROS = new ConcurrentHashMap<>();

    private Amounts() {
    }

    /**
     * Checks a number's size: at most {@link #MAX_INTEGER_DIGITS} integer and
     * {@link #MAX_FRACTION_DIGITS} fraction digits (trailing zeros do not count). Cheap for any
     * input: nothing is expanded.
     *
     * @param number the number
     * @param field the field named in an error
     * @return the number
     * @throws InvalidInputException if null or too large or too fine
     */
    public static BigDecimal requireBounded(BigDecimal number, String field) {
        InvalidInputException.requireNonNull(number, field);
        if (number.signum() == 0) {
            return number;
        }
        long integerDigits = (long) number.precision() - number.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw new InvalidInputException(field, describe(number) + " has more than " + MAX_INTEGER_DIGITS
                    + " integer digits");
        }
        if (number.scale() > MAX_FRACTION_DIGITS && number.stripTrailingZeros().scale() > MAX_FRACTION_DIGITS) {
            throw new InvalidInputException(field, describe(number) + " has more than " + MAX_FRACTION_DIGITS
                    + " fraction digits");
        }
        return number;
    }

    /**
     * Parses a decimal from outside: at most {@link #MAX_DECIMAL_LENGTH} characters, then
     * {@link #requireBounded}.
     *
     * @param text the decimal, for example {@code "12.30"}
     * @param field the field named in an error
     * @return the number
     * @throws InvalidInputException if null, too long, malformed, too large or too fine
     */
    public static BigDecimal parseDecimal(String text, String field) {
        InvalidInputException.requireNonNull(text, field);
        if (text.length() > MAX_DECIMAL_LENGTH) {
            throw new InvalidInputException(field, "a decimal of " + text.length() + " characters is longer than "
                    + MAX_DECIMAL_LENGTH);
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException malformed) {
            throw new InvalidInputException(field, "'" + text + "' is not a decimal number");
        }
        return requireBounded(number, field);
    }

    /**
     * @param number any number
     * @return it as text that never expands (scientific notation for large exponents), at most 60 characters
     */
    public static String describe(BigDecimal number) {
        if (number == null) {
            return "null";
        }
        String text = number.scale() >= 0 && number.scale() <= 40 && number.precision() <= 40 ? number.toPlainString()
                : number.toString();
        return text.length() <= 60 ? text : text.substring(0, 28) + "..." + text.substring(text.length() - 28)
                + " (" + number.precision() + " digits)";
    }

    /**
     * @param amount any amount
     * @return its currency and number as text that never expands (see {@link #describe(BigDecimal)})
     */
    public static String describe(MonetaryAmount amount) {
        if (amount == null) {
            return "null";
        }
        return amount.getCurrency().getCurrencyCode() + " " + describe(amount.getNumber().numberValue(BigDecimal.class));
    }

    /**
     * Checks an amount that must be present, in {@code currency}, not negative and in whole minor
     * units.
     *
     * @param amount the amount
     * @param currency the currency it must be in
     * @param field the field named in an error
     * @return the amount
     * @throws InvalidInputException if null, negative or finer than the minor unit
     * @throws CurrencyMismatchException if in another currency
     */
    public static MonetaryAmount requireNonNegative(MonetaryAmount amount, CurrencyUnit currency, String field) {
        requireMinorUnits(amount, currency, field);
        if (amount.isNegative()) {
            throw new InvalidInputException(field, "must not be negative (was " + describe(amount) + ")");
        }
        return amount;
    }

    /**
     * Like {@link #requireNonNegative} but also refuses zero.
     *
     * @param amount the amount
     * @param currency the currency it must be in
     * @param field the field named in an error
     * @return the amount
     */
    public static MonetaryAmount requirePositive(MonetaryAmount amount, CurrencyUnit currency, String field) {
        requireNonNegative(amount, currency, field);
        if (amount.isZero()) {
            throw new InvalidInputException(field, "must be positive (was " + describe(amount) + ")");
        }
        return amount;
    }

    /**
     * Checks currency, size ({@link #requireBounded}) and scale.
     *
     * @param amount the amount
     * @param currency the currency it must be in
     * @param field the field named in an error
     * @return the amount
     */
    public static MonetaryAmount requireMinorUnits(MonetaryAmount amount, CurrencyUnit currency, String field) {
        return requireDigits(amount, currency, Math.max(0, currency.getDefaultFractionDigits()), field);
    }

    /**
     * Like {@link #requireNonNegative(MonetaryAmount, CurrencyUnit, String)} for an amount that
     * may be finer than the minor unit: a unit price under a {@code Pricing} with a unit scale.
     *
     * @param amount the amount
     * @param currency the currency it must be in
     * @param digits the most fraction digits it may have
     * @param field the field named in an error
     * @return the amount
     */
    public static MonetaryAmount requireNonNegative(MonetaryAmount amount, CurrencyUnit currency, int digits,
            String field) {
        requireDigits(amount, currency, digits, field);
        if (amount.isNegative()) {
            throw new InvalidInputException(field, "must not be negative (was " + describe(amount) + ")");
        }
        return amount;
    }

    private static MonetaryAmount requireDigits(MonetaryAmount amount, CurrencyUnit currency, int digits,
            String field) {
        InvalidInputException.requireNonNull(amount, field);
        if (!amount.getCurrency().equals(currency)) {
            throw new CurrencyMismatchException(field, currency, amount.getCurrency());
        }
        BigDecimal number = requireBounded(amount.getNumber().numberValue(BigDecimal.class), field);
        if (number.scale() > digits && number.stripTrailingZeros().scale() > digits) {
            int minor = Math.max(0, currency.getDefaultFractionDigits());
            throw new InvalidInputException(field, describe(amount) + " has more fraction digits than "
                    + (digits == minor ? currency.getCurrencyCode() + " allows (" + digits + ")"
                    : "the order's unit scale allows (" + digits + ")"));
        }
        return amount;
    }

    /**
     * Parses an amount from a decimal string, never from binary floating point. It bounds the
     * number only; sign and whole minor units are the caller's next check
     * ({@link #requireNonNegative}, {@link #requirePositive}, {@link #requireMinorUnits}), as
     * oms' own records do when they take the amount.
     *
     * @param decimal the amount, for example {@code "12.30"}
     * @param currencyCode an ISO 4217 code, for example {@code "EUR"}
     * @return the amount, of the JSR-354 default amount type, sharing one monetary context per currency
     * @throws InvalidInputException if the decimal is malformed, too long, too large or too fine
     *     ({@link #parseDecimal}), or the currency unknown
     */
    public static MonetaryAmount of(String decimal, String currencyCode) {
        InvalidInputException.requireNonNull(currencyCode, "currency");
        BigDecimal number = parseDecimal(decimal, "amount");
        CurrencyUnit currency;
        try {
            currency = Currencies.of(currencyCode);
        } catch (MonetaryException unknown) {
            throw new InvalidInputException("currency", "'" + currencyCode + "' is not a known currency code");
        }
        return of(number, currency);
    }

    /**
     * An amount of a decimal, bounded as {@link #requireBounded} bounds it, made from one shared
     * amount of the currency, so every amount oms makes in a currency shares its monetary
     * context. (The JSR-354 default factory gives every amount it creates a context of its own, a
     * map of about 220 bytes; arithmetic keeps its operand's, so an order's amounts would each
     * carry one.) Sign and minor units are checked as for {@link #of(String, String)}: not here.
     *
     * @param number the decimal
     * @param currency its currency
     * @return the amount, of the JSR-354 default amount type
     * @throws InvalidInputException if either is null or the number too large or too fine
     */
    public static MonetaryAmount of(BigDecimal number, CurrencyUnit currency) {
        requireBounded(number, "amount");
        return unit(InvalidInputException.requireNonNull(currency, "currency")).multiply(number);
    }

    /**
     * @param currency the currency
     * @return zero in that currency, of the JSR-354 default amount type, one instance per currency
     */
    public static MonetaryAmount zero(CurrencyUnit currency) {
        return ZEROS.computeIfAbsent(InvalidInputException.requireNonNull(currency, "currency"),
                c -> unit(c).multiply(0));
    }

    private static MonetaryAmount unit(CurrencyUnit currency) {
        return UNITS.computeIfAbsent(currency,
                c -> Monetary.getDefaultAmountFactory().setCurrency(c).setNumber(1).create());
    }

    /**
     * @param amount an amount in whole minor units of its currency
     * @return it for people: the currency code and the number with the currency's decimals ({@code "EUR 8.00"})
     */
    public static String format(MonetaryAmount amount) {
        InvalidInputException.requireNonNull(amount, "amount");
        int digits = Math.max(0, amount.getCurrency().getDefaultFractionDigits());
        BigDecimal number = amount.getNumber().numberValue(BigDecimal.class);
        if ((long) number.precision() - number.scale() > MAX_INTEGER_DIGITS || number.scale() > MAX_FRACTION_DIGITS) {
            return describe(amount); // not an amount oms accepted: shown as it is, never expanded
        }
        return amount.getCurrency().getCurrencyCode() + " " + (number.scale() <= digits
                ? number.setScale(digits).toPlainString() : number.toPlainString());
    }
}
