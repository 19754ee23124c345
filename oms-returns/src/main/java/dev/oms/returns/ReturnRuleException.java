package dev.oms.returns;

import dev.oms.spi.ReturnId;
import dev.oms.spi.RuleViolationException;

/**
 * A well-formed step that a rule of the return lifecycle refuses, for example receiving more
 * units than were asked for, or a claim asked to receive a parcel. {@link #rule()} is a stable
 * name. Nothing was saved.
 */
public class ReturnRuleException extends RuleViolationException {
    private static final long serialVersionUID = 1L;

    private final ReturnId returnId;

    /**
     * @param request the return
     * @param rule the rule's stable name
     * @param message what the rule refused and why
     */
    public ReturnRuleException(dev.oms.spi.returns.ReturnRequest request, String rule, String message) {
        super(request.orderId(), rule, "return " + request.id() + ": " + message);
        this.returnId = request.id();
    }

    /** @return the return */
    public ReturnId returnId() {
        return returnId;
    }
}
