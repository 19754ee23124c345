package dev.oms.benchmarks.lifecycle;

import dev.oms.benchmarks.lifecycle.Peers.Status;
import dev.oms.benchmarks.lifecycle.Peers.Step;
import dev.oms.benchmarks.lifecycle.Peers.StoredOrder;
import dev.oms.benchmarks.lifecycle.Peers.Transitioned;
import org.squirrelframework.foundation.fsm.AnonymousAction;
import org.squirrelframework.foundation.fsm.AnonymousCondition;
import org.squirrelframework.foundation.fsm.StateMachineBuilder;
import org.squirrelframework.foundation.fsm.StateMachineBuilderFactory;
import org.squirrelframework.foundation.fsm.impl.AbstractStateMachine;

/**
 * squirrel-foundation: one builder; per request a machine started at the stored status, the guard
 * as a condition, the event emitted by a transition action into the context.
 */
final class SquirrelMachine {
    /** The context a transition sees. */
    static final class Context {
        StoredOrder order;
        Transitioned emitted;
    }

    /** squirrel's machines are classes of their own. */
    public static final class OrderMachine extends AbstractStateMachine<OrderMachine, Status, Step, Context> {
    }

    private final StateMachineBuilder<OrderMachine, Status, Step, Context> builder =
            StateMachineBuilderFactory.create(OrderMachine.class, Status.class, Step.class, Context.class);

    SquirrelMachine() {
        AnonymousAction<OrderMachine, Status, Step, Context> emit = new AnonymousAction<>() {
            @Override
            public void execute(Status from, Status to, Step step, Context context, OrderMachine machine) {
                context.emitted = new Transitioned(context.order.id(), from, to, step);
            }
        };
        Peers.PATH.forEach((step, fromTo) -> {
            if (fromTo[0] == fromTo[1]) {
                builder.internalTransition().within(fromTo[0]).on(step).perform(emit);
            } else if (step == Step.CONFIRM) {
                builder.externalTransition().from(fromTo[0]).to(fromTo[1]).on(step)
                        .when(new AnonymousCondition<Context>() {
                            @Override
                            public boolean isSatisfied(Context context) {
                                return context.order.screened();
                            }
                        }).perform(emit);
            } else {
                builder.externalTransition().from(fromTo[0]).to(fromTo[1]).on(step).perform(emit);
            }
        });
    }

    Transitioned fire(StoredOrder order, Step step) {
        Context context = new Context();
        context.order = order;
        OrderMachine machine = builder.newStateMachine(order.status());
        machine.fire(step, context);
        if (context.emitted == null) {
            throw new IllegalStateException(step + " was not accepted in " + order.status());
        }
        return context.emitted;
    }

    /** A machine kept across the steps of a whole lifecycle. */
    Transitioned[] lifecycle(StoredOrder order) {
        Context context = new Context();
        context.order = order;
        OrderMachine machine = builder.newStateMachine(order.status());
        Transitioned[] events = new Transitioned[Peers.LIFECYCLE.length];
        for (int i = 0; i < events.length; i++) {
            context.emitted = null;
            machine.fire(Peers.LIFECYCLE[i], context);
            events[i] = context.emitted;
        }
        return events;
    }
}
