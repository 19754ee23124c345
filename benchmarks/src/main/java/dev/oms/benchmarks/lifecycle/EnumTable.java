package dev.oms.benchmarks.lifecycle;

import dev.oms.benchmarks.lifecycle.Peers.Status;
import dev.oms.benchmarks.lifecycle.Peers.Step;
import dev.oms.benchmarks.lifecycle.Peers.StoredOrder;
import dev.oms.benchmarks.lifecycle.Peers.Transitioned;
import java.util.EnumMap;
import java.util.Map;

/**
 * The floor of what a transition can cost: an enum-indexed table lookup, the guard as a field
 * read, and the event allocated. No framework, no history, no money: nothing oms does beyond it.
 */
final class EnumTable {
    private final Map<Status, Map<Step, Status>> table = new EnumMap<>(Status.class);

    EnumTable() {
        Peers.PATH.forEach((step, fromTo) -> table.computeIfAbsent(fromTo[0], s -> new EnumMap<>(Step.class))
                .put(step, fromTo[1]));
    }

    Transitioned fire(StoredOrder order, Step step) {
        Map<Step, Status> allowed = table.get(order.status());
        Status to = allowed == null ? null : allowed.get(step);
        if (to == null || (step == Step.CONFIRM && !order.screened())) {
            throw new IllegalStateException(step + " is not allowed in " + order.status());
        }
        return new Transitioned(order.id(), order.status(), to, step);
    }
}
