package dev.oms.spi;

import javax.money.CurrencyUnit;

/**
 * An amount in another currency than the one it must be in (the order's currency).
 */
public class CurrencyMismatchException extends InvalidInputException {
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
