package dev.oms.returns;

import dev.oms.returns.ReturnPolicy.PolicyViolation;
import dev.oms.spi.OrderId;
import dev.oms.spi.RuleViolationException;
import java.util.List;

/**
 * The return policy refused a request; every violation is listed, so the customer sees all that
 * is wrong at once. Nothing was saved.
 */
public class ReturnRefusedException extends RuleViolationException {
    private static final long serialVersionUID = 1L;

    private final transient List<PolicyViolation> violations;

    /**
     * @param orderId the order
     * @param violations every rule the request breaks, at least one
     */
    public ReturnRefusedException(OrderId orderId, List<PolicyViolation> violations) {
        super(orderId, "return-policy", "the return policy refuses the request: " + violations);
        this.violations = List.copyOf(violations);
    }

    /** @return every rule the request breaks */
    public List<PolicyViolation> violations() {
        return violations;
    }
}
