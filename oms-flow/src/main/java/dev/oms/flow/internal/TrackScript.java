package dev.oms.flow.internal;

import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.process.ProcessInput;

/** A carrier's update: applied (delivery recorded on the order at the carrier's time), then the order completes if everything is settled. */
final class TrackScript implements Script {
    private final Engines e;
    private final Money money;

    TrackScript(Engines engines) {
        this.e = engines;
        this.money = new Money(engines);
    }

    @Override
    public void run(Run run) {
        ProcessInput.Track input = (ProcessInput.Track) run.record().input();
        Shipment shipment = e.fulfillment().shipmentByTracking(input.update().trackingNumber());
        run.orderIs(shipment.orderId());
        run.once("apply", () -> e.fulfillment().applyTracking(input.update()));
        money.completeIfDone(run, shipment.orderId());
    }
}
