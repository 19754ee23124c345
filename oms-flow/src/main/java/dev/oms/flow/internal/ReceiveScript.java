package dev.oms.flow.internal;

import dev.oms.spi.process.ProcessInput;

/** Stock arrives: received into inventory, then the orders waiting for stock are routed again, oldest first. */
final class ReceiveScript implements Script {
    private final Engines e;
    private final Runnable routeWaiting;

    ReceiveScript(Engines engines, Runnable routeWaiting) {
        this.e = engines;
        this.routeWaiting = routeWaiting;
    }

    @Override
    public void run(Run run) {
        ProcessInput.Receive input = (ProcessInput.Receive) run.record().input();
        run.once("receive", () -> e.inventory().receive(input.sku(), input.location(), input.quantity(),
                input.reference(), run.key("receive")));
        run.once("route-waiting", routeWaiting);
    }
}
