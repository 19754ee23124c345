package dev.oms.flow.internal;

import dev.oms.spi.ShipmentId;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import java.util.List;
import java.util.Optional;

/**
 * Shipping a parcel: the label and the parcel saved with its fulfilment order (every rule checked
 * first, the order's included, before the carrier is called), stock committed and the shipment
 * recorded on the order, then the capture of exactly the value this parcel added.
 */
final class ShipScript implements Script {
    private final Engines e;
    private final Money money;

    ShipScript(Engines engines) {
        this.e = engines;
        this.money = new Money(engines);
    }

    @Override
    public void run(Run run) {
        ProcessInput.Ship input = (ProcessInput.Ship) run.record().input();
        FulfillmentOrder fo = e.fulfillment().load(input.fulfillmentOrderId());
        run.orderIs(fo.orderId());
        ProcessStep dispatched = run.once("dispatch", () -> {
            Shipment s = e.fulfillment().dispatch(fo.id(), input.lines(), run.key("dispatch"));
            return new ProcessStep("dispatch", List.of(), Optional.empty(), s.id().value());
        });
        run.once("record", () -> e.fulfillment().recordDispatch(ShipmentId.of(dispatched.note()), run.key("record")));
        money.settle(run, fo.orderId());
    }
}
