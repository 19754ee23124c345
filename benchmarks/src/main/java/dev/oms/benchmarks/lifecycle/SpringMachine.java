package dev.oms.benchmarks.lifecycle;

import dev.oms.benchmarks.lifecycle.Peers.Status;
import dev.oms.benchmarks.lifecycle.Peers.Step;
import dev.oms.benchmarks.lifecycle.Peers.StoredOrder;
import dev.oms.benchmarks.lifecycle.Peers.Transitioned;
import java.util.EnumSet;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.support.DefaultExtendedState;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import reactor.core.publisher.Mono;

/**
 * Spring Statemachine 4, used the way its documentation has a per-order service do it: a machine
 * built from the configuration for the request, reset to the stored order's state and extended
 * state through the state machine accessor, started, sent the event, and stopped. The guard reads
 * the extended state; the action puts the event into it.
 */
final class SpringMachine {
    private static final String ORDER = "order";
    private static final String EMITTED = "emitted";

    private final StateMachineBuilder.Builder<Status, Step> builder;

    SpringMachine() {
        try {
            builder = StateMachineBuilder.builder();
            builder.configureConfiguration().withConfiguration().autoStartup(false);
            builder.configureStates().withStates().initial(Status.PENDING).states(EnumSet.allOf(Status.class));
            var transitions = builder.configureTransitions();
            for (var e : Peers.PATH.entrySet()) {
                Step step = e.getKey();
                Status from = e.getValue()[0];
                Status to = e.getValue()[1];
                if (from == to) {
                    transitions.withInternal().source(from).event(step).action(context -> emit(context, from, to, step));
                } else if (step == Step.CONFIRM) {
                    transitions.withExternal().source(from).target(to).event(step)
                            .guard(context -> context.getExtendedState().get(ORDER, StoredOrder.class).screened())
                            .action(context -> emit(context, from, to, step));
                } else {
                    transitions.withExternal().source(from).target(to).event(step)
                            .action(context -> emit(context, from, to, step));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure Spring Statemachine", e);
        }
    }

    private static void emit(org.springframework.statemachine.StateContext<Status, Step> context, Status from,
            Status to, Step step) {
        StoredOrder order = context.getExtendedState().get(ORDER, StoredOrder.class);
        context.getExtendedState().getVariables().put(EMITTED, new Transitioned(order.id(), from, to, step));
    }

    private StateMachine<Status, Step> restore(StoredOrder order) {
        StateMachine<Status, Step> machine = builder.build();
        DefaultExtendedState extended = new DefaultExtendedState();
        extended.getVariables().put(ORDER, order);
        machine.getStateMachineAccessor().doWithAllRegions(access -> access.resetStateMachineReactively(
                new DefaultStateMachineContext<>(order.status(), null, null, extended)).block());
        machine.startReactively().block();
        return machine;
    }

    private static Transitioned send(StateMachine<Status, Step> machine, Step step) {
        machine.getExtendedState().getVariables().remove(EMITTED);
        machine.sendEvent(Mono.just(MessageBuilder.withPayload(step).build())).blockLast();
        Transitioned emitted = machine.getExtendedState().get(EMITTED, Transitioned.class);
        if (emitted == null) {
            throw new IllegalStateException(step + " was not accepted");
        }
        return emitted;
    }

    Transitioned fire(StoredOrder order, Step step) {
        StateMachine<Status, Step> machine = restore(order);
        Transitioned emitted = send(machine, step);
        machine.stopReactively().block();
        return emitted;
    }

    Transitioned[] lifecycle(StoredOrder order) {
        StateMachine<Status, Step> machine = restore(order);
        Transitioned[] events = new Transitioned[Peers.LIFECYCLE.length];
        for (int i = 0; i < events.length; i++) {
            events[i] = send(machine, Peers.LIFECYCLE[i]);
        }
        machine.stopReactively().block();
        return events;
    }
}
