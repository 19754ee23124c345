package dev.oms.spi.order;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import java.math.BigDecimal;

/**
 * One tax that applies to a line or a shipping charge: a code the host chooses (for example
 * {@code "DE-VAT-19"}, {@code "US-CA-STATE"}, {@code "US-CA-COUNTY"}) and a rate in percent. A line
 * taxed by several authorities carries one rate each; each is applied to the same taxable amount
 * (no tax on tax).
 *
 * @param code the tax's code, an identifier ({@link InvalidInputException#requireCode})
 * @param percent the rate in percent, from 0 to 100, at most four decimal places (8.875, 24.5)
 */
public record TaxRate(String code, BigDecimal percent) {
    /** Decimal places a rate may have: rates such as 8.875 % need three. */
    public static final int MAX_SCALE = 4;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * @throws InvalidInputException if the code is malformed, or the rate null, negative, above
     *     100 or finer than four decimal places
     */
    public TaxRate {
        InvalidInputException.requireCode(code, "TaxRate.code");
        InvalidInputException.requireNonNull(percent, "TaxRate.percent");
        if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
            throw new InvalidInputException("TaxRate.percent", "must be from 0 to 100 (was " + Amounts.describe(percent)
                    + " for " + code + ")");
        }
        BigDecimal plain = percent.stripTrailingZeros();
        if (plain.scale() > MAX_SCALE) {
            throw new InvalidInputException("TaxRate.percent", "has more than " + MAX_SCALE + " decimal places (was "
                    + Amounts.describe(percent) + " for " + code + ")");
        }
        percent = plain.scale() < 0 ? plain.setScale(0) : plain;
    }

    /**
     * @param code the tax's code
     * @param percent the rate in percent, for example {@code "19"} or {@code "8.875"}
     * @return the rate
     * @throws InvalidInputException if either is malformed
     */
    public static TaxRate of(String code, String percent) {
        return new TaxRate(code, Amounts.parseDecimal(percent, "TaxRate.percent"));
    }
}
