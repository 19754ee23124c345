package dev.oms.flow.internal;

import dev.oms.core.OrderCommand;
import dev.oms.spi.OmsException;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.process.ProcessInput;
import java.util.EnumSet;
import java.util.Set;

/**
 * A hold on an order and on its open fulfilment orders. Placing holds the fulfilment orders
 * first (their versions serialise with shipping, so a parcel either left before or does not
 * leave), then the order; releasing goes the other way round, then wakes the order's waiting
 * processes.
 */
final class HoldScript implements Script {
    private static final Set<FulfillmentOrderStatus> OPEN = EnumSet.of(FulfillmentOrderStatus.CREATED,
            FulfillmentOrderStatus.PICKING, FulfillmentOrderStatus.PACKED, FulfillmentOrderStatus.READY_FOR_PICKUP,
            FulfillmentOrderStatus.PARTIALLY_SHIPPED);

    private final Engines e;

    HoldScript(Engines engines) {
        this.e = engines;
    }

    @Override
    public void run(Run run) {
        ProcessInput.ChangeHold input = (ProcessInput.ChangeHold) run.record().input();
        run.orderIs(input.orderId());
        String code = input.type() + "-" + input.code();
        if (!input.release()) {
            holdEverywhere(e, run, "", input.orderId(), input.type(), input.code(), input.text());
        } else {
            run.once("order", () -> e.orders().handle(input.orderId(), new OrderCommand.ReleaseHold(input.type(),
                    input.code(), input.text()), run.key("order")));
            for (FulfillmentOrder fo : e.fulfillment().ofOrder(input.orderId())) {
                if (fo.holds().stream().anyMatch(h -> h.code().equals(code))) {
                    run.once("release:" + fo.id(), () -> quietly(() -> e.fulfillment().releaseHold(fo.id(), code,
                            run.key("release:" + fo.id()))));
                }
            }
        }
    }

    /**
     * Places a hold on the order's open fulfilment orders first, then on the order, each a step of
     * the process (named after {@code prefix}), the way a release by {@code releaseHold} or
     * {@code approve} takes it off again.
     */
    static void holdEverywhere(Engines e, Run run, String prefix, dev.oms.spi.OrderId orderId,
            dev.oms.spi.order.Order.HoldType type, String holdCode, String text) {
        String code = type + "-" + holdCode;
        for (FulfillmentOrder fo : e.fulfillment().ofOrder(orderId)) {
            if (OPEN.contains(fo.status())) {
                String name = prefix + "hold:" + fo.id();
                run.once(name, () -> quietly(() -> e.fulfillment().placeHold(fo.id(), code, text, run.key(name))));
            }
        }
        String name = prefix + "order";
        run.once(name, () -> e.orders().handle(orderId, new OrderCommand.PlaceHold(type, holdCode, text),
                run.key(name)));
    }

    /** A fulfilment order that shipped or ended meanwhile takes no hold: nothing to stop there. */
    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (OmsException endedMeanwhile) {
            // nothing left to hold or release there
        }
    }
}
