package dev.oms.spi;

/**
 * The root of every exception oms throws on purpose.
 *
 * <p>Unchecked, like {@code javax.money.MonetaryException}. Each subclass carries typed fields
 * that name what was wrong (the order, the line, the SKU, the state, the rule), so a host can
 * react to the cause without parsing messages. An operation that throws an {@code OmsException}
 * has changed nothing: no state was saved and no event was written.
 */
public abstract class OmsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, naming the order, line, SKU and rule involved */
    protected OmsException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong
     * @param cause the underlying failure
     */
    protected OmsException(String message, Throwable cause) {
        super(message, cause);
    }
}
