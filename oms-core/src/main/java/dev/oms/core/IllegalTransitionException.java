package dev.oms.core;

import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.order.Order.OrderStatus;
import java.util.Set;

/**
 * A command that the {@link TransitionTable} does not allow in the order's current status, for
 * example an edit after fulfilment started. Names the status, the command and what is allowed.
 */
public class IllegalTransitionException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final OrderId orderId;
    private final OrderStatus from;
    private final CommandKind attempted;
    private final transient Set<CommandKind> allowed;

    /**
     * @param orderId the order
     * @param from its status
     * @param attempted the refused command
     * @param allowed the commands the status allows
     */
    public IllegalTransitionException(OrderId orderId, OrderStatus from, CommandKind attempted,
            Set<CommandKind> allowed) {
        super("order " + orderId + " is " + from + ": " + attempted + " is not allowed; allowed in " + from + ": "
                + (allowed.isEmpty() ? "nothing" : allowed));
        this.orderId = orderId;
        this.from = from;
        this.attempted = attempted;
        this.allowed = Set.copyOf(allowed);
    }

    /** @return the order */
    public OrderId orderId() {
        return orderId;
    }

    /** @return the order's status when the command was refused */
    public OrderStatus from() {
        return from;
    }

    /** @return the refused command */
    public CommandKind attempted() {
        return attempted;
    }

    /** @return the commands the status allows */
    public Set<CommandKind> allowed() {
        return allowed;
    }
}
