package dev.oms.fulfillment.internal;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderService;
import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.fulfillment.FulfillmentDecider;
import dev.oms.fulfillment.FulfillmentService;
import dev.oms.fulfillment.FulfillmentService.Created;
import dev.oms.fulfillment.FulfillmentTransitions;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReservationOutcome.LineShortfall;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.spi.CommandKey;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.RuleViolationException.OrderOnHoldException;
import dev.oms.spi.StaleVersionException.FulfillmentConflictException;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentKind;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentLine;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.fulfillment.FulfillmentStore.FulfillmentChange;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.ServiceLevel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creating fulfilment orders: per planned location, reserve the units there (all or nothing),
 * allocate them on the order, then save the fulfilment order, each step once per derived key.
 */
public final class Creation {
    private static final Logger LOG = LoggerFactory.getLogger(FulfillmentService.class);

    private final FulfillmentSteps steps;
    private final FulfillmentStore store;
    private final FulfillmentDecider decider;
    private final OrderService orders;
    private final InventoryService inventory;
    private final Clock clock;

    /**
     * @param steps the keyed steps
     * @param store fulfilment orders
     * @param decider the fulfilment decider
     * @param orders the order service
     * @param inventory the reservation engine
     * @param clock creation times
     */
    public Creation(FulfillmentSteps steps, FulfillmentStore store, FulfillmentDecider decider, OrderService orders,
            InventoryService inventory, Clock clock) {
        this.steps = steps;
        this.store = store;
        this.decider = decider;
        this.orders = orders;
        this.inventory = inventory;
        this.clock = clock;
    }

    public Created createFromPlan(OrderId orderId, RoutingPlan plan, CommandKey key) {
        InvalidInputException.requireNonNull(plan, "plan");
        InvalidInputException.requireNonNull(key, "key");
        Order order = orders.load(orderId);
        List<FulfillmentOrder> created = new ArrayList<>();
        List<LineShortfall> notReserved = new ArrayList<>();
        for (RoutingPlan.Shipment planned : plan.shipments()) {
            LocationId location = planned.location();
            CommandKey at = FulfillmentSteps.derived(key, "at:" + location);
            Optional<FulfillmentOrder> done = store.load(fulfillmentOrderId(at));
            if (done.isPresent()) {
                created.add(done.get());
                continue;
            }
            requireAllocatable(order);
            List<ReserveLine> lines = new ArrayList<>();
            for (LineQuantity lq : planned.lines()) {
                OrderLine line = order.requireLine(lq.lineId());
                lines.add(new ReserveLine(lq.lineId(), line.sku(), location, lq.quantity()));
            }
            ReservationOutcome outcome = inventory.reserve(new ReserveRequest(orderId, lines,
                    ReservePolicy.ALL_OR_NOTHING, Optional.empty(), 0), FulfillmentSteps.derived(at, "reserve"));
            if (outcome.reservation().isEmpty()) {
                notReserved.addAll(outcome.shortfalls());
                continue;
            }
            created.add(create(orderId, location, planned.lines(), outcome.reservation().get().id(), at));
        }
        return new Created(created, notReserved);
    }

    public FulfillmentOrder create(OrderId orderId, LocationId location, List<LineQuantity> lines,
            ReservationId reservationId, CommandKey key) {
        InvalidInputException.requireNonNull(location, "location");
        InvalidInputException.requireNonNull(lines, "lines");
        InvalidInputException.requireNonNull(reservationId, "reservationId");
        InvalidInputException.requireNonNull(key, "key");
        FulfillmentOrderId id = fulfillmentOrderId(key);
        Optional<FulfillmentOrder> done = store.load(id);
        if (done.isPresent()) {
            return done.get();
        }
        Order order = orders.load(orderId);
        Reservation held = inventory.reservation(reservationId);
        for (LineQuantity lq : lines) {
            long at = held.linesOf(lq.lineId()).stream().filter(l -> l.position().location().equals(location))
                    .mapToLong(l -> l.held().value()).sum();
            if (!held.status().isActive() || at < lq.quantity().value()) {
                throw new RuleViolationException(orderId, "fulfil-held-units", "reservation " + reservationId + " ("
                        + held.status() + ") holds " + at + " of line " + lq.lineId() + " at " + location + ", not "
                        + lq.quantity());
            }
        }
        try {
            order = orders.handle(orderId, new OrderCommand.Allocate(location, lines), FulfillmentSteps.derived(key,
                    "allocate")).order();
        } catch (dev.oms.spi.OmsException refused) {
            inventory.release(reservationId, FulfillmentSteps.derived(key, "release-unallocated"));
            throw refused;
        }
        List<FulfillmentLine> foLines = new ArrayList<>();
        for (LineQuantity lq : lines) {
            foLines.add(new FulfillmentLine(lq.lineId(), order.requireLine(lq.lineId()).sku(), lq.quantity(),
                    Quantity.ZERO, Quantity.ZERO));
        }
        ServiceLevel level = order.header().serviceLevel();
        FulfillmentOrder fo = new FulfillmentOrder(id, orderId, location,
                level == ServiceLevel.PICKUP_IN_STORE ? FulfillmentKind.PICKUP : FulfillmentKind.DELIVERY,
                FulfillmentTransitions.initialStatus(), foLines, List.of(), reservationId,
                level == ServiceLevel.STANDARD ? 0 : 10, Optional.empty(), clock.instant(), 1);
        FulfillmentEvent.Created event = decider.create(fo);
        try {
            store.save(new FulfillmentChange(fo, 0, List.of(event), Optional.empty(),
                    Optional.of(FulfillmentSteps.record(FulfillmentSteps.derived(key, "create"), lines, fo))));
        } catch (FulfillmentConflictException | CommandKeyConflictException raced) {
            return steps.load(id); // created by a concurrent repeat of the same step
        }
        LOG.debug("fulfilment order {} for order {} at {}: {} units", id, orderId, location, fo.openUnits());
        return fo;
    }

    public static FulfillmentOrderId fulfillmentOrderId(CommandKey key) {
        return FulfillmentOrderId.of("fo-" + CommandFingerprint.ofKey(key).substring(0, 24));
    }

    private static void requireAllocatable(Order order) {
        if (order.status() != OrderStatus.CONFIRMED && order.status() != OrderStatus.PROCESSING) {
            throw new RuleViolationException(order.id(), "order-must-be-live", "it is " + order.status()
                    + ", so nothing is routed or reserved for it");
        }
        if (order.isOnHold()) {
            throw new OrderOnHoldException(order.id(), order.holds());
        }
    }
}
