package dev.oms.fulfillment;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.core.internal.shared.ShippedValue;
import dev.oms.fulfillment.PickList.BinLocator;
import dev.oms.fulfillment.internal.FulfillmentSteps;
import dev.oms.fulfillment.internal.Shipping;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReservationOutcome.LineShortfall;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CommandKeyConflictException;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.OrderOnHoldException;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentChange;
import dev.oms.spi.fulfillment.FulfillmentConflictException;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentKind;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentLine;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.ServiceLevel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fulfilment orders from routing plans, through picking, packing, shipping, tracking and
 * delivery (or pickup), keeping inventory, the order and payment in step.
 *
 * <p>Every change of a fulfilment order is decided by the pure {@link FulfillmentDecider} and
 * saved with its events (the fulfilment outbox) and the step's key in one atomic write.
 *
 * <ul>
 *   <li>{@link #createFromPlan}: per planned location, reserves exactly those units there (all
 *       or nothing), allocates them on the order, then creates the fulfilment order. A location
 *       whose stock changed since routing is reported, not silently skipped.</li>
 *   <li>{@link #ship}: {@link #dispatch} (the label from the {@link CarrierGateway}, then the
 *       parcel saved with the fulfilment order), {@link #recordDispatch} (stock committed, the
 *       shipment recorded on the order) and, if payments are wired, a capture of exactly the
 *       value this parcel added to what has shipped ({@link ShippedValue}), never more than is
 *       still authorised. Captures of all parcels add up to the grand total at most, whatever
 *       other captures did or did not get recorded.</li>
 *   <li>{@link #applyTracking}: idempotent by update id; an update older than the latest one
 *       applied is recorded but never overrides it; delivery records the delivered units on the
 *       order at the carrier's time, also when the same update comes again after a crash.</li>
 *   <li>{@link #cancel} and {@link #cancelUnits}: the whole fulfilment order or some of its open
 *       units; their stock is released and the units go back to unallocated on the order.</li>
 * </ul>
 *
 * <p><b>Cross-module guards.</b> Picking, packing, making ready for pickup, handing over and
 * shipping are refused ({@link FulfillmentRuleException}, rules {@code order-must-be-live} and
 * {@code order-on-hold}) when the order is cancelled, completed or on hold, checked before any
 * carrier or payment call.
 *
 * <p>Steps across stores use keys derived from the caller's, so repeating an operation with the
 * same key after a crash replays what finished and completes the rest. Thread-safe.
 */
public final class FulfillmentService {
    private static final Logger LOG = LoggerFactory.getLogger(FulfillmentService.class);

    private final OrderService orders;
    private final InventoryService inventory;
    private final FulfillmentStore store;
    private final CarrierGateway carrier;
    private final Optional<OrderPayments> payments;
    private final BinLocator bins;
    private final Clock clock;
    private final FulfillmentDecider decider;
    private final FulfillmentSteps steps;
    private final Shipping shipping;

    private FulfillmentService(Builder b) {
        this.orders = b.orders;
        this.inventory = b.inventory;
        this.store = b.store;
        this.carrier = b.carrier;
        this.payments = Optional.ofNullable(b.payments);
        this.bins = b.bins;
        this.clock = b.clock;
        this.decider = new FulfillmentDecider(b.clock, b.ids);
        this.steps = new FulfillmentSteps(store, decider, orders);
        this.shipping = new Shipping(steps, store, decider, orders, inventory, carrier, clock);
    }

    /**
     * @param orders the order service
     * @param inventory the inventory service
     * @param store where fulfilment orders live
     * @param carrier the host's carriers
     * @return a builder (no payment capture, bins unassigned, system clock, random ids)
     */
    public static Builder builder(OrderService orders, InventoryService inventory, FulfillmentStore store,
            CarrierGateway carrier) {
        return new Builder(orders, inventory, store, carrier);
    }

    /** @return the pure core, for replays and property tests */
    public FulfillmentDecider decider() {
        return decider;
    }

    /**
     * What {@link #createFromPlan} did.
     *
     * @param created the fulfilment orders, one per planned location that could reserve
     * @param notReserved lines of planned locations whose stock changed since routing
     */
    public record Created(List<FulfillmentOrder> created, List<LineShortfall> notReserved) {
        /** Copies the lists. */
        public Created {
            created = List.copyOf(created);
            notReserved = List.copyOf(notReserved);
        }
    }

    // ------------------------------------------------------------------ reads

    /**
     * @param id a fulfilment order id
     * @return the fulfilment order
     * @throws InvalidInputException if there is none
     */
    public FulfillmentOrder load(FulfillmentOrderId id) {
        return steps.load(id);
    }

    /**
     * @param orderId an order
     * @return its fulfilment orders, oldest first
     */
    public List<FulfillmentOrder> ofOrder(OrderId orderId) {
        return store.ofOrder(InvalidInputException.requireNonNull(orderId, "orderId"));
    }

    /**
     * @param id a shipment
     * @return it, if saved (for tracking links in customer messages, say)
     */
    public Optional<Shipment> shipment(ShipmentId id) {
        return store.shipment(InvalidInputException.requireNonNull(id, "id"));
    }

    /**
     * @param trackingNumber a carrier's tracking number
     * @return the shipment with it
     * @throws InvalidInputException if no shipment has it
     */
    public Shipment shipmentByTracking(String trackingNumber) {
        return store.shipmentByTracking(InvalidInputException.requireNonNull(trackingNumber, "trackingNumber"))
                .orElseThrow(() -> new InvalidInputException("trackingNumber", "no shipment has tracking number "
                        + trackingNumber));
    }

    /**
     * @param id a fulfilment order
     * @return its shipments, oldest first
     */
    public List<Shipment> shipmentsOf(FulfillmentOrderId id) {
        return store.shipmentsOf(InvalidInputException.requireNonNull(id, "id"));
    }

    /**
     * @param id a fulfilment order
     * @return its events, oldest first
     */
    public List<FulfillmentEvent> history(FulfillmentOrderId id) {
        return store.events(InvalidInputException.requireNonNull(id, "id"));
    }

    /**
     * Erases the personal data of an order from its fulfilment orders: every hold reason and
     * cancellation reason becomes empty, in each snapshot and in each one's history (rewritten in
     * place with their outbox entries, in the save that records a
     * {@link FulfillmentEvent.PersonalDataErased}). Status, lines, parcels and the history's events
     * are kept. A fulfilment order with nothing to erase is left as it is, so a repeat changes
     * nothing. The order flow calls it for orders that ended, as part of its erasure.
     *
     * @param orderId the order
     * @param key the idempotency key (a step per fulfilment order is derived from it)
     * @return the order's fulfilment orders, erased
     */
    public List<FulfillmentOrder> erasePersonalData(OrderId orderId, CommandKey key) {
        InvalidInputException.requireNonNull(orderId, "orderId");
        InvalidInputException.requireNonNull(key, "key");
        List<FulfillmentOrder> erased = new ArrayList<>();
        for (FulfillmentOrder fo : store.ofOrder(orderId)) {
            boolean holds = PersonalData.holdsPersonalData(fo, PersonalData::erased, store.events(fo.id()),
                    PersonalData::erased);
            erased.add(holds ? steps.change(fo.id(), key, "erase:" + fo.id(), "", false,
                    current -> new FulfillmentCommand.ErasePersonalData()) : fo);
        }
        return erased;
    }

    // ------------------------------------------------------------------ creation

    /**
     * Creates a fulfilment order per planned location: reserves its units there (all or nothing),
     * allocates them on the order, then creates the fulfilment order.
     *
     * @param orderId the order the plan is for
     * @param plan the routing plan
     * @param key the idempotency key
     * @return the fulfilment orders and what could not be reserved
     * @throws RuleViolationException ({@code order-must-be-live}) if the order is not confirmed
     *     or processing; nothing changed
     * @throws OrderOnHoldException if the order is on hold; nothing changed
     */
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

    /**
     * Creates the fulfilment order for units already reserved at a location: allocates them on
     * the order, then saves the fulfilment order with its {@code Created} event. If the order
     * refuses the allocation (cancelled or on hold meanwhile), the reservation is released and
     * the refusal thrown, so no stock stays held for units the order did not allocate.
     *
     * @param orderId the order
     * @param location the fulfilling location
     * @param lines units per order line
     * @param reservationId the reservation that holds them at the location
     * @param key the idempotency key; the fulfilment order's id is derived from it
     * @return the fulfilment order
     * @throws RuleViolationException ({@code fulfil-held-units}) if the reservation is not active
     *     or holds fewer of the units at the location; nothing changed
     */
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
            order = orders.handle(orderId, new OrderCommand.Allocate(location, lines), FulfillmentSteps.derived(key, "allocate")).order();
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
            return load(id); // created by a concurrent repeat of the same step
        }
        LOG.debug("fulfilment order {} for order {} at {}: {} units", id, orderId, location, fo.openUnits());
        return fo;
    }

    /**
     * Routes the order's unallocated units and creates fulfilment orders for them.
     *
     * @param orderId the order
     * @param router the router
     * @param request how to route (usually {@code RoutingRequest.forOrder(order)}, with a ship-by)
     * @param key the idempotency key
     * @return what was created; the plan's unrouted units stay unallocated on the order
     */
    public Created routeAndCreate(OrderId orderId, Router router, RoutingRequest request, CommandKey key) {
        InvalidInputException.requireNonNull(router, "router");
        return createFromPlan(orderId, router.route(request), key);
    }

    /** The id of the fulfilment order a creation step makes: derived from its key, so a repeat finds it. */
    private static FulfillmentOrderId fulfillmentOrderId(CommandKey key) {
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

    // ------------------------------------------------------------------ warehouse steps

    /**
     * @param id the fulfilment order
     * @param key the idempotency key
     * @return it, picking
     * @throws FulfillmentRuleException if it is not created, on hold, or its order is not live or on hold
     */
    public FulfillmentOrder startPicking(FulfillmentOrderId id, CommandKey key) {
        return steps.change(id, key, "pick", "", true, fo -> new FulfillmentCommand.StartPicking());
    }

    /**
     * @param id the fulfilment order
     * @param key the idempotency key
     * @return it, packed (pickup orders wait for {@link #readyForPickup})
     */
    public FulfillmentOrder pack(FulfillmentOrderId id, CommandKey key) {
        return steps.change(id, key, "pack", "", true, fo -> new FulfillmentCommand.Pack());
    }

    /**
     * Puts a fulfilment order on hold; picking, packing and shipping stop until it is released.
     *
     * @param id the fulfilment order
     * @param code names the hold (unique among its active holds)
     * @param reason why
     * @param key the idempotency key
     * @return it, with the hold
     */
    public FulfillmentOrder placeHold(FulfillmentOrderId id, String code, String reason, CommandKey key) {
        FulfillmentCommand.PlaceHold hold = new FulfillmentCommand.PlaceHold(code, reason);
        return steps.change(id, key, "hold:" + code, hold, false, fo -> hold);
    }

    /**
     * @param id the fulfilment order
     * @param code the hold
     * @param key the idempotency key
     * @return it, without the hold
     */
    public FulfillmentOrder releaseHold(FulfillmentOrderId id, String code, CommandKey key) {
        FulfillmentCommand.ReleaseHold release = new FulfillmentCommand.ReleaseHold(code);
        return steps.change(id, key, "release:" + code, release, false, fo -> release);
    }

    /**
     * @param id a packed pickup order
     * @param key the idempotency key
     * @return it, ready for pickup
     */
    public FulfillmentOrder readyForPickup(FulfillmentOrderId id, CommandKey key) {
        return steps.change(id, key, "ready", "", true, fo -> new FulfillmentCommand.MarkReadyForPickup());
    }

    // ------------------------------------------------------------------ shipping

    /**
     * Ships units of a packed fulfilment order (all or some of them): {@link #dispatch}, then
     * {@link #recordDispatch}, then (if payments are wired) a capture of the value this parcel
     * added ({@link ShippedValue}), never more than is still authorised and uncaptured.
     *
     * @param id the fulfilment order
     * @param lines units per order line, at most what is open
     * @param key the idempotency key (also makes the label purchase idempotent)
     * @return the shipment
     * @throws FulfillmentRuleException if it is not packed, on hold, the units exceed what is
     *     open, or the order is not live or on hold
     * @throws LabelFailedException if the carrier refused the label; nothing changed
     */
    public Shipment ship(FulfillmentOrderId id, List<LineQuantity> lines, CommandKey key) {
        Shipment shipment = dispatch(id, lines, key);
        recordDispatch(shipment.id(), key);
        payments.ifPresent(p -> shipping.captureValueOf(shipment.orderId(), shipment.id(), p, FulfillmentSteps.derived(key, "capture")));
        return shipment;
    }

    /**
     * The parcel leaves: checks the order (live, not on hold) and the fulfilment order (packed,
     * not on hold, the units open) before buying the label, then saves the parcel with the
     * fulfilment order and its {@code Shipped} event. A repeat with the same key returns the
     * parcel already saved.
     *
     * @param id the fulfilment order
     * @param lines units per order line
     * @param key the idempotency key; the shipment's id is derived from it
     * @return the shipment
     * @throws FulfillmentRuleException if a rule refuses; nothing changed and no label was bought
     * @throws LabelFailedException if the carrier refused the label; nothing changed
     */
    public Shipment dispatch(FulfillmentOrderId id, List<LineQuantity> lines, CommandKey key) {
        return shipping.dispatch(id, lines, key);
    }

    /**
     * Records a saved parcel in the other modules: commits its units in inventory and records the
     * shipment on the order. Each step is idempotent by a key derived from the caller's.
     *
     * @param shipmentId the parcel
     * @param key the idempotency key
     * @return the order after the shipment
     */
    public Order recordDispatch(ShipmentId shipmentId, CommandKey key) {
        return shipping.recordDispatch(shipmentId, key);
    }

    /**
     * Applies a carrier's tracking update: idempotent by update id, never letting an older update
     * override a newer one. Delivery records the delivered units on the order at the carrier's
     * time; a repeat of an update already applied records what a crash may have left out.
     *
     * @param update the update
     * @return the shipment after it
     * @throws InvalidInputException if no shipment has the tracking number
     */
    public Shipment applyTracking(TrackingUpdate update) {
        return shipping.applyTracking(update);
    }

    // ------------------------------------------------------------------ cancellation

    /**
     * Cancels a fulfilment order before anything shipped: its reservation is released and its
     * units go back to unallocated on the order, to be routed again or cancelled.
     *
     * @param id the fulfilment order
     * @param key the idempotency key
     * @return it, cancelled
     * @throws FulfillmentRuleException if something already shipped
     */
    public FulfillmentOrder cancel(FulfillmentOrderId id, CommandKey key) {
        FulfillmentOrder cancelled = steps.change(id, key, "cancel", "", false, fo -> new FulfillmentCommand.Cancel(""));
        returnToUnallocated(cancelled, key);
        return cancelled;
    }

    /**
     * Cancels some open units of a fulfilment order (a customer's partial cancellation, an edit
     * that lowers a quantity): releases as many from its reservation and deallocates them on the
     * order. Cancelling every open unit of one that shipped nothing cancels it; of one that
     * shipped some, leaves it where its parcels are.
     *
     * @param id the fulfilment order
     * @param lines units per order line, at most what is open
     * @param reason why
     * @param key the idempotency key
     * @return it, after the cancellation
     * @throws FulfillmentRuleException if the units are not open here ({@code cancel-within-open})
     */
    public FulfillmentOrder cancelUnits(FulfillmentOrderId id, List<LineQuantity> lines, String reason,
            CommandKey key) {
        InvalidInputException.requireNonNull(lines, "lines");
        InvalidInputException.requireNonNull(reason, "reason");
        FulfillmentOrder after = steps.change(id, key, "cancel-units", List.of(lines, reason), false,
                fo -> new FulfillmentCommand.CancelUnits(lines, reason, store.shipmentsOf(fo.id())));
        // a closed reservation the retention purge deleted holds nothing
        Optional<Reservation> reservation = inventory.findReservation(after.reservationId());
        for (LineQuantity lq : lines) {
            long held = reservation.stream().flatMap(r -> r.linesOf(lq.lineId()).stream())
                    .filter(l -> l.position().location().equals(after.location())).mapToLong(l -> l.held().value())
                    .sum();
            // the request must be the same on a repeat after a crash (whose first run may already
            // have released these units, so less is held now): the units cancelled, not what is held
            if (held > 0 && reservation.get().status().isActive()) {
                inventory.release(after.reservationId(), lq.lineId(), lq.quantity(), FulfillmentSteps.derived(key, "release:"
                        + lq.lineId()));
            }
        }
        orders.handle(after.orderId(), new OrderCommand.Deallocate(after.location(), lines), FulfillmentSteps.derived(key, "deallocate"));
        return after;
    }

    private void returnToUnallocated(FulfillmentOrder fo, CommandKey key) {
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
            orders.handle(fo.orderId(), new OrderCommand.Deallocate(fo.location(), back), FulfillmentSteps.derived(key, "deallocate"));
        }
    }

    // ------------------------------------------------------------------ pickup

    /**
     * The customer collected a pickup order: stock is committed, the order records the units as
     * shipped and delivered, and (if wired) the value handed over is captured.
     *
     * @param id the pickup order
     * @param key the idempotency key
     * @return it, picked up
     */
    public FulfillmentOrder pickedUp(FulfillmentOrderId id, CommandKey key) {
        FulfillmentOrder after = steps.change(id, key, "picked-up", "", true, fo -> new FulfillmentCommand.PickUp());
        recordHandover(after, key);
        payments.ifPresent(p -> shipping.captureValueOf(after.orderId(), handoverId(after), p, FulfillmentSteps.derived(key, "capture")));
        return after;
    }

    /**
     * Records a handed-over pickup order in the other modules: stock committed, the units shipped
     * and delivered on the order. Idempotent by keys derived from the caller's.
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
        orders.handle(fo.orderId(), new OrderCommand.Ship(handover, lines), FulfillmentSteps.derived(key, "order-ship"));
        return orders.handle(fo.orderId(), new OrderCommand.Deliver(handover, lines), FulfillmentSteps.derived(key, "order-deliver"))
                .order();
    }

    /** The units a pickup order handed over, from its {@code PickedUp} event. */
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

    /** The shipment id the order records a handover under. */
    private static ShipmentId handoverId(FulfillmentOrder fo) {
        return ShipmentId.of("pickup-" + fo.id().value());
    }

    /**
     * Nobody collected a pickup order in time: the units go back to stock (the reservation is
     * released) and back to unallocated on the order.
     *
     * @param id the pickup order
     * @param key the idempotency key
     * @return it, expired
     */
    public FulfillmentOrder expirePickup(FulfillmentOrderId id, CommandKey key) {
        FulfillmentOrder expired = steps.change(id, key, "expire", "", false, fo -> new FulfillmentCommand.ExpirePickup());
        returnToUnallocated(expired, key);
        return expired;
    }

    /**
     * The batch pick list of a location: its fulfilment orders that are created or picking and
     * not on hold, grouped by bin and SKU, in bin then SKU order.
     *
     * @param location the location
     * @return the pick list
     */
    public PickList pickList(LocationId location) {
        Map<String, Map<String, List<PickList.OrderPick>>> byBinAndSku = new TreeMap<>();
        Map<String, dev.oms.spi.Sku> skus = new LinkedHashMap<>();
        for (FulfillmentOrder fo : store.openAt(location)) {
            if (!fo.holds().isEmpty() || (fo.status() != FulfillmentOrderStatus.CREATED
                    && fo.status() != FulfillmentOrderStatus.PICKING)) {
                continue;
            }
            for (FulfillmentLine line : fo.lines()) {
                if (line.open().isPositive()) {
                    skus.put(line.sku().value(), line.sku());
                    byBinAndSku.computeIfAbsent(bins.binOf(location, line.sku()), b -> new TreeMap<>())
                            .computeIfAbsent(line.sku().value(), s -> new ArrayList<>())
                            .add(new PickList.OrderPick(fo.id(), line.open().value()));
                }
            }
        }
        List<PickList.Pick> picks = new ArrayList<>();
        byBinAndSku.forEach((bin, bySku) -> bySku.forEach((sku, perOrder) -> picks.add(new PickList.Pick(bin,
                skus.get(sku), perOrder.stream().mapToLong(PickList.OrderPick::units).sum(), perOrder))));
        return new PickList(location, picks);
    }


    /** Configures a {@link FulfillmentService}. Not thread-safe; build once and share the service. */
    public static final class Builder {
        private final OrderService orders;
        private final InventoryService inventory;
        private final FulfillmentStore store;
        private final CarrierGateway carrier;
        private OrderPayments payments;
        private BinLocator bins = BinLocator.unassigned();
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids = IdGenerator.randomUuids();

        private Builder(OrderService orders, InventoryService inventory, FulfillmentStore store,
                CarrierGateway carrier) {
            this.orders = InvalidInputException.requireNonNull(orders, "orders");
            this.inventory = InvalidInputException.requireNonNull(inventory, "inventory");
            this.store = InvalidInputException.requireNonNull(store, "store");
            this.carrier = InvalidInputException.requireNonNull(carrier, "carrier");
        }

        /** @param value captures payment per shipment through it @return this builder */
        public Builder payments(OrderPayments value) {
            this.payments = InvalidInputException.requireNonNull(value, "payments");
            return this;
        }

        /** @param value where SKUs are stored, for pick lists @return this builder */
        public Builder bins(BinLocator value) {
            this.bins = InvalidInputException.requireNonNull(value, "bins");
            return this;
        }

        /** @param value where time comes from @return this builder */
        public Builder clock(Clock value) {
            this.clock = InvalidInputException.requireNonNull(value, "clock");
            return this;
        }

        /** @param value where ids come from @return this builder */
        public Builder ids(IdGenerator value) {
            this.ids = InvalidInputException.requireNonNull(value, "ids");
            return this;
        }

        /** @return the service */
        public FulfillmentService build() {
            return new FulfillmentService(this);
        }
    }
}
