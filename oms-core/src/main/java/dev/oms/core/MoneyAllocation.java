package dev.oms.core;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * Splits an amount across parts by weight, exactly: the parts are whole minor units of the
 * currency and always sum to the whole.
 *
 * <p>Largest-remainder method: every part first gets the floor of its exact share in minor
 * units; the units left over go one each to the parts with the largest remainders, ties to the
 * earlier part, so the result is deterministic. A negative amount is split as its absolute value
 * and negated. If every weight is zero the amount is split equally.
 *
 * <p>Stateless and thread-safe.
 */
public final class MoneyAllocation {
    private MoneyAllocation() {
    }

    /**
     * @param total the amount to split, in whole minor units of its currency
     * @param weights one non-negative weight per part, at least one part
     * @return one amount per weight, in the same order and currency, summing exactly to {@code total}
     * @throws InvalidInputException if {@code total} is finer than the minor unit, there are no
     *     weights or a weight is negative
     */
    public static List<MonetaryAmount> allocate(MonetaryAmount total, long... weights) {
        InvalidInputException.requireNonNull(total, "total");
        InvalidInputException.requireNonNull(weights, "weights");
        if (weights.length == 0) {
            throw new InvalidInputException("weights", "at least one weight");
        }
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new InvalidInputException("weights[" + i + "]", "must not be negative (was " + weights[i] + ")");
            }
        }
        int digits = Math.max(0, total.getCurrency().getDefaultFractionDigits());
        BigDecimal number = total.getNumber().numberValue(BigDecimal.class);
        BigInteger units;
        try {
            units = number.movePointRight(digits).toBigIntegerExact();
        } catch (ArithmeticException finer) {
            throw new InvalidInputException("total", total + " is finer than the minor unit of "
                    + total.getCurrency().getCurrencyCode());
        }
        boolean negative = units.signum() < 0;
        long[] shares = shares(units.abs(), weights);
        List<MonetaryAmount> parts = new ArrayList<>(shares.length);
        for (long share : shares) {
            BigDecimal value = BigDecimal.valueOf(negative ? -share : share, digits);
            parts.add(total.getFactory().setNumber(value).create());
        }
        return parts;
    }

    /**
     * An amount in whole minor units of its currency: the one conversion oms' money arithmetic
     * uses, exact or refused.
     *
     * @param amount the amount
     * @param field the field named in an error
     * @return its minor units
     * @throws InvalidInputException if it is finer than the minor unit or beyond {@code long} range
     */
    public static long minorUnits(MonetaryAmount amount, String field) {
        InvalidInputException.requireNonNull(amount, field);
        int digits = Math.max(0, amount.getCurrency().getDefaultFractionDigits());
        BigDecimal number = Amounts.requireBounded(amount.getNumber().numberValue(BigDecimal.class), field);
        try {
            return number.movePointRight(digits).longValueExact();
        } catch (ArithmeticException notWhole) {
            throw new InvalidInputException(field, Amounts.describe(amount) + " is not a whole number of minor units of "
                    + amount.getCurrency().getCurrencyCode());
        }
    }

    /**
     * @param units whole minor units
     * @param like an amount in the currency wanted (its factory makes the result)
     * @return the amount
     */
    public static MonetaryAmount ofMinorUnits(long units, MonetaryAmount like) {
        int digits = Math.max(0, like.getCurrency().getDefaultFractionDigits());
        return like.getFactory().setNumber(BigDecimal.valueOf(units, digits)).create();
    }

    /**
     * The part of {@code whole} that {@code units} of {@code of} take, rounded down:
     * {@code floor(whole * units / of)}, exact for any {@code long} inputs (no intermediate
     * overflow), and {@code whole} itself when {@code units >= of}.
     *
     * @param whole minor units to share, {@code >= 0}
     * @param units the units taking part, {@code >= 0}
     * @param of all units, {@code > 0}
     * @return the part
     */
    public static long part(long whole, long units, long of) {
        if (units >= of) {
            return whole;
        }
        long high = Math.multiplyHigh(whole, units);
        long low = whole * units;
        if (high == 0 && low >= 0) {
            return low / of;
        }
        return BigInteger.valueOf(whole).multiply(BigInteger.valueOf(units)).divide(BigInteger.valueOf(of))
                .longValueExact();
    }

    /**
     * The largest-remainder split in whole units, for callers that work in units (quantities).
     *
     * @param units what to split, {@code >= 0}
     * @param weights one non-negative weight per part
     * @return one share per weight, summing to {@code units}
     */
    static long[] shares(BigInteger units, long... weights) {
        long[] w = weights;
        BigInteger weightSum = BigInteger.ZERO;
        for (long weight : w) {
            weightSum = weightSum.add(BigInteger.valueOf(weight));
        }
        if (weightSum.signum() == 0) {
            w = new long[weights.length];
            Arrays.fill(w, 1);
            weightSum = BigInteger.valueOf(weights.length);
        }
        long[] shares = new long[w.length];
        BigInteger[] remainders = new BigInteger[w.length];
        BigInteger given = BigInteger.ZERO;
        for (int i = 0; i < w.length; i++) {
            BigInteger[] qr = units.multiply(BigInteger.valueOf(w[i])).divideAndRemainder(weightSum);
            shares[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            given = given.add(qr[0]);
        }
        long left = units.subtract(given).longValueExact();
        Integer[] order = largestFirst(remainders);
        for (int k = 0; k < left; k++) {
            shares[order[k]]++;
        }
        return shares;
    }

    /**
     * @param remainders what each part's floor left over
     * @return the parts' indexes, largest remainder first, ties to the earlier part
     */
    static Integer[] largestFirst(BigInteger[] remainders) {
        Integer[] order = new Integer[remainders.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byRemainder = remainders[b].compareTo(remainders[a]);
            return byRemainder != 0 ? byRemainder : Integer.compare(a, b);
        });
        return order;
    }
}
