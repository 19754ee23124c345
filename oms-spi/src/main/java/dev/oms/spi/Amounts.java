package dev.oms.spi;

import java.math.BigDecimal;
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
 */
public final class Amounts {
    private Amounts() {
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
            throw new InvalidInputException(field, "must not be negative (was " + amount + ")");
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
            throw new InvalidInputException(field, "must be positive (was " + amount + ")");
        }
        return amount;
    }

    /**
     * Checks presence, currency and sign only: the cheap check for snapshots whose amounts were
     * already checked for scale where they entered.
     *
     * @param amount the amount
     * @param currency the currency it must be in
     * @param field the field named in an error
     * @return the amount
     * @throws InvalidInputException if null or negative
     * @throws CurrencyMismatchException if in another currency
     */
    public static MonetaryAmount requireCurrencyAndSign(MonetaryAmount amount, CurrencyUnit currency, String field) {
        InvalidInputException.requireNonNull(amount, field);
        if (!amount.getCurrency().equals(currency)) {
            throw new CurrencyMismatchException(field, currency, amount.getCurrency());
        }
        if (amount.isNegative()) {
            throw new InvalidInputException(field, "must not be negative (was " + amount + ")");
        }
        return amount;
    }

    /**
     * Checks currency and scale only.
     *
     * @param amount the amount
     * @param currency the currency it must be in
     * @param field the field named in an error
     * @return the amount
     */
    public static MonetaryAmount requireMinorUnits(MonetaryAmount amount, CurrencyUnit currency, String field) {
        InvalidInputException.requireNonNull(amount, field);
        if (!amount.getCurrency().equals(currency)) {
            throw new CurrencyMismatchException(field, currency, amount.getCurrency());
        }
        BigDecimal number = amount.getNumber().numberValue(BigDecimal.class);
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        if (number.stripTrailingZeros().scale() > digits) {
            throw new InvalidInputException(field, amount + " has more fraction digits than "
                    + currency.getCurrencyCode() + " allows (" + digits + ")");
        }
        return amount;
    }

    /**
     * Parses an amount from a decimal string, never from binary floating point.
     *
     * @param decimal the amount, for example {@code "12.30"}
     * @param currencyCode an ISO 4217 code, for example {@code "EUR"}
     * @return the amount, from the JSR-354 default amount factory
     * @throws InvalidInputException if the decimal is malformed or the currency unknown
     */
    public static MonetaryAmount of(String decimal, String currencyCode) {
        InvalidInputException.requireNonNull(decimal, "amount");
        InvalidInputException.requireNonNull(currencyCode, "currency");
        BigDecimal number;
        try {
            number = new BigDecimal(decimal);
        } catch (NumberFormatException malformed) {
            throw new InvalidInputException("amount", "'" + decimal + "' is not a decimal number");
        }
        CurrencyUnit currency;
        try {
            currency = Monetary.getCurrency(currencyCode);
        } catch (MonetaryException unknown) {
            throw new InvalidInputException("currency", "'" + currencyCode + "' is not a known currency code");
        }
        return Monetary.getDefaultAmountFactory().setCurrency(currency).setNumber(number).create();
    }

    /**
     * @param currency the currency
     * @return zero in that currency, from the JSR-354 default amount factory
     */
    public static MonetaryAmount zero(CurrencyUnit currency) {
        return Monetary.getDefaultAmountFactory().setCurrency(currency).setNumber(0).create();
    }

    /**
     * @param amount an amount in whole minor units of its currency
     * @return it for people: the currency code and the number with the currency's decimals ({@code "EUR 8.00"})
     */
    public static String format(MonetaryAmount amount) {
        InvalidInputException.requireNonNull(amount, "amount");
        int digits = Math.max(0, amount.getCurrency().getDefaultFractionDigits());
        BigDecimal number = amount.getNumber().numberValue(BigDecimal.class);
        return amount.getCurrency().getCurrencyCode() + " " + (number.scale() <= digits
                ? number.setScale(digits).toPlainString() : number.toPlainString());
    }
}
