package dev.oms.fulfillment;

import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.fulfillment.FulfillmentDecider.FulfillmentRuleException;
import dev.oms.fulfillment.FulfillmentDecider.LabelFailedException;
import dev.oms.fulfillment.PickList.BinLocator;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.fulfillment.internal.Creation;
import dev.oms.fulfillment.internal.FulfillmentSteps;
import dev.oms.fulfillment.internal.PickLists;
import dev.oms.fulfillment.internal.Shipping;
import dev.oms.fulfillment.internal.Units;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReservationOutcome.LineShortfall;
import dev.oms.spi.CommandKey;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReservationId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.RuleViolationException.OrderOnHoldException;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 *       value this parcel added to what has shipped (what the shipped units are worth), never more than is
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
    private final Creation creation;
    private final Units units;

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
        this.creation = new Creation(steps, store, decider, orders, inventory, clock);
        this.units = new Units(store, orders, inventory);
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
        return creation.createFromPlan(orderId, plan, key);
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
        return creation.create(orderId, location, lines, reservationId, key);
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
     * added (what the shipped units are worth), never more than is still authorised and uncaptured.
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
        units.returnToUnallocated(cancelled, key);
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
        units.cancelled(after, lines, key);
        return after;
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
        payments.ifPresent(p -> shipping.captureValueOf(after.orderId(), Units.handoverId(after), p,
                FulfillmentSteps.derived(key, "capture")));
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
        return units.recordHandover(fo, key);
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
        units.returnToUnallocated(expired, key);
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
        return PickLists.pickList(store, bins, location);
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
