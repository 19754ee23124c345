package dev.oms.returns;

import static dev.oms.returns.ReturnCommand.ReturnCommandKind.*;
import static dev.oms.spi.returns.ReturnRequest.ReturnStatus.*;
import dev.oms.core.internal.shared.StateDiagram;
import dev.oms.returns.ReturnCommand.ReturnCommandKind;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReturnId;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The return lifecycle as data: for every status, the steps it allows and where each leads.
 * Declared once here; {@link ReturnDecider} refuses anything else with a
 * {@link ReturnTransitionException}, and {@link #mermaid()} renders the diagram the module README
 * shows (a test keeps the two equal).
 *
 * <pre>
 * requested -&gt; approved | rejected | cancelled
 * approved -&gt; label issued -&gt; in transit -&gt; received -&gt; inspected -&gt; refunded | exchanged -&gt; closed
 * (label and in transit are optional; cancelling is possible until the units are received;
 *  claims go from approved straight to refunded or exchanged)
 * </pre>
 * Which kind (return, exchange, claim) may take which step is the decider's rule on top.
 */
public final class ReturnTransitions {
    private static final Map<ReturnStatus, Map<ReturnCommandKind, ReturnStatus>> TABLE = build();

    private ReturnTransitions() {
    }

    private static Map<ReturnStatus, Map<ReturnCommandKind, ReturnStatus>> build() {
        Map<ReturnStatus, Map<ReturnCommandKind, ReturnStatus>> t = new EnumMap<>(ReturnStatus.class);
        for (ReturnStatus s : ReturnStatus.values()) {
            t.put(s, new EnumMap<>(ReturnCommandKind.class));
        }
        t.get(REQUESTED).put(APPROVE, APPROVED);
        t.get(REQUESTED).put(REJECT, REJECTED);
        t.get(REQUESTED).put(CANCEL, CANCELLED);
        t.get(APPROVED).put(ORDER_REPLACEMENT, APPROVED);
        t.get(APPROVED).put(ISSUE_LABEL, LABEL_ISSUED);
        t.get(APPROVED).put(MARK_IN_TRANSIT, IN_TRANSIT);
        t.get(APPROVED).put(RECEIVE, RECEIVED);
        t.get(APPROVED).put(CALCULATE_REFUND, APPROVED);
        t.get(APPROVED).put(REFUND, REFUNDED);
        t.get(APPROVED).put(EXCHANGE, EXCHANGED);
        t.get(APPROVED).put(CANCEL, CANCELLED);
        t.get(LABEL_ISSUED).put(MARK_IN_TRANSIT, IN_TRANSIT);
        t.get(LABEL_ISSUED).put(RECEIVE, RECEIVED);
        t.get(LABEL_ISSUED).put(CANCEL, CANCELLED);
        t.get(IN_TRANSIT).put(RECEIVE, RECEIVED);
        t.get(IN_TRANSIT).put(CANCEL, CANCELLED);
        t.get(RECEIVED).put(RECEIVE, RECEIVED);
        t.get(RECEIVED).put(INSPECT, INSPECTED);
        t.get(INSPECTED).put(CALCULATE_REFUND, INSPECTED);
        t.get(INSPECTED).put(REFUND, REFUNDED);
        t.get(INSPECTED).put(EXCHANGE, EXCHANGED);
        t.get(INSPECTED).put(CLOSE, CLOSED);
        t.get(REFUNDED).put(CLOSE, CLOSED);
        t.get(EXCHANGED).put(CLOSE, CLOSED);
        Map<ReturnStatus, Map<ReturnCommandKind, ReturnStatus>> frozen = new EnumMap<>(ReturnStatus.class);
        t.forEach((status, row) -> frozen.put(status, Collections.unmodifiableMap(row)));
        return Collections.unmodifiableMap(frozen);
    }

    /** @return the status every return starts in */
    public static ReturnStatus initialStatus() {
        return REQUESTED;
    }

    /**
     * @param status a status
     * @return the steps it allows
     */
    public static Set<ReturnCommandKind> allowed(ReturnStatus status) {
        Set<ReturnCommandKind> kinds = TABLE.get(status).keySet();
        return kinds.isEmpty() ? EnumSet.noneOf(ReturnCommandKind.class) : EnumSet.copyOf(kinds);
    }

    /**
     * @param status a status
     * @param kind a step
     * @return where the step leads, or null if the status does not allow it
     */
    public static ReturnStatus target(ReturnStatus status, ReturnCommandKind kind) {
        return TABLE.get(status).get(kind);
    }

    /**
     * @param request a return
     * @param kind a step
     * @return where the step leads
     * @throws ReturnTransitionException if the return's status does not allow it
     */
    public static ReturnStatus check(ReturnRequest request, ReturnCommandKind kind) {
        ReturnStatus to = target(request.status(), kind);
        if (to == null) {
            throw new ReturnTransitionException(request.id(), request.orderId(), request.status(), kind,
                    allowed(request.status()));
        }
        return to;
    }

    /** @return every status with the steps it allows and where they lead, for tests and tools */
    public static Map<ReturnStatus, Map<ReturnCommandKind, ReturnStatus>> asMap() {
        return TABLE;
    }

    /**
     * The lifecycle as a Mermaid state diagram: one arrow per change of status, labelled with the
     * steps that cause it; steps that keep the status are listed in a note.
     *
     * @return the diagram source, starting with {@code stateDiagram-v2}
     */
    public static String mermaid() {
        Map<ReturnStatus, Map<ReturnCommandKind, Set<ReturnStatus>>> asSets = new EnumMap<>(ReturnStatus.class);
        TABLE.forEach((status, row) -> {
            Map<ReturnCommandKind, Set<ReturnStatus>> steps = new EnumMap<>(ReturnCommandKind.class);
            row.forEach((kind, to) -> steps.put(kind, Set.of(to)));
            asSets.put(status, steps);
        });
        return StateDiagram.mermaid(ReturnStatus.values(), initialStatus(), REQUEST.label(), asSets,
                ReturnCommandKind::label);
    }

    /**
     * A step that {@link ReturnTransitions} does not allow in the return's current status, for example
     * cancelling a return whose units already arrived. Names the status, the step and what is allowed.
     */
    public static class ReturnTransitionException extends OmsException {
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
}
