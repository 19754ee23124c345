package dev.oms.fulfillment;

import dev.oms.core.CommandFingerprint;
import dev.oms.core.MoneyAllocation;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.LineShortfall;
import dev.oms.inventory.ReserveLine;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.spi.CommandKey;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.fulfillment.FulfillmentConflictException;
import dev.oms.spi.fulfillment.FulfillmentHold;
import dev.oms.spi.fulfillment.FulfillmentKind;
import dev.oms.spi.fulfillment.FulfillmentLine;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.fulfillment.LabelRequest;
import dev.oms.spi.fulfillment.LabelResult;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.ShipmentStatus;
import dev.oms.spi.fulfillment.TrackingUpdate;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.ReservePolicy;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderLine;
import dev.oms.spi.order.ServiceLevel;
import dev.oms.spi.store.CommandRecord;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import javax.money.MonetaryAmount;

/**
 * Fulfilment orders from routing plans, through picking, packing, shipping, tracking and
 * delivery (or pickup), keeping inventory, the order and payment in step.
 *
 * <ul>
 *   <li>{@link #createFromPlan}: per planned location, reserves exactly those units there (all
 *       or nothing), creates the fulfilment order and allocates the units on the order. A
 *       location whose stock changed since routing is reported, not silently skipped.</li>
 *   <li>{@link #ship}: buys a label from the {@link CarrierGateway}, saves the shipment,
 *       commits the units in inventory, records the shipment on the order and, if payments are
 *       wired, captures the shipped units' share of the order's grand total (never more than is
 *       still authorised). Shares are cumulative per line, so the captures of all shipments sum
 *       exactly to the grand total once everything shipped.</li>
 *   <li>{@link #applyTracking}: idempotent by update id; an update older than the latest one
 *       applied is recorded but never overrides it; delivery records the delivered units on the
 *       order.</li>
 * </ul>
 * Steps across stores use keys derived from the caller's, so repeating an operation with the
 * same key after a crash replays what finished and completes the rest. Thread-safe.
 */
public final class FulfillmentService {
    private static final Set<FulfillmentOrderStatus> BEFORE_SHIPMENT = EnumSet.of(FulfillmentOrderStatus.CREATED,
            FulfillmentOrderStatus.PICKING, FulfillmentOrderStatus.PACKED, FulfillmentOrderStatus.READY_FOR_PICKUP);

    private final OrderService orders;
    private final InventoryService inventory;
    private final FulfillmentStore store;
    private final CarrierGateway carrier;
    private final Optional<OrderPayments> payments;
    private final BinLocator bins;
    private final Clock clock;
    private final IdGenerator ids;

    private FulfillmentService(Builder b) {
        this.orders = b.orders;
        this.inventory = b.inventory;
        this.store = b.store;
        this.carrier = b.carrier;
        this.payments = Optional.ofNullable(b.payments);
        this.bins = b.bins;
        this.clock = b.clock;
        this.ids = b.ids;
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

    /**
     * @param id a fulfilment order id
     * @return the fulfilment order
     * @throws InvalidInputException if there is none
     */
    public FulfillmentOrder load(FulfillmentOrderId id) {
        return store.load(InvalidInputException.requireNonNull(id, "id"))
                .orElseThrow(() -> new InvalidInputException("fulfillmentOrderId", "no fulfilment order " + id));
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
     * @param id a fulfilment order
     * @return its shipments, oldest first
     */
    public List<Shipment> shipmentsOf(FulfillmentOrderId id) {
        return store.shipmentsOf(InvalidInputException.requireNonNull(id, "id"));
    }

    /**
     * Creates a fulfilment order per planned location.
     *
     * @param orderId the order the plan is for
     * @param plan the routing plan
     * @param key the idempotency key
     * @return the fulfilment orders and what could not be reserved
     */
    public Created createFromPlan(OrderId orderId, RoutingPlan plan, CommandKey key) {
        InvalidInputException.requireNonNull(plan, "plan");
        Order order = orders.load(orderId);
        List<FulfillmentOrder> created = new ArrayList<>();
        List<LineShortfall> notReserved = new ArrayList<>();
        for (RoutingPlan.Shipment planned : plan.shipments()) {
            LocationId location = planned.location();
            CommandKey foKey = derived(key, "fo:" + location);
            Optional<CommandRecord> done = store.findCommand(foKey);
            if (done.isPresent()) {
                store.ofOrder(orderId).stream().filter(f -> f.location().equals(location)).findFirst()
                        .ifPresent(created::add);
                continue;
            }
            List<ReserveLine> lines = new ArrayList<>();
            List<FulfillmentLine> foLines = new ArrayList<>();
            for (LineQuantity lq : planned.lines()) {
                OrderLine line = order.requireLine(lq.lineId());
                lines.add(new ReserveLine(lq.lineId(), line.sku(), location, lq.quantity()));
                foLines.add(new FulfillmentLine(lq.lineId(), line.sku(), lq.quantity(), Quantity.ZERO, Quantity.ZERO));
            }
            ReservationOutcome outcome = inventory.reserve(new ReserveRequest(orderId, lines,
                    ReservePolicy.ALL_OR_NOTHING, Optional.empty(), 0), derived(key, "reserve:" + location));
            if (outcome.reservation().isEmpty()) {
                notReserved.addAll(outcome.shortfalls());
                continue;
            }
            boolean pickup = order.header().serviceLevel() == ServiceLevel.PICKUP_IN_STORE;
            int priority = order.header().serviceLevel() == ServiceLevel.STANDARD ? 0 : 10;
            FulfillmentOrder fo = new FulfillmentOrder(FulfillmentOrderId.of("fo-" + ids.newEventId().value()),
                    orderId, location, pickup ? FulfillmentKind.PICKUP : FulfillmentKind.DELIVERY,
                    FulfillmentOrderStatus.CREATED, foLines, List.of(), outcome.reservation().get().id(), priority,
                    Optional.empty(), clock.instant(), 1);
            store.save(fo, 0, Optional.empty(), Optional.of(record(foKey, planned, fo)));
            orders.handle(orderId, new OrderCommand.Allocate(location, planned.lines()), derived(key, "allocate:" + location));
            created.add(fo);
        }
        return new Created(created, notReserved);
    }

    /**
     * Routes the order's unallocated units and creates fulfilment orders for them: after a
     * confirmation, or when stock arrives for units that could not be routed before (backorders).
     *
     * @param orderId the order
     * @param router the router
     * @param request how to route (usually {@code RoutingRequest.forOrder(order)}, with a ship-by)
     * @param key the idempotency key
     * @return what was created, and the plan's unrouted units stay unallocated on the order
     */
    public Created routeAndCreate(OrderId orderId, Router router, RoutingRequest request, CommandKey key) {
        InvalidInputException.requireNonNull(router, "router");
        return createFromPlan(orderId, router.route(request), key);
    }

    /**
     * @param id the fulfilment order
     * @param key the idempotency key
     * @return it, picking
     * @throws FulfillmentRuleException if it is not created, or on hold
     */
    public FulfillmentOrder startPicking(FulfillmentOrderId id, CommandKey key) {
        return transition(id, key, "pick", fo -> {
            requireStatus(fo, "pick-after-creation", FulfillmentOrderStatus.CREATED);
            requireNoHolds(fo);
            return fo.next(FulfillmentOrderStatus.PICKING, fo.lines(), fo.holds());
        });
    }

    /**
     * @param id the fulfilment order
     * @param key the idempotency key
     * @return it, packed (pickup orders wait for {@link #readyForPickup})
     */
    public FulfillmentOrder pack(FulfillmentOrderId id, CommandKey key) {
        return transition(id, key, "pack", fo -> {
            requireStatus(fo, "pack-after-picking", FulfillmentOrderStatus.PICKING);
            requireNoHolds(fo);
            return fo.next(FulfillmentOrderStatus.PACKED, fo.lines(), fo.holds());
        });
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
        return transition(id, key, "hold:" + code, fo -> {
            if (fo.holds().stream().anyMatch(h -> h.code().equals(code))) {
                throw new FulfillmentRuleException(fo.id(), "hold-already-active", "hold " + code + " is active");
            }
            List<FulfillmentHold> holds = new ArrayList<>(fo.holds());
            holds.add(new FulfillmentHold(code, reason, clock.instant()));
            return fo.next(fo.status(), fo.lines(), holds);
        });
    }

    /**
     * @param id the fulfilment order
     * @param code the hold
     * @param key the idempotency key
     * @return it, without the hold
     */
    public FulfillmentOrder releaseHold(FulfillmentOrderId id, String code, CommandKey key) {
        return transition(id, key, "release:" + code, fo -> {
            if (fo.holds().stream().noneMatch(h -> h.code().equals(code))) {
                throw new FulfillmentRuleException(fo.id(), "hold-not-active", "hold " + code + " is not active");
            }
            return fo.next(fo.status(), fo.lines(), fo.holds().stream().filter(h -> !h.code().equals(code)).toList());
        });
    }

    /**
     * Ships units of a packed fulfilment order (all or some of them).
     *
     * @param id the fulfilment order
     * @param lines units per order line, at most what is open
     * @param key the idempotency key (also makes the label purchase idempotent)
     * @return the shipment
     * @throws FulfillmentRuleException if it is not packed, on hold, or the units exceed what is open
     * @throws LabelFailedException if the carrier refused the label; nothing changed
     */
    public Shipment ship(FulfillmentOrderId id, List<LineQuantity> lines, CommandKey key) {
        InvalidInputException.requireNonNull(lines, "lines");
        InvalidInputException.requireNonNull(key, "key");
        Optional<CommandRecord> done = store.findCommand(derived(key, "ship"));
        ShipmentId shipmentId = ShipmentId.of("shp-" + CommandFingerprint.of(List.of(key)).substring(0, 24));
        if (done.isEmpty()) {
            FulfillmentOrder fo = load(id);
            requireStatus(fo, "ship-after-packing", FulfillmentOrderStatus.PACKED,
                    FulfillmentOrderStatus.PARTIALLY_SHIPPED);
            requireNoHolds(fo);
            List<FulfillmentLine> next = shipLines(fo, lines);
            Order order = orders.load(fo.orderId());
            long units = lines.stream().mapToLong(l -> l.quantity().value()).sum();
            LabelResult label = carrier.createLabel(LabelRequest.outbound(shipmentId, fo.location(),
                    order.header().shippingAddress(), order.header().serviceLevel(), units));
            if (label instanceof LabelResult.Failed failed) {
                throw new LabelFailedException(fo.id(), failed.reason());
            }
            LabelResult.Created created = (LabelResult.Created) label;
            Instant now = clock.instant();
            Shipment shipment = new Shipment(shipmentId, fo.id(), fo.orderId(), fo.location(), lines,
                    created.carrier(), created.service(), created.trackingNumber(), created.labelReference(),
                    ShipmentStatus.SHIPPED, now, Set.of(), 1);
            FulfillmentOrder shipped = fo.next(afterShipping(next), next, fo.holds());
            store.save(shipped, fo.version(), Optional.of(new FulfillmentStore.ShipmentWrite(shipment, 0)),
                    Optional.of(record(derived(key, "ship"), lines, shipped)));
        }
        Shipment shipment = store.shipment(shipmentId).orElseThrow();
        FulfillmentOrder fo = load(shipment.fulfillmentOrderId());
        recordShipment(fo, shipment, key);
        return shipment;
    }

    /** Inventory commit, order shipment and capture for a saved shipment; each step idempotent by its own key. */
    private void recordShipment(FulfillmentOrder fo, Shipment shipment, CommandKey key) {
        Reference ref = Reference.of(Reference.Type.SHIPMENT, shipment.id().value());
        for (LineQuantity lq : shipment.lines()) {
            inventory.commit(fo.reservationId(), lq.lineId(), fo.location(), lq.quantity(), ref,
                    derived(key, "commit:" + lq.lineId()));
        }
        orders.handle(fo.orderId(), new OrderCommand.Ship(shipment.id(), shipment.lines()), derived(key, "order-ship"));
        capture(fo.orderId(), derived(key, "capture"));
    }

    /**
     * Captures what the shipped units are worth: the cumulative share of the grand total of
     * everything shipped, minus what is already captured (so a repeat after a crash captures
     * exactly once). Never more than is still authorised and uncaptured.
     */
    private void capture(OrderId orderId, CommandKey key) {
        if (payments.isEmpty()) {
            return;
        }
        Order after = orders.load(orderId);
        MonetaryAmount amount = shippedShare(after).subtract(after.payments().captured());
        MonetaryAmount capturable = after.payments().capturable();
        if (amount.isGreaterThan(capturable)) {
            amount = capturable;
        }
        if (amount.isPositive()) {
            payments.get().capture(after.id(), amount, key);
        }
    }

    /**
     * The grand total split over lines by value (exactly), and of each line's share the part for
     * its shipped units: all of it once the whole open quantity shipped, otherwise the floor of
     * the proportional part. Cumulative, so captures per shipment sum to the grand total.
     */
    static MonetaryAmount shippedShare(Order order) {
        List<OrderLine> lines = order.lines();
        long[] weights = new long[lines.size()];
        int digits = Math.max(0, order.currency().getDefaultFractionDigits());
        for (int i = 0; i < weights.length; i++) {
            OrderLine l = lines.get(i);
            weights[i] = l.netMerchandise().add(l.tax()).getNumber().numberValue(BigDecimal.class)
                    .movePointRight(digits).longValueExact();
        }
        List<MonetaryAmount> shares = MoneyAllocation.allocate(OrderTotals.of(order).grandTotal(), weights);
        MonetaryAmount total = shares.get(0).multiply(0);
        for (int i = 0; i < lines.size(); i++) {
            long open = lines.get(i).quantities().open().value();
            long shipped = lines.get(i).quantities().shipped().value();
            if (open == 0 || shipped == 0) {
                continue;
            }
            if (shipped >= open) {
                total = total.add(shares.get(i));
            } else {
                BigDecimal units = shares.get(i).getNumber().numberValue(BigDecimal.class).movePointRight(digits);
                long part = units.longValueExact() * shipped / open;
                total = total.add(shares.get(i).getFactory().setNumber(BigDecimal.valueOf(part, digits)).create());
            }
        }
        return total;
    }

    /**
     * Applies a carrier's tracking update: idempotent by update id, never letting an older update
     * override a newer one. Delivery records the delivered units on the order.
     *
     * @param update the update
     * @return the shipment after it
     * @throws InvalidInputException if no shipment has the tracking number
     */
    public Shipment applyTracking(TrackingUpdate update) {
        InvalidInputException.requireNonNull(update, "update");
        for (int attempt = 1; ; attempt++) {
            Shipment current = store.shipmentByTracking(update.trackingNumber()).orElseThrow(() ->
                    new InvalidInputException("trackingNumber", "no shipment has tracking number "
                            + update.trackingNumber()));
            if (current.appliedUpdates().contains(update.updateId())) {
                return current;
            }
            boolean newer = !current.status().isFinal() && !update.occurredAt().isBefore(current.statusAt());
            Shipment next = newer ? current.apply(update.updateId(), update.status(), update.occurredAt())
                    : current.apply(update.updateId(), current.status(), current.statusAt());
            try {
                store.saveShipment(next, current.version());
            } catch (FulfillmentConflictException raced) {
                if (attempt < 16) {
                    continue;
                }
                throw raced;
            }
            if (newer) {
                followShipment(next);
            }
            return next;
        }
    }

    private void followShipment(Shipment shipment) {
        if (shipment.status() == ShipmentStatus.DELIVERED) {
            orders.handle(shipment.orderId(), new OrderCommand.Deliver(shipment.id(), shipment.lines()),
                    CommandKey.of("deliver:" + shipment.id()));
        }
        for (int attempt = 1; attempt <= 16; attempt++) {
            FulfillmentOrder fo = load(shipment.fulfillmentOrderId());
            FulfillmentOrderStatus next = statusFromShipments(fo);
            if (next == fo.status()) {
                return;
            }
            try {
                store.save(fo.next(next, fo.lines(), fo.holds()), fo.version(), Optional.empty(), Optional.empty());
                return;
            } catch (FulfillmentConflictException raced) {
                // decide again on the fresh fulfilment order
            }
        }
    }

    private FulfillmentOrderStatus statusFromShipments(FulfillmentOrder fo) {
        List<Shipment> shipments = store.shipmentsOf(fo.id());
        if (shipments.isEmpty() || fo.openUnits() > 0) {
            return fo.status();
        }
        if (shipments.stream().allMatch(s -> s.status() == ShipmentStatus.DELIVERED)) {
            return FulfillmentOrderStatus.DELIVERED;
        }
        if (shipments.stream().anyMatch(s -> s.status() == ShipmentStatus.RETURNED_TO_SENDER)) {
            return FulfillmentOrderStatus.RETURNED_TO_SENDER;
        }
        if (shipments.stream().anyMatch(s -> s.status() == ShipmentStatus.EXCEPTION)) {
            return FulfillmentOrderStatus.EXCEPTION;
        }
        if (shipments.stream().anyMatch(s -> s.status() != ShipmentStatus.SHIPPED)) {
            return FulfillmentOrderStatus.IN_TRANSIT;
        }
        return FulfillmentOrderStatus.SHIPPED;
    }

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
        FulfillmentOrder cancelled = transition(id, key, "cancel", fo -> {
            if (!BEFORE_SHIPMENT.contains(fo.status())) {
                throw new FulfillmentRuleException(fo.id(), "cancel-before-shipment", "it is " + fo.status());
            }
            return fo.next(FulfillmentOrderStatus.CANCELLED, fo.lines().stream().map(FulfillmentLine::cancelOpen).toList(),
                    fo.holds());
        });
        returnToUnallocated(cancelled, key);
        return cancelled;
    }

    private void returnToUnallocated(FulfillmentOrder fo, CommandKey key) {
        inventory.release(fo.reservationId(), derived(key, "release"));
        List<LineQuantity> back = fo.lines().stream().filter(l -> l.cancelled().isPositive())
                .map(l -> new LineQuantity(l.lineId(), l.cancelled())).toList();
        if (!back.isEmpty()) {
            orders.handle(fo.orderId(), new OrderCommand.Deallocate(fo.location(), back), derived(key, "deallocate"));
        }
    }

    /**
     * @param id a packed pickup order
     * @param key the idempotency key
     * @return it, ready for pickup
     */
    public FulfillmentOrder readyForPickup(FulfillmentOrderId id, CommandKey key) {
        return transition(id, key, "ready", fo -> {
            requirePickup(fo);
            requireStatus(fo, "ready-after-packing", FulfillmentOrderStatus.PACKED);
            return fo.next(FulfillmentOrderStatus.READY_FOR_PICKUP, fo.lines(), fo.holds());
        });
    }

    /**
     * The customer collected a pickup order: stock is committed, the order records the units as
     * shipped and delivered, and (if wired) payment is captured.
     *
     * @param id the pickup order
     * @param key the idempotency key
     * @return it, picked up
     */
    public FulfillmentOrder pickedUp(FulfillmentOrderId id, CommandKey key) {
        FulfillmentOrder before = load(id);
        ShipmentId handover = ShipmentId.of("pickup-" + id.value());
        List<LineQuantity> lines = before.lines().stream().filter(l -> l.open().isPositive())
                .map(l -> new LineQuantity(l.lineId(), l.open())).toList();
        FulfillmentOrder after = transition(id, key, "picked-up", fo -> {
            requirePickup(fo);
            requireStatus(fo, "pickup-when-ready", FulfillmentOrderStatus.READY_FOR_PICKUP);
            return fo.next(FulfillmentOrderStatus.PICKED_UP, fo.lines().stream().map(l -> l.ship(l.open())).toList(),
                    fo.holds());
        });
        List<LineQuantity> handed = lines.isEmpty() ? after.lines().stream()
                .map(l -> new LineQuantity(l.lineId(), l.shipped())).toList() : lines;
        Reference ref = Reference.of(Reference.Type.SHIPMENT, handover.value());
        for (LineQuantity lq : handed) {
            inventory.commit(after.reservationId(), lq.lineId(), after.location(), lq.quantity(), ref,
                    derived(key, "commit:" + lq.lineId()));
        }
        orders.handle(after.orderId(), new OrderCommand.Ship(handover, handed), derived(key, "order-ship"));
        orders.handle(after.orderId(), new OrderCommand.Deliver(handover, handed), derived(key, "order-deliver"));
        capture(after.orderId(), derived(key, "capture"));
        return after;
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
        FulfillmentOrder expired = transition(id, key, "expire", fo -> {
            requirePickup(fo);
            requireStatus(fo, "expire-when-ready", FulfillmentOrderStatus.READY_FOR_PICKUP);
            return fo.next(FulfillmentOrderStatus.PICKUP_EXPIRED,
                    fo.lines().stream().map(FulfillmentLine::cancelOpen).toList(), fo.holds());
        });
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

    private FulfillmentOrder transition(FulfillmentOrderId id, CommandKey key, String step,
            Function<FulfillmentOrder, FulfillmentOrder> decide) {
        InvalidInputException.requireNonNull(key, "key");
        CommandKey stepKey = derived(key, step);
        if (store.findCommand(stepKey).isPresent()) {
            return load(id);
        }
        for (int attempt = 1; ; attempt++) {
            FulfillmentOrder current = load(id);
            FulfillmentOrder next = decide.apply(current);
            try {
                store.save(next, current.version(), Optional.empty(), Optional.of(record(stepKey, step, next)));
                return next;
            } catch (FulfillmentConflictException raced) {
                if (attempt >= 16) {
                    throw raced;
                }
            }
        }
    }

    private List<FulfillmentLine> shipLines(FulfillmentOrder fo, List<LineQuantity> lines) {
        if (lines.isEmpty()) {
            throw new InvalidInputException("lines", "at least one line");
        }
        List<FulfillmentLine> next = new ArrayList<>(fo.lines());
        for (LineQuantity lq : lines) {
            int index = indexOf(next, lq.lineId());
            if (index < 0) {
                throw new FulfillmentRuleException(fo.id(), "ship-own-lines", "line " + lq.lineId()
                        + " is not part of this fulfilment order");
            }
            FulfillmentLine line = next.get(index);
            if (lq.quantity().isGreaterThan(line.open())) {
                throw new FulfillmentRuleException(fo.id(), "ship-within-open", "line " + lq.lineId() + " has "
                        + line.open() + " open but " + lq.quantity() + " were to ship");
            }
            next.set(index, line.ship(lq.quantity()));
        }
        return next;
    }

    private static int indexOf(List<FulfillmentLine> lines, LineId lineId) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).lineId().equals(lineId)) {
                return i;
            }
        }
        return -1;
    }

    private static FulfillmentOrderStatus afterShipping(List<FulfillmentLine> lines) {
        return lines.stream().allMatch(l -> l.open().isZero()) ? FulfillmentOrderStatus.SHIPPED
                : FulfillmentOrderStatus.PARTIALLY_SHIPPED;
    }

    private static void requireStatus(FulfillmentOrder fo, String rule, FulfillmentOrderStatus... allowed) {
        for (FulfillmentOrderStatus s : allowed) {
            if (fo.status() == s) {
                return;
            }
        }
        throw new FulfillmentRuleException(fo.id(), rule, "it is " + fo.status() + "; allowed in "
                + List.of(allowed));
    }

    private static void requireNoHolds(FulfillmentOrder fo) {
        if (!fo.holds().isEmpty()) {
            throw new FulfillmentRuleException(fo.id(), "no-picking-on-hold", "active holds "
                    + fo.holds().stream().map(FulfillmentHold::code).toList());
        }
    }

    private static void requirePickup(FulfillmentOrder fo) {
        if (fo.kind() != FulfillmentKind.PICKUP) {
            throw new FulfillmentRuleException(fo.id(), "pickup-only", "it is a delivery");
        }
    }

    private static CommandRecord record(CommandKey key, Object content, FulfillmentOrder fo) {
        return new CommandRecord(key, CommandFingerprint.of(List.of(content)), fo.orderId(), fo.version(), List.of());
    }

    private static CommandKey derived(CommandKey key, String step) {
        return InvalidInputException.requireNonNull(key, "key").derive(step);
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
