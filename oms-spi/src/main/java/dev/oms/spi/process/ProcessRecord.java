package dev.oms.spi.process;

import dev.oms.spi.CommandKey;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.money.MonetaryAmount;

/**
 * How far a durable process of the order flow got: what the host asked, the steps done with the
 * decisions they made, the next step, whether it runs, waits or ended, and the keys it uses (every
 * step's key is derived from the process id in the reserved namespace, see
 * {@link CommandKey#reserved}). Immutable; saved with an optimistic version.
 *
 * @param id the process id (derived from the host's key)
 * @param kind the operation
 * @param key the host's command key
 * @param fingerprint what the host asked, digested: the same key with another request is refused
 * @param input what the host asked
 * @param orderId the order, once known
 * @param status running, waiting, done or failed
 * @param waitingFor what a waiting process waits for
 * @param dueAt when a waiting process's time runs out (an unpaid order, a backorder, a pickup)
 * @param steps the steps done, oldest first, names unique
 * @param next the step it is at or will do next, if any
 * @param failure why the last attempt stopped (a gateway's or store's error), if it did
 * @param attempts how often it was started or resumed
 * @param startedAt when the host asked
 * @param updatedAt when it was last saved
 * @param version increases with every save, starting at 1
 */
public record ProcessRecord(ProcessId id, ProcessKind kind, CommandKey key, String fingerprint, ProcessInput input,
        Optional<OrderId> orderId, ProcessStatus status, Optional<WaitReason> waitingFor, Optional<Instant> dueAt,
        List<ProcessStep> steps, Optional<String> next, Optional<String> failure, int attempts, Instant startedAt,
        Instant updatedAt, long version) {
    /** @throws InvalidInputException if a field is null, a step name repeats or the version is below 1 */
    public ProcessRecord {
        InvalidInputException.requireNonNull(id, "ProcessRecord.id");
        InvalidInputException.requireNonNull(kind, "ProcessRecord.kind");
        InvalidInputException.requireNonNull(key, "ProcessRecord.key");
        InvalidInputException.requireCode(fingerprint, "ProcessRecord.fingerprint");
        InvalidInputException.requireNonNull(input, "ProcessRecord.input");
        InvalidInputException.requireNonNull(orderId, "ProcessRecord.orderId");
        InvalidInputException.requireNonNull(status, "ProcessRecord.status");
        InvalidInputException.requireNonNull(waitingFor, "ProcessRecord.waitingFor");
        InvalidInputException.requireNonNull(dueAt, "ProcessRecord.dueAt");
        steps = List.copyOf(InvalidInputException.requireNonNull(steps, "ProcessRecord.steps"));
        InvalidInputException.requireNonNull(next, "ProcessRecord.next");
        InvalidInputException.requireNonNull(failure, "ProcessRecord.failure");
        InvalidInputException.requireNonNull(startedAt, "ProcessRecord.startedAt");
        InvalidInputException.requireNonNull(updatedAt, "ProcessRecord.updatedAt");
        Set<String> names = new HashSet<>();
        for (ProcessStep step : steps) {
            if (!names.add(step.name())) {
                throw new InvalidInputException("ProcessRecord.steps", "step " + step.name() + " appears twice");
            }
        }
        if (status == ProcessStatus.WAITING && waitingFor.isEmpty()) {
            throw new InvalidInputException("ProcessRecord.waitingFor", "a waiting process says what it waits for");
        }
        if (attempts < 0) {
            throw new InvalidInputException("ProcessRecord.attempts", "must not be negative (was " + attempts + ")");
        }
        if (version < 1) {
            throw new InvalidInputException("ProcessRecord.version", "must be at least 1 (was " + version + ")");
        }
    }

    /**
     * @param name a step's name
     * @return the step, if done
     */
    public Optional<ProcessStep> step(String name) {
        for (ProcessStep step : steps) {
            if (step.name().equals(name)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /**
     * @param step the step done
     * @param at now
     * @return this record one version later, with the step added
     */
    public ProcessRecord withStep(ProcessStep step, Instant at) {
        List<ProcessStep> more = new ArrayList<>(steps);
        more.add(step);
        return new ProcessRecord(id, kind, key, fingerprint, input, orderId, status, waitingFor, dueAt, more,
                Optional.empty(), Optional.empty(), attempts, startedAt, at, version + 1);
    }

    /**
     * @param nextStatus the status
     * @param reason what it waits for, if waiting
     * @param due when its time runs out, if waiting
     * @param nextStep the step it is at, if any
     * @param why why it stopped, if it did
     * @param at now
     * @return this record one version later in that state
     */
    public ProcessRecord with(ProcessStatus nextStatus, Optional<WaitReason> reason, Optional<Instant> due,
            Optional<String> nextStep, Optional<String> why, Instant at) {
        return new ProcessRecord(id, kind, key, fingerprint, input, orderId, nextStatus, reason, due, steps, nextStep,
                why, attempts, startedAt, at, version + 1);
    }

    /**
     * @param order the order
     * @param at now
     * @return this record one version later, naming its order
     */
    public ProcessRecord withOrder(OrderId order, Instant at) {
        return new ProcessRecord(id, kind, key, fingerprint, input, Optional.of(order), status, waitingFor, dueAt,
                steps, next, failure, attempts, startedAt, at, version + 1);
    }

    /**
     * @param more steps that wake it (why, and a decision the waker made), recorded with the wake
     * @param at now
     * @return this record one version later, running again, with the steps, counting one more
     *     attempt: one save, so a crash leaves it either waiting as it was or running with them
     */
    public ProcessRecord woken(List<ProcessStep> more, Instant at) {
        List<ProcessStep> all = new ArrayList<>(steps);
        all.addAll(more);
        return new ProcessRecord(id, kind, key, fingerprint, input, orderId, ProcessStatus.RUNNING, Optional.empty(),
                Optional.empty(), all, Optional.empty(), Optional.empty(), attempts + 1, startedAt, at, version + 1);
    }

    /**
     * @param at now
     * @return this record one version later, counting one more attempt and running
     */
    public ProcessRecord attempted(Instant at) {
        return new ProcessRecord(id, kind, key, fingerprint, input, orderId, ProcessStatus.RUNNING, Optional.empty(),
                Optional.empty(), steps, next, failure, attempts + 1, startedAt, at, version + 1);
    }

    /** The operations of the order flow that run as durable processes. */
    public enum ProcessKind {
        /** Accept an order: fraud screen, authorise, confirm, route, reserve, fulfilment orders, backorders. */
        ACCEPT,
        /** Cancel an order, a line or some units. */
        CANCEL,
        /** Commit a previewed edit. */
        EDIT,
        /** Place or release a hold on an order and its open fulfilment orders. */
        HOLD,
        /** Ship a parcel: label, stock committed, the order's shipment, the capture. */
        SHIP,
        /** Apply a carrier's update: delivery, completion. */
        TRACK,
        /** Make a pickup order ready and wait for the customer. */
        PICKUP,
        /** Receive stock and route the orders waiting for it. */
        RECEIVE,
        /** A step of a return, exchange or claim with its effects on orders, stock and payments. */
        RETURN,
        /**
         * The money decisions of one order (captures, refunds, voids), in the order they were made:
         * not a process of its own but the one record every process of the order serialises its
         * money through. It waits for its order to end.
         */
        PAYMENTS
    }

    /** Where a durable process is. */
    public enum ProcessStatus {
        /** Steps are left to do now; a resume drives it on. */
        RUNNING,
        /** Parked until something happens (a review, a payment, stock, a collection) or its time is due. */
        WAITING,
        /** Finished: every step done (what could not be done is named in its steps). */
        DONE,
        /** Ended without its effect: refused part-way, and what it had done was compensated. */
        FAILED;

        /** @return whether the process ended (done or failed) */
        public boolean isFinished() {
            return this == DONE || this == FAILED;
        }
    }

    /**
     * A step a process has done, with the decision it made, so that a resume follows the same
     * decision (the routing plan, the units to cancel, the amount to capture) instead of deciding
     * again on changed data.
     *
     * @param name the step's name, unique within the process (for example {@code "route-1"})
     * @param lines units the decision names
     * @param amount an amount the decision names (to capture, refund, void or authorise)
     * @param note what happened, for people (no personal data)
     */
    public record ProcessStep(String name, List<StepLine> lines, Optional<MonetaryAmount> amount, String note) {
        /** @throws InvalidInputException if a field is null or malformed */
        public ProcessStep {
            InvalidInputException.requireCode(name, "ProcessStep.name");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "ProcessStep.lines"));
            InvalidInputException.requireNonNull(amount, "ProcessStep.amount");
            InvalidInputException.requireText(note, "ProcessStep.note", 1024);
        }

        /**
         * @param name the step
         * @return a step that records only that it was done
         */
        public static ProcessStep done(String name) {
            return new ProcessStep(name, List.of(), Optional.empty(), "");
        }
    }

    /**
     * Units of one order line in a step's decision: where they are routed, which fulfilment order
     * gives them up, what could not be done and why.
     *
     * @param lineId the order line
     * @param sku its SKU, if the step names it
     * @param quantity the units
     * @param location the location, if the step names one
     * @param fulfillmentOrderId the fulfilment order, if the step names one
     * @param note why (for units not done), or empty
     */
    public record StepLine(LineId lineId, Optional<Sku> sku, Quantity quantity, Optional<LocationId> location,
            Optional<FulfillmentOrderId> fulfillmentOrderId, String note) {
        /** @throws InvalidInputException if a field is null or the note too long */
        public StepLine {
            InvalidInputException.requireNonNull(lineId, "StepLine.lineId");
            InvalidInputException.requireNonNull(sku, "StepLine.sku");
            InvalidInputException.requireNonNull(quantity, "StepLine.quantity");
            InvalidInputException.requireNonNull(location, "StepLine.location");
            InvalidInputException.requireNonNull(fulfillmentOrderId, "StepLine.fulfillmentOrderId");
            InvalidInputException.requireText(note, "StepLine.note", 1024);
        }
    }

    /** What a waiting process waits for. */
    public enum WaitReason {
        /** A person to review the order for fraud. */
        FRAUD_REVIEW,
        /** A hold on the order (other than a fraud review) to be released. */
        HOLD,
        /** A payment after a declined authorisation. */
        PAYMENT,
        /** Stock for units no location could take (a backorder). */
        STOCK,
        /** The customer to collect a pickup order. */
        COLLECTION,
        /** The host to report the stages of an order's made-to-order lines. */
        PRODUCTION,
        /** The order to end: the money record of an order ({@link ProcessKind#PAYMENTS}). */
        ORDER_END
    }
}
