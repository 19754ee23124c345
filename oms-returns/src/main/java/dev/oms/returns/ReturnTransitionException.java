package dev.oms.returns;

import dev.oms.returns.ReturnCommand.ReturnCommandKind;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReturnId;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import java.util.Set;

/**
 * A step that {@link ReturnTransitions} does not allow in the return's current status, for example
 * cancelling a return whose units already arrived. Names the status, the step and what is allowed.
 */
public class ReturnTransitionException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final ReturnId returnId;
    private final OrderId orderId;
    private final ReturnStatus from;
    private final ReturnCommandKind attempted;
    private final transient Set<ReturnCommandKind> allowed;

    /**
     * @param returnId the return
     * @param orderId its order
     * @param from its status
     * @param attempted the refused step
     * @param allowed the steps the status allows
     */
    public ReturnTransitionException(ReturnId returnId, OrderId orderId, ReturnStatus from,
            ReturnCommandKind attempted, Set<ReturnCommandKind> allowed) {
        super("return " + returnId + " of order " + orderId + " is " + from + ": " + attempted
                + " is not allowed; allowed in " + from + ": " + (allowed.isEmpty() ? "nothing" : allowed));
        this.returnId = returnId;
        this.orderId = orderId;
        this.from = from;
        this.attempted = attempted;
        this.allowed = Set.copyOf(allowed);
    }

    /** @return the return */
    public ReturnId returnId() {
        return returnId;
    }

    /** @return its order */
    public OrderId orderId() {
        return orderId;
    }

    /** @return its status when the step was refused */
    public ReturnStatus from() {
        return from;
    }

    /** @return the refused step */
    public ReturnCommandKind attempted() {
        return attempted;
    }

    /** @return the steps the status allows */
    public Set<ReturnCommandKind> allowed() {
        return allowed;
    }
}
