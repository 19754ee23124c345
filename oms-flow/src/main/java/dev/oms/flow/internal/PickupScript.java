package dev.oms.flow.internal;

import dev.oms.core.OrderCommand;
import dev.oms.spi.OmsException;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentLine;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import java.util.List;
import java.util.Optional;

/**
 * A pickup order from ready to collected or given up: made ready at its store, then waiting for the
 * customer. Collected: handed over (stock committed, the order's units shipped and delivered), the
 * value captured, the order completed if that was all. Not collected in time: the units go back to
 * stock and are cancelled, and the money follows.
 */
final class PickupScript implements Script {
    static final String COLLECTED = "collected";
    static final String EXPIRED = "expired";

    private final Engines e;
    private final Money money;

    PickupScript(Engines engines) {
        this.e = engines;
        this.money = new Money(engines);
    }

    @Override
    public void run(Run run) {
        ProcessInput.Pickup input = (ProcessInput.Pickup) run.record().input();
        FulfillmentOrder fo = e.fulfillment().load(input.fulfillmentOrderId());
        run.orderIs(fo.orderId());
        run.once("ready", () -> {
            if (e.fulfillment().load(fo.id()).status() == FulfillmentOrder.FulfillmentOrderStatus.PACKED) {
                e.fulfillment().readyForPickup(fo.id(), run.key("ready"));
            }
        });
        if (run.done(COLLECTED)) {
            run.once("handover", () -> e.fulfillment().pickedUp(fo.id(), run.key("handover")));
            money.settle(run, fo.orderId());
            money.completeIfDone(run, fo.orderId());
        } else if (run.done(EXPIRED)) {
            run.once("expire", () -> e.fulfillment().expirePickup(fo.id(), run.key("expire")));
            FulfillmentOrder expired = e.fulfillment().load(fo.id());
            for (FulfillmentLine line : expired.lines()) {
                if (line.cancelled().isPositive()) {
                    String name = "cancel:" + line.lineId();
                    run.once(name, () -> {
                        try {
                            e.orders().handle(fo.orderId(), new OrderCommand.CancelLine(line.lineId(), line.cancelled(),
                                    CancelReason.CUSTOMER_REQUEST, "not collected in time"), run.key(name));
                            return ProcessStep.done(name);
                        } catch (OmsException routedMeanwhile) {
                            return new ProcessStep(name, List.of(), Optional.empty(), "not cancelled: "
                                    + routedMeanwhile.getMessage());
                        }
                    });
                }
            }
            money.settle(run, fo.orderId());
            money.completeIfDone(run, fo.orderId());
        } else {
            run.park(WaitReason.COLLECTION, e.policy().pickupAfter().map(d -> run.record().startedAt().plus(d)));
        }
    }
}
