package dev.oms.core;

import dev.oms.spi.OrderId;
import dev.oms.spi.RuleViolationException;

/**
 * A host-supplied {@link CommandGuard} refused a command.
 */
public class GuardRejectedException extends RuleViolationException {
    private static final long serialVersionUID = 1L;

    private final String guard;
    private final CommandKind command;
    private final String reason;

    /**
     * @param orderId the order
     * @param guard the guard's name
     * @param command the refused command
     * @param reason the guard's reason
     */
    public GuardRejectedException(OrderId orderId, String guard, CommandKind command, String reason) {
        super(orderId, "guard-" + guard, command + " refused by guard '" + guard + "': " + reason);
        this.guard = guard;
        this.command = command;
        this.reason = reason;
    }

    /** @return the guard's name */
    public String guard() {
        return guard;
    }

    /** @return the refused command */
    public CommandKind command() {
        return command;
    }

    /** @return the guard's reason */
    public String reason() {
        return reason;
    }
}
