package dev.oms.returns;

import dev.oms.returns.ReturnCommand.*;
import dev.oms.returns.ReturnCommand.ReturnCommandKind;
import dev.oms.returns.ReturnTransitions.ReturnTransitionException;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnEvent.ReturnEventMetadata;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ClaimResolution;
import dev.oms.spi.returns.ReturnRequest.ReturnKind;
import dev.oms.spi.returns.ReturnRequest.ReturnLine;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pure core of the return lifecycle: {@link #decide} turns a command on a return into its
 * events or throws a typed refusal; {@link #evolve} applies an event. No I/O: time comes from the
 * injected clock, event ids from the injected generator. Thread-safe.
 *
 * <p>Rules beyond {@link ReturnTransitions}:
 * <ul>
 *   <li>{@code return-location-required}: returns and exchanges are approved with a location.</li>
 *   <li>{@code claim-without-parcel}: claims have no label, transit, receipt or inspection.</li>
 *   <li>{@code line-in-return}, {@code receive-within-asked}: units arrive only for the return's
 *       lines, never more than asked.</li>
 *   <li>{@code inspect-all-received}: an inspection covers exactly the received units not
 *       inspected yet.</li>
 *   <li>{@code refund-once}, {@code refund-calculated-first}, {@code refund-matches-calculation},
 *       {@code refund-for-kind}: a refund is calculated once, then paid for exactly its total;
 *       returns and refund claims are refunded, exchanges and replacement claims exchanged.</li>
 *   <li>{@code replacement-for-kind}, {@code replacement-once}, {@code replacement-ordered-first}.</li>
 * </ul>
 */
public final class ReturnDecider {
    private final Clock clock;
    private final IdGenerator ids;

    /**
     * @param clock where time comes from
     * @param ids where event ids come from
     */
    public ReturnDecider(Clock clock, IdGenerator ids) {
        this.clock = InvalidInputException.requireNonNull(clock, "clock");
        this.ids = InvalidInputException.requireNonNull(ids, "ids");
    }

    /**
     * @param request a new request at version 1, status {@link ReturnStatus#REQUESTED}
     * @return the event that creates it
     */
    public ReturnEvent.Requested request(ReturnRequest request) {
        InvalidInputException.requireNonNull(request, "request");
        if (request.version() != 1 || request.status() != ReturnTransitions.initialStatus()) {
            throw new InvalidInputException("request", "a new return is at version 1 and " + ReturnStatus.REQUESTED);
        }
        return new ReturnEvent.Requested(metadata(request, 1, request.createdAt()), request);
    }

    /**
     * @param request a new goodwill request at version 1, {@link ReturnStatus#APPROVED}, its refund calculated
     * @return the event that creates it
     */
    public ReturnEvent.Requested goodwill(ReturnRequest request) {
        InvalidInputException.requireNonNull(request, "request");
        if (request.kind() != ReturnKind.GOODWILL || request.version() != 1
                || request.status() != ReturnStatus.APPROVED || request.refund().isEmpty()) {
            throw new InvalidInputException("request", "new goodwill is at version 1, approved, its refund calculated");
        }
        return new ReturnEvent.Requested(metadata(request, 1, request.createdAt()), request);
    }

    /**
     * Checks that a step may be taken now, before anything effectful happens: the transition
     * table, then the rules on kinds ({@code claim-without-parcel}, {@code refund-for-kind},
     * {@code replacement-for-kind}).
     *
     * @param current the return as stored
     * @param kind the step
     * @throws ReturnTransitionException if the status does not allow the step
     * @throws ReturnRuleException if the return's kind does not take this step now
     */
    public void requireAllowed(ReturnRequest current, ReturnCommandKind kind) {
        InvalidInputException.requireNonNull(current, "current");
        InvalidInputException.requireNonNull(kind, "kind");
        if (kind == ReturnCommandKind.ERASE_PERSONAL_DATA) {
            return; // not a lifecycle step: allowed in every status
        }
        ReturnTransitions.check(current, kind);
        if (current.kind() == ReturnKind.GOODWILL && kind != ReturnCommandKind.REFUND
                && kind != ReturnCommandKind.CLOSE) {
            throw new ReturnRuleException(current, "goodwill-is-money-only", "goodwill takes no units back and has "
                    + "its refund calculated when given, so " + kind.label() + " does not apply; it is refunded, "
                    + "then closed");
        }
        switch (kind) {
            case ISSUE_LABEL, MARK_IN_TRANSIT, RECEIVE, INSPECT -> {
                if (current.kind() == ReturnKind.CLAIM) {
                    throw new ReturnRuleException(current, "claim-without-parcel", "a claim has no parcel coming back, "
                            + "so " + kind.label() + " does not apply");
                }
            }
            case CALCULATE_REFUND -> requireRefundCalculable(current);
            case REFUND -> requireRefundKind(current);
            case ORDER_REPLACEMENT -> requireReplacementKind(current);
            case EXCHANGE -> requireExchangeable(current);
            default -> {
                // the table alone decides
            }
        }
    }

    /**
     * @param current the return as stored
     * @param command what is asked
     * @return the events of the change, at version {@code current.version() + 1}
     * @throws ReturnTransitionException if the status does not allow the step
     * @throws ReturnRuleException if a rule above refuses it
     */
    public List<ReturnEvent> decide(ReturnRequest current, ReturnCommand command) {
        InvalidInputException.requireNonNull(current, "current");
        InvalidInputException.requireNonNull(command, "command");
        requireAllowed(current, command.kind());
        ReturnEventMetadata meta = metadata(current, current.version() + 1, clock.instant());
        boolean claim = current.kind() == ReturnKind.CLAIM;
        if (command instanceof Approve c) {
            if (!claim && c.returnLocation().isEmpty()) {
                throw new ReturnRuleException(current, "return-location-required",
                        "a return or exchange is approved with the location the units go back to");
            }
            return List.of(new ReturnEvent.Approved(meta, c.returnLocation()));
        }
        if (command instanceof Reject c) {
            return List.of(new ReturnEvent.Rejected(meta, c.reason()));
        }
        if (command instanceof Cancel c) {
            return List.of(new ReturnEvent.Cancelled(meta, c.reason()));
        }
        if (command instanceof Close) {
            return List.of(new ReturnEvent.Closed(meta));
        }
        if (command instanceof ReturnCommand.ErasePersonalData) {
            return List.of(new ReturnEvent.PersonalDataErased(meta));
        }
        if (command instanceof RecordLabel c) {
            return List.of(new ReturnEvent.LabelIssued(meta, c.label()));
        }
        if (command instanceof MarkInTransit) {
            return List.of(new ReturnEvent.InTransit(meta));
        }
        if (command instanceof Receive c) {
            for (LineQuantity lq : c.lines()) {
                ReturnLine line = lineOf(current, lq.lineId());
                Quantity open = line.quantity().minus(line.received());
                if (lq.quantity().isGreaterThan(open)) {
                    throw new ReturnRuleException(current, "receive-within-asked", "line " + lq.lineId() + ": "
                            + lq.quantity() + " arrived but only " + open + " of the " + line.quantity()
                            + " asked for are still expected");
                }
            }
            return List.of(new ReturnEvent.Received(meta, c.lines()));
        }
        if (command instanceof Inspect c) {
            Map<LineId, Long> perLine = new LinkedHashMap<>();
            for (LineInspection li : c.inspections()) {
                lineOf(current, li.lineId());
                perLine.merge(li.lineId(), li.inspection().quantity().value(), Long::sum);
            }
            for (ReturnLine line : current.lines()) {
                long due = line.received().value() - line.inspected().value();
                long given = perLine.getOrDefault(line.lineId(), 0L);
                if (given != due) {
                    throw new ReturnRuleException(current, "inspect-all-received", "line " + line.lineId() + ": "
                            + due + " received units await inspection but " + given + " were inspected");
                }
            }
            return List.of(new ReturnEvent.Inspected(meta, c.inspections()));
        }
        if (command instanceof RecordRefundCalculated c) {
            if (current.refund().isPresent()) {
                throw new ReturnRuleException(current, "refund-once", "the refund was calculated already");
            }
            return List.of(new ReturnEvent.RefundCalculated(meta, c.refund()));
        }
        if (command instanceof RecordRefunded c) {
            if (current.refund().isEmpty()) {
                throw new ReturnRuleException(current, "refund-calculated-first", "no refund was calculated");
            }
            if (!current.refund().get().total().isEqualTo(c.amount()) || current.refund().get().method() != c.method()) {
                throw new ReturnRuleException(current, "refund-matches-calculation", "paid " + c.amount() + " by "
                        + c.method() + " but the calculated refund is " + current.refund().get().total() + " by "
                        + current.refund().get().method());
            }
            return List.of(new ReturnEvent.Refunded(meta, c.amount(), c.method(), c.reference()));
        }
        if (command instanceof RecordReplacementOrdered c) {
            if (current.replacement().flatMap(r -> r.orderId()).isPresent()) {
                throw new ReturnRuleException(current, "replacement-once", "the replacement order was placed already");
            }
            return List.of(new ReturnEvent.ReplacementOrdered(meta, c.orderId()));
        }
        if (command instanceof RecordExchanged c) {
            Optional<dev.oms.spi.OrderId> replacement = current.replacement().flatMap(r -> r.orderId());
            if (replacement.isEmpty()) {
                throw new ReturnRuleException(current, "replacement-ordered-first", "no replacement order was placed");
            }
            if (current.kind() == ReturnKind.EXCHANGE && current.refund().isEmpty()) {
                throw new ReturnRuleException(current, "refund-calculated-first",
                        "the returned units' value was not calculated");
            }
            return List.of(new ReturnEvent.Exchanged(meta, replacement.get(), c.credit(), c.charged(), c.refunded()));
        }
        throw new IllegalStateException("unhandled command " + command);
    }

    /**
     * @param current the return before the event; null for {@link ReturnEvent.Requested}
     * @param event an event of it
     * @return the return after the event
     */
    public ReturnRequest evolve(ReturnRequest current, ReturnEvent event) {
        InvalidInputException.requireNonNull(event, "event");
        if (event instanceof ReturnEvent.Requested e) {
            return e.request();
        }
        InvalidInputException.requireNonNull(current, "current");
        ReturnRequest r = current.at(event.metadata().returnVersion(), event.occurredAt());
        if (event instanceof ReturnEvent.Approved e) {
            return r.withStatus(ReturnStatus.APPROVED).withReturnLocation(e.returnLocation());
        }
        if (event instanceof ReturnEvent.Rejected e) {
            return r.withStatus(ReturnStatus.REJECTED).withNote(e.reason());
        }
        if (event instanceof ReturnEvent.Cancelled e) {
            return r.withStatus(ReturnStatus.CANCELLED).withNote(e.reason());
        }
        if (event instanceof ReturnEvent.Closed) {
            return r.withStatus(ReturnStatus.CLOSED);
        }
        if (event instanceof ReturnEvent.PersonalDataErased) {
            return PersonalData.erased(r);
        }
        if (event instanceof ReturnEvent.LabelIssued e) {
            return r.withStatus(ReturnStatus.LABEL_ISSUED).withLabel(e.label());
        }
        if (event instanceof ReturnEvent.InTransit) {
            return r.withStatus(ReturnStatus.IN_TRANSIT);
        }
        if (event instanceof ReturnEvent.Received e) {
            List<ReturnLine> lines = new ArrayList<>();
            for (ReturnLine line : r.lines()) {
                Quantity more = Quantity.ZERO;
                for (LineQuantity lq : e.lines()) {
                    if (lq.lineId().equals(line.lineId())) {
                        more = more.plus(lq.quantity());
                    }
                }
                lines.add(more.isPositive() ? line.receive(more) : line);
            }
            return r.withStatus(ReturnStatus.RECEIVED).withLines(lines);
        }
        if (event instanceof ReturnEvent.Inspected e) {
            List<ReturnLine> lines = new ArrayList<>();
            for (ReturnLine line : r.lines()) {
                List<Inspection> more = e.inspections().stream().filter(i -> i.lineId().equals(line.lineId()))
                        .map(LineInspection::inspection).toList();
                lines.add(more.isEmpty() ? line : line.inspect(more));
            }
            return r.withStatus(ReturnStatus.INSPECTED).withLines(lines);
        }
        if (event instanceof ReturnEvent.RefundCalculated e) {
            return r.withRefund(e.refund());
        }
        if (event instanceof ReturnEvent.Refunded) {
            return r.withStatus(ReturnStatus.REFUNDED);
        }
        if (event instanceof ReturnEvent.ReplacementOrdered e) {
            return r.withReplacement(r.replacement().orElseThrow().placedAs(e.replacementOrderId()));
        }
        if (event instanceof ReturnEvent.Exchanged) {
            return r.withStatus(ReturnStatus.EXCHANGED);
        }
        throw new IllegalStateException("unhandled event " + event);
    }

    /**
     * @param current the return before the events
     * @param events the events of one change
     * @return the return after them
     */
    public ReturnRequest evolveAll(ReturnRequest current, List<ReturnEvent> events) {
        ReturnRequest r = current;
        for (ReturnEvent e : events) {
            r = evolve(r, e);
        }
        return r;
    }

    /**
     * @param events every event of one return, oldest first, starting with {@link ReturnEvent.Requested}
     * @return the return they describe
     * @throws InvalidInputException if the history is empty or does not start with a request
     */
    public ReturnRequest replay(List<ReturnEvent> events) {
        if (InvalidInputException.requireNonNull(events, "events").isEmpty()
                || !(events.get(0) instanceof ReturnEvent.Requested)) {
            throw new InvalidInputException("events", "a return's history starts with its request");
        }
        return evolveAll(null, events);
    }

    private ReturnEventMetadata metadata(ReturnRequest r, long version, Instant at) {
        return new ReturnEventMetadata(ids.newEventId(), r.id(), r.orderId(), version, at);
    }

    private static ReturnLine lineOf(ReturnRequest r, LineId lineId) {
        return r.line(lineId).orElseThrow(() -> new ReturnRuleException(r, "line-in-return", "order line " + lineId
                + " is not part of this return"));
    }

    private static boolean isClaim(ReturnRequest r, ClaimResolution resolution) {
        return r.kind() == ReturnKind.CLAIM && r.claimResolution().orElseThrow() == resolution;
    }

    /** Returns and exchanges after inspection, refund claims once approved. */
    private static void requireRefundCalculable(ReturnRequest r) {
        boolean ok = (r.kind() == ReturnKind.RETURN || r.kind() == ReturnKind.EXCHANGE)
                && r.status() == ReturnStatus.INSPECTED
                || isClaim(r, ClaimResolution.REFUND) && r.status() == ReturnStatus.APPROVED;
        if (!ok) {
            throw new ReturnRuleException(r, "refund-for-kind", "a " + describe(r) + " in status " + r.status()
                    + " has no refund to calculate");
        }
    }

    /** Returns after inspection, refund claims once approved. */
    private static void requireRefundKind(ReturnRequest r) {
        boolean ok = r.kind() == ReturnKind.RETURN && r.status() == ReturnStatus.INSPECTED
                || (isClaim(r, ClaimResolution.REFUND) || r.kind() == ReturnKind.GOODWILL)
                        && r.status() == ReturnStatus.APPROVED;
        if (!ok) {
            throw new ReturnRuleException(r, "refund-for-kind", "a " + describe(r) + " in status " + r.status()
                    + " is not refunded; exchanges and replacement claims are exchanged");
        }
    }

    /** Exchanges and replacement claims (the transition table limits placing one to approval). */
    private static void requireReplacementKind(ReturnRequest r) {
        if (r.kind() != ReturnKind.EXCHANGE && !isClaim(r, ClaimResolution.REPLACEMENT)) {
            throw new ReturnRuleException(r, "replacement-for-kind", "a " + describe(r) + " has no replacement");
        }
    }

    /** Exchanges after inspection, replacement claims once approved. */
    private static void requireExchangeable(ReturnRequest r) {
        boolean ok = r.kind() == ReturnKind.EXCHANGE && r.status() == ReturnStatus.INSPECTED
                || isClaim(r, ClaimResolution.REPLACEMENT) && r.status() == ReturnStatus.APPROVED;
        if (!ok) {
            throw new ReturnRuleException(r, "replacement-for-kind", "a " + describe(r) + " in status " + r.status()
                    + " is not settled by a replacement now");
        }
    }

    private static String describe(ReturnRequest r) {
        return r.kind() == ReturnKind.CLAIM ? r.claimResolution().orElseThrow().name().toLowerCase(java.util.Locale.ROOT)
                + " claim" : r.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A well-formed step that a rule of the return lifecycle refuses, for example receiving more
     * units than were asked for, or a claim asked to receive a parcel. {@link #rule()} is a stable
     * name. Nothing was saved.
     */
    public static class ReturnRuleException extends RuleViolationException {
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
}
