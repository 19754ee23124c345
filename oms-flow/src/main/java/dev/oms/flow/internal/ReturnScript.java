package dev.oms.flow.internal;

import dev.oms.spi.OrderId;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.returns.ReturnRequest;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The steps of a return, exchange or claim that reach other modules, each with what follows from
 * it: approving an exchange that ships first accepts its replacement order (routed like any
 * order); receiving records the units returned on the order; inspecting moves them into stock by
 * their disposition and then routes the orders waiting for that stock; refunding pays (a claim for
 * a lost parcel also records the loss) and then completes the order if that settled it; an
 * exchange settles the credit, confirms the replacement and accepts it.
 */
final class ReturnScript implements Script {
    private final Engines e;
    private final Money money;
    private final Runnable routeWaiting;
    private final Consumer<OrderId> acceptReplacement;

    ReturnScript(Engines engines, Runnable routeWaiting, Consumer<OrderId> acceptReplacement) {
        this.e = engines;
        this.money = new Money(engines);
        this.routeWaiting = routeWaiting;
        this.acceptReplacement = acceptReplacement;
    }

    @Override
    public void run(Run run) {
        ProcessInput.ReturnStep input = (ProcessInput.ReturnStep) run.record().input();
        ReturnRequest r = e.returns().load(input.returnId());
        run.orderIs(r.orderId());
        switch (input.operation()) {
            case "approve" -> {
                run.once("approve", () -> {
                    if (input.location().isPresent()) {
                        e.returns().approve(r.id(), input.location().get(), run.key("approve"));
                    } else {
                        e.returns().approve(r.id(), run.key("approve"));
                    }
                });
                acceptConfirmedReplacement(run, r);
            }
            case "receive" -> run.once("receive", () -> e.returns().receive(r.id(), input.lines(), run.key("receive")));
            case "inspect" -> {
                run.once("inspect", () -> e.returns().inspect(r.id(), input.inspections(), run.key("inspect")));
                run.once("route-waiting", routeWaiting);
            }
            case "refund" -> {
                // what the delivered units owe is captured first (a capture an outage left for later):
                // a refund can only give back what was taken
                money.settle(run, r.orderId());
                run.once("refund", () -> e.returns().refund(r.id(), input.method().orElseThrow(), run.key("refund")));
                money.completeIfDone(run, r.orderId());
            }
            case "exchange" -> {
                run.once("exchange", () -> e.returns().exchange(r.id(), run.key("exchange")));
                acceptConfirmedReplacement(run, r);
                money.completeIfDone(run, r.orderId());
            }
            default -> throw new IllegalStateException("unknown return operation " + input.operation());
        }
    }

    /** A replacement order that is confirmed (shipped first, or after the exchange) is accepted: routed and reserved. */
    private void acceptConfirmedReplacement(Run run, ReturnRequest before) {
        Optional<OrderId> replacement = e.returns().load(before.id()).replacement().flatMap(x -> x.orderId());
        if (replacement.isEmpty()) {
            return;
        }
        Order order = e.orders().load(replacement.get());
        if (order.status() == OrderStatus.CONFIRMED || order.status() == OrderStatus.PROCESSING) {
            run.once("accept-replacement", () -> acceptReplacement.accept(replacement.get()));
        }
    }
}
