package dev.oms.benchmarks.lifecycle;

import com.github.oxo42.stateless4j.StateMachine;
import com.github.oxo42.stateless4j.StateMachineConfig;
import dev.oms.benchmarks.lifecycle.Peers.Status;
import dev.oms.benchmarks.lifecycle.Peers.Step;
import dev.oms.benchmarks.lifecycle.Peers.StoredOrder;
import dev.oms.benchmarks.lifecycle.Peers.Transitioned;

/**
 * stateless4j: one shared configuration; per request a machine created at the stored status (its
 * own way of restoring), the guard as {@code permitIf}, the event emitted by the caller after
 * firing (stateless4j's entry actions do not see the step that fired them without a parameterised
 * trigger, which costs more).
 */
final class Stateless4jMachine {
    private final StateMachineConfig<Status, Step> config = new StateMachineConfig<>();
    private StoredOrder current;

    Stateless4jMachine() {
        Peers.PATH.forEach((step, fromTo) -> {
            if (step == Step.CONFIRM) {
                config.configure(fromTo[0]).permitIf(step, fromTo[1], () -> current.screened());
            } else if (fromTo[0] == fromTo[1]) {
                config.configure(fromTo[0]).permitReentry(step);
            } else {
                config.configure(fromTo[0]).permit(step, fromTo[1]);
            }
        });
    }

    Transitioned fire(StoredOrder order, Step step) {
        current = order;
        StateMachine<Status, Step> machine = new StateMachine<>(order.status(), config);
        machine.fire(step);
        return new Transitioned(order.id(), order.status(), machine.getState(), step);
    }
}
