package dev.oms.fulfillment.internal;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderService;
import dev.oms.fulfillment.FulfillmentDecider.FulfillmentRuleException;
import dev.oms.fulfillment.FulfillmentService;
import dev.oms.inventory.InventoryService;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentLine;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What fulfilment steps change in the other modules: units a fulfilment order gives up go back to
 * stock and to unallocated on the order; units a pickup hands over are committed in stock and
 * shipped and delivered on the order. Every call is idempotent by keys derived from the step's.
 */
public final class Units {
    private final FulfillmentStore store;
    private final OrderService orders;
    private final InventoryService inventory;

    /**
     * @param store fulfilment orders
     * @param orders the order service
     * @param inventory the reservation engine
     */
    public Units(FulfillmentStore store, OrderService orders, InventoryService inventory) {
        this.store = store;
        this.orders = orders;
        this.inventory = inventory;
    }

    /**
     * Releases cancelled units of a fulfilment order from its reservation and deallocates them on
     * the order (see {@link FulfillmentService#cancelUnits}).
     *
     * @param after the fulfilment order after the cancellation
     * @param lines the units cancelled
     * @param key the step's key
     */
    public void cancelled(FulfillmentOrder after, List<LineQuantity> lines, CommandKey key) {
        // a closed reservation the retention purge deleted holds nothing
        Optional<Reservation> reservation = inventory.findReservation(after.reservationId());
        for (LineQuantity lq : lines) {
            long held = reservation.stream().flatMap(r -> r.linesOf(lq.lineId()).stream())
                    .filter(l -> l.position().location().equals(after.location())).mapToLong(l -> l.held().value())
                    .sum();
            // the request must be the same on a repeat after a crash (whose first run may already
            // have released these units, so less is held now): the units cancelled, not what is held
            if (held > 0 && reservation.get().status().isActive()) {
                inventory.release(after.reservationId(), lq.lineId(), lq.quantity(), FulfillmentSteps.derived(key,
                        "release:"
                        + lq.lineId()));
            }
        }
        orders.handle(after.orderId(), new OrderCommand.Deallocate(after.location(), lines),
                FulfillmentSteps.derived(key, "deallocate"));
    }

    /**
     * See {@link FulfillmentService#recordHandover}.
     *
     * @param fo the picked-up fulfilment order
     * @param key the idempotency key
     * @return the order after it
     */
    public Order recordHandover(FulfillmentOrder fo, CommandKey key) {
        InvalidInputException.requireNonNull(fo, "fo");
        ShipmentId handover = handoverId(fo);
        List<LineQuantity> lines = handedOver(fo);
        Reference ref = Reference.of(Reference.Type.SHIPMENT, handover.value());
        for (LineQuantity lq : lines) {
            inventory.commit(fo.reservationId(), lq.lineId(), fo.location(), lq.quantity(), ref,
                    FulfillmentSteps.derived(key, "commit:" + lq.lineId()));
        }
        orders.handle(fo.orderId(), new OrderCommand.Ship(handover, lines), FulfillmentSteps.derived(key,
                "order-ship"));
        return orders.handle(fo.orderId(), new OrderCommand.Deliver(handover, lines), FulfillmentSteps.derived(key,
                "order-deliver"))
                .order();
    }

    public void returnToUnallocated(FulfillmentOrder fo, CommandKey key) {
        if (inventory.findReservation(fo.reservationId()).isPresent()) { // a purged one was closed long ago
            inventory.release(fo.reservationId(), FulfillmentSteps.derived(key, "release"));
        }
        List<LineQuantity> back = new ArrayList<>();
        for (FulfillmentLine line : fo.lines()) {
            if (line.cancelled().isPositive()) {
                back.add(new LineQuantity(line.lineId(), line.cancelled()));
            }
        }
        if (!back.isEmpty()) {
            orders.handle(fo.orderId(), new OrderCommand.Deallocate(fo.location(), back),
                    FulfillmentSteps.derived(key, "deallocate"));
        }
    }

    private List<LineQuantity> handedOver(FulfillmentOrder fo) {
        List<LineQuantity> lines = new ArrayList<>();
        for (FulfillmentEvent e : store.events(fo.id())) {
            if (e instanceof FulfillmentEvent.PickedUp p) {
                lines.addAll(p.lines());
            }
        }
        if (lines.isEmpty()) {
            throw new FulfillmentRuleException(fo.id(), "pickup-when-ready", "it was not picked up");
        }
        return lines;
    }

    public static ShipmentId handoverId(FulfillmentOrder fo) {
        return ShipmentId.of("pickup-" + fo.id().value());
    }
}
