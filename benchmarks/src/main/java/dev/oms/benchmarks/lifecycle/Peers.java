package dev.oms.benchmarks.lifecycle;

import java.util.EnumMap;
import java.util.Map;

/**
 * The order lifecycle as the peer state machines see it: the same statuses and steps as oms'
 * {@code TransitionTable} for the path measured here (place, confirm, allocate, ship, deliver,
 * complete), a guard on confirm (the fraud screen passed) and an action that emits an event
 * object, so every contender does the same visible work: restore, check the guard, move, emit.
 */
final class Peers {
    /** Order statuses. */
    enum Status {
        PENDING, CONFIRMED, PROCESSING, COMPLETED, CANCELLED, ARCHIVED
    }

    /** The steps. */
    enum Step {
        CONFIRM, ALLOCATE, SHIP, DELIVER, COMPLETE, CANCEL
    }

    /** What a stored order looks like to a peer: its status and what the guard reads. */
    record StoredOrder(String id, Status status, boolean screened) {
    }

    /** The event a transition emits. */
    record Transitioned(String orderId, Status from, Status to, Step step) {
    }

    /** The lifecycle path: where each step goes from where. */
    static final Map<Step, Status[]> PATH = new EnumMap<>(Map.of(
            Step.CONFIRM, new Status[] {Status.PENDING, Status.CONFIRMED},
            Step.ALLOCATE, new Status[] {Status.CONFIRMED, Status.PROCESSING},
            Step.SHIP, new Status[] {Status.PROCESSING, Status.PROCESSING},
            Step.DELIVER, new Status[] {Status.PROCESSING, Status.PROCESSING},
            Step.COMPLETE, new Status[] {Status.PROCESSING, Status.COMPLETED},
            Step.CANCEL, new Status[] {Status.PENDING, Status.CANCELLED}));

    /** The steps of a whole lifecycle after placement, in order. */
    static final Step[] LIFECYCLE = {Step.CONFIRM, Step.ALLOCATE, Step.SHIP, Step.DELIVER, Step.COMPLETE};

    private Peers() {
    }
}
