package dev.oms.core;

import static dev.oms.core.CommandKind.*;
import static dev.oms.spi.order.OrderStatus.*;

import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
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
                    RECORD_VOID, RECORD_REFUND);
            allow(t, live, CANCEL, CANCELLED);
            allow(t, live, CANCEL_LINE, live, CANCELLED);
        }
        allow(t, PENDING, CONFIRM, CONFIRMED);
        stay(t, PENDING, EDIT);
        stay(t, CONFIRMED, EDIT);
        allow(t, CONFIRMED, ALLOCATE, PROCESSING);
        stay(t, PROCESSING, ALLOCATE, DEALLOCATE, SHIP, DELIVER, RECORD_LOSS, RECORD_RETURN);
        allow(t, PROCESSING, COMPLETE, COMPLETED);
        stay(t, COMPLETED, RECORD_RETURN, RECORD_REFUND, RECORD_VOID);
        allow(t, COMPLETED, ARCHIVE, ARCHIVED);
        stay(t, CANCELLED, RECORD_REFUND, RECORD_VOID);
        allow(t, CANCELLED, ARCHIVE, ARCHIVED);
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
}
