package dev.oms.core;

import static dev.oms.core.OrderCommand.CommandKind.*;
import static dev.oms.spi.order.Order.OrderStatus.*;
import dev.oms.core.OrderCommand.CommandKind;
import dev.oms.core.internal.shared.StateDiagram;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.HoldPlaced;
import dev.oms.spi.event.OrderEvent.HoldReleased;
import dev.oms.spi.event.OrderEvent.LineCancelled;
import dev.oms.spi.event.OrderEvent.OrderArchived;
import dev.oms.spi.event.OrderEvent.OrderCancelled;
import dev.oms.spi.event.OrderEvent.OrderCompleted;
import dev.oms.spi.event.OrderEvent.OrderConfirmed;
import dev.oms.spi.event.OrderEvent.OrderEdited;
import dev.oms.spi.event.OrderEvent.OrderPlaced;
import dev.oms.spi.event.OrderEvent.PaymentAuthorised;
import dev.oms.spi.event.OrderEvent.PaymentCaptured;
import dev.oms.spi.event.OrderEvent.PaymentDeclined;
import dev.oms.spi.event.OrderEvent.PaymentRefunded;
import dev.oms.spi.event.OrderEvent.PaymentVoided;
import dev.oms.spi.event.OrderEvent.PersonalDataErased;
import dev.oms.spi.event.OrderEvent.QuantitiesAllocated;
import dev.oms.spi.event.OrderEvent.QuantitiesDeallocated;
import dev.oms.spi.event.OrderEvent.QuantitiesDelivered;
import dev.oms.spi.event.OrderEvent.QuantitiesLost;
import dev.oms.spi.event.OrderEvent.QuantitiesReturned;
import dev.oms.spi.event.OrderEvent.QuantitiesShipped;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order lifecycle as data: for every status, the commands it allows and the statuses each
 * can lead to. Declared once here; the decider refuses anything else with an
 * {@link IllegalTransitionException}, a test checks that every accepted command lands in a
 * declared status, and {@link #mermaid()} renders the diagram the README shows.
 *
 * <p>Rules beyond the status (quantities, amounts, holds) are the decider's; the table answers
 * only "may this kind of command be asked in this status at all".
 */
public final class TransitionTable {
    private static final Map<OrderStatus, Map<CommandKind, Set<OrderStatus>>> TABLE = build();

    private TransitionTable() {
    }

    private static Map<OrderStatus, Map<CommandKind, Set<OrderStatus>>> build() {
        Map<OrderStatus, Map<CommandKind, Set<OrderStatus>>> t = new EnumMap<>(OrderStatus.class);
        for (OrderStatus s : OrderStatus.values()) {
            t.put(s, new EnumMap<>(CommandKind.class));
        }
        // Holds, payment records and line cancellations are allowed while the order is live.
        for (OrderStatus live : EnumSet.of(PENDING, CONFIRMED, PROCESSING)) {
            stay(t, live, PLACE_HOLD, RELEASE_HOLD, RECORD_AUTHORISATION, RECORD_DECLINE, RECORD_CAPTURE,
                    RECORD_VOID, RECORD_REFUND, RECORD_SETTLEMENT);
            allow(t, live, CANCEL, CANCELLED);
            allow(t, live, CANCEL_LINE, live, CANCELLED);
        }
        allow(t, PENDING, CONFIRM, CONFIRMED);
        // Edits change only what is not allocated or shipped (the decider checks the units), so they
        // stay allowed while fulfilment runs.
        stay(t, PENDING, EDIT);
        stay(t, CONFIRMED, EDIT, PROMISE_DELIVERY);
        stay(t, PROCESSING, EDIT, PROMISE_DELIVERY);
        allow(t, CONFIRMED, ALLOCATE, PROCESSING);
        stay(t, PROCESSING, ALLOCATE, DEALLOCATE, SHIP, DELIVER, RECORD_LOSS, RECORD_RETURN);
        allow(t, PROCESSING, COMPLETE, COMPLETED);
        stay(t, COMPLETED, RECORD_RETURN, RECORD_REFUND, RECORD_VOID, RECORD_SETTLEMENT);
        allow(t, COMPLETED, ARCHIVE, ARCHIVED);
        stay(t, CANCELLED, RECORD_REFUND, RECORD_VOID, RECORD_SETTLEMENT);
        allow(t, CANCELLED, ARCHIVE, ARCHIVED);
        // Personal data is erased once it is no longer needed to fulfil the order: after it ended.
        for (OrderStatus ended : EnumSet.of(COMPLETED, CANCELLED, ARCHIVED)) {
            stay(t, ended, ERASE_PERSONAL_DATA);
        }
        Map<OrderStatus, Map<CommandKind, Set<OrderStatus>>> frozen = new EnumMap<>(OrderStatus.class);
        t.forEach((status, row) -> frozen.put(status, Collections.unmodifiableMap(row)));
        return Collections.unmodifiableMap(frozen);
    }

    private static void stay(Map<OrderStatus, Map<CommandKind, Set<OrderStatus>>> t, OrderStatus s,
            CommandKind... kinds) {
        for (CommandKind kind : kinds) {
            allow(t, s, kind, s);
        }
    }

    private static void allow(Map<OrderStatus, Map<CommandKind, Set<OrderStatus>>> t, OrderStatus from,
            CommandKind kind, OrderStatus to, OrderStatus... more) {
        Set<OrderStatus> targets = t.get(from).get(kind);
        EnumSet<OrderStatus> next = targets == null ? EnumSet.of(to, more) : EnumSet.copyOf(targets);
        next.add(to);
        t.get(from).put(kind, Collections.unmodifiableSet(next));
    }

    /** @return the status every order starts in, by {@link CommandKind#PLACE} */
    public static OrderStatus initialStatus() {
        return PENDING;
    }

    /**
     * @param status a status
     * @return the command kinds it allows
     */
    public static Set<CommandKind> allowed(OrderStatus status) {
        Set<CommandKind> kinds = TABLE.get(status).keySet();
        return kinds.isEmpty() ? EnumSet.noneOf(CommandKind.class) : EnumSet.copyOf(kinds);
    }

    /**
     * @param status a status
     * @param kind a command kind
     * @return whether the status allows it
     */
    public static boolean allows(OrderStatus status, CommandKind kind) {
        return TABLE.get(status).containsKey(kind);
    }

    /**
     * @param status a status
     * @param kind a command kind allowed in it
     * @return the statuses the command can lead to; empty if not allowed
     */
    public static Set<OrderStatus> targets(OrderStatus status, CommandKind kind) {
        return TABLE.get(status).getOrDefault(kind, Set.of());
    }

    /**
     * The status an event leads to, read from the table: the status stays if the event's command
     * kind may keep it, otherwise it moves to the kind's one target. {@link OrderDecider#evolve}
     * takes every status change from here, so the table is the one source of the lifecycle.
     *
     * @param from the order's status before the event
     * @param event the event
     * @return the status after it
     * @throws InvalidInputException if the table does not allow the event's command in {@code from}
     *     (a history this table never produced)
     */
    public static OrderStatus statusAfter(OrderStatus from, OrderEvent event) {
        CommandKind kind = kindOf(event);
        Set<OrderStatus> to = targets(from, kind);
        if (to.isEmpty()) {
            throw new InvalidInputException("event", event.getClass().getSimpleName() + " (" + kind.label()
                    + ") is not allowed in status " + from);
        }
        if (to.contains(from)) {
            return from;
        }
        if (to.size() != 1) {
            throw new IllegalStateException("the table gives " + kind + " in " + from + " several targets " + to);
        }
        return to.iterator().next();
    }

    /** The command kind whose decision records this event. */
    static CommandKind kindOf(OrderEvent event) {
        if (event instanceof OrderPlaced) {
            return PLACE;
        } else if (event instanceof OrderConfirmed) {
            return CONFIRM;
        } else if (event instanceof HoldPlaced) {
            return PLACE_HOLD;
        } else if (event instanceof HoldReleased) {
            return RELEASE_HOLD;
        } else if (event instanceof OrderCancelled) {
            return CANCEL;
        } else if (event instanceof LineCancelled) {
            return CANCEL_LINE;
        } else if (event instanceof OrderEdited) {
            return EDIT;
        } else if (event instanceof PaymentAuthorised) {
            return RECORD_AUTHORISATION;
        } else if (event instanceof PaymentDeclined) {
            return RECORD_DECLINE;
        } else if (event instanceof PaymentCaptured) {
            return RECORD_CAPTURE;
        } else if (event instanceof PaymentVoided) {
            return RECORD_VOID;
        } else if (event instanceof dev.oms.spi.event.OrderEvent.InvoiceSettled) {
            return RECORD_SETTLEMENT;
        } else if (event instanceof dev.oms.spi.event.OrderEvent.DeliveryPromised) {
            return PROMISE_DELIVERY;
        } else if (event instanceof PaymentRefunded) {
            return RECORD_REFUND;
        } else if (event instanceof QuantitiesAllocated) {
            return ALLOCATE;
        } else if (event instanceof QuantitiesDeallocated) {
            return DEALLOCATE;
        } else if (event instanceof QuantitiesShipped) {
            return SHIP;
        } else if (event instanceof QuantitiesDelivered) {
            return DELIVER;
        } else if (event instanceof QuantitiesLost) {
            return RECORD_LOSS;
        } else if (event instanceof QuantitiesReturned) {
            return RECORD_RETURN;
        } else if (event instanceof OrderCompleted) {
            return COMPLETE;
        } else if (event instanceof OrderArchived) {
            return ARCHIVE;
        } else if (event instanceof PersonalDataErased) {
            return ERASE_PERSONAL_DATA;
        }
        throw new IllegalStateException("unhandled event " + event.getClass().getName());
    }

    /**
     * Refuses a command the order's status does not allow.
     *
     * @param order the order
     * @param kind the command kind
     * @throws IllegalTransitionException if the status does not allow it
     */
    public static void check(Order order, CommandKind kind) {
        if (!allows(order.status(), kind)) {
            throw new IllegalTransitionException(order.id(), order.status(), kind, allowed(order.status()));
        }
    }

    /**
     * The lifecycle as a Mermaid state diagram: one arrow per change of status, labelled with the
     * commands that cause it. Commands that keep the status are listed in a note per status.
     *
     * @return the diagram source, starting with {@code stateDiagram-v2}
     */
    public static String mermaid() {
        return StateDiagram.mermaid(OrderStatus.values(), initialStatus(), PLACE.label(), TABLE, CommandKind::label);
    }

    /** @return every status with the kinds it allows and their targets, for tests and tools */
    public static Map<OrderStatus, Map<CommandKind, Set<OrderStatus>>> asMap() {
        return new LinkedHashMap<>(TABLE);
    }

    /**
     * A command that the {@link TransitionTable} does not allow in the order's current status, for
     * example an edit after fulfilment started. Names the status, the command and what is allowed.
     */
    public static class IllegalTransitionException extends OmsException {
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

    /**
     * A host rule that may refuse a command before the decider accepts it, for example "no confirm
     * without a passed fraud screen". Registered on {@link OrderDecider.Builder#guard} for the
     * command kinds it watches; the aggregate is never subclassed.
     *
     * <p>A guard should be fast and free of side effects; it runs on every decision of its kinds,
     * including retries after a version conflict. For {@link CommandKind#PLACE} it sees the order as
     * it would be placed.
     */
    @FunctionalInterface
    public interface CommandGuard {
        /**
         * @param order the order the command would change
         * @param command the command ({@link PlaceOrder} or an {@link OrderCommand})
         * @return empty to allow, or the reason to refuse
         */
        Optional<String> refusal(Order order, Object command);

        /**
         * A host-supplied {@link CommandGuard} refused a command.
         */
        class GuardRejectedException extends RuleViolationException {
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
    }
}
