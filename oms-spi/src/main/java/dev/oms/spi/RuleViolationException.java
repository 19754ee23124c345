package dev.oms.spi;

/**
 * A well-formed command that a business rule refuses in the order's current state, for example
 * releasing a hold that is not active or completing an order that is not fully delivered.
 *
 * <p>{@link #rule()} is a stable, kebab-case name of the rule (for example
 * {@code "hold-not-active"}) that hosts can switch on; the message explains it.
 */
public class RuleViolationException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final OrderId orderId;
    private final String rule;

    /**
     * @param orderId the order
     * @param rule the rule's stable name
     * @param message what the rule refused and why
     */
    public RuleViolationException(OrderId orderId, String rule, String message) {
        super("order " + orderId + ": " + message + " [rule " + rule + "]");
        this.orderId = orderId;
        this.rule = rule;
    }

    /** @return the order */
    public OrderId orderId() {
        return orderId;
    }

    /** @return the stable name of the rule that refused */
    public String rule() {
        return rule;
    }
}
