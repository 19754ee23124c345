package dev.oms.returns;

import dev.oms.spi.InvalidInputException;
import java.math.BigDecimal;
import javax.money.MonetaryAmount;

/**
 * What a return costs the customer for handling, taken off the refund of the units it applies
 * to: nothing, a percentage of their merchandise value, or a fixed amount per return.
 */
public sealed interface RestockingFee {
    /** @return no fee */
    static RestockingFee none() {
        return new None();
    }

    /**
     * @param percent of the refunded merchandise, {@code 0 < percent <= 100}
     * @return the fee
     */
    static RestockingFee percent(String percent) {
        return new Percent(new BigDecimal(InvalidInputException.requireNonNull(percent, "percent")));
    }

    /**
     * @param amount per return, positive
     * @return the fee
     */
    static RestockingFee fixed(MonetaryAmount amount) {
        return new Fixed(amount);
    }

    /** No fee. */
    record None() implements RestockingFee {
    }

    /**
     * A percentage of the merchandise value of the refunded units (after discounts, before tax).
     * Counted per line like the rest of the refund, so partial returns add up to the fee of one
     * full return.
     *
     * @param percent {@code 0 < percent <= 100}
     */
    record Percent(BigDecimal percent) implements RestockingFee {
        /** @throws InvalidInputException if the percentage is out of range */
        public Percent {
            InvalidInputException.requireNonNull(percent, "RestockingFee.percent");
            if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new InvalidInputException("RestockingFee.percent", "must be above 0 and at most 100 (was "
                        + percent.toPlainString() + ")");
            }
        }
    }

    /**
     * A fixed amount per return, split over its fee-bearing lines by value; never more than their
     * merchandise value.
     *
     * @param amount positive
     */
    record Fixed(MonetaryAmount amount) implements RestockingFee {
        /** @throws InvalidInputException if the amount is null or not positive */
        public Fixed {
            InvalidInputException.requireNonNull(amount, "RestockingFee.amount");
            if (!amount.isPositive()) {
                throw new InvalidInputException("RestockingFee.amount", "must be positive (was " + amount + ")");
            }
        }
    }
}
