package dev.oms.fulfillment.internal;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.core.internal.shared.Idempotency;
import dev.oms.core.internal.shared.ShippedValue;
import dev.oms.fulfillment.FulfillmentCommand;
import dev.oms.fulfillment.FulfillmentDecider;
import dev.oms.fulfillment.FulfillmentDecider.FulfillmentRuleException;
import dev.oms.fulfillment.FulfillmentDecider.LabelFailedException;
import dev.oms.inventory.InventoryService;
import dev.oms.spi.CommandKey;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.StaleVersionException.FulfillmentConflictException;
import dev.oms.spi.event.OrderEvent.QuantitiesShipped;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.fulfillment.CarrierGateway.LabelRequest;
import dev.oms.spi.fulfillment.CarrierGateway.LabelResult;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.fulfillment.FulfillmentStore.FulfillmentChange;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.money.MonetaryAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parcels on their way: the dispatch (every rule checked before the label is bought, then the
 * parcel saved with its fulfilment order), recording it in the other modules (units committed in
 * inventory, the shipment on the order), the capture of the value it added, and the carrier's
 * tracking updates up to delivery.
 */
public final class Shipping {
    private static final Logger LOG = LoggerFactory.getLogger(Shipping.class);
    private static final int MAX_ATTEMPTS = FulfillmentSteps.MAX_ATTEMPTS;

    private final FulfillmentSteps steps;
    private final FulfillmentStore store;
    private final FulfillmentDecider decider;
    private final OrderService orders;
    private final InventoryService inventory;
    private final CarrierGateway carrier;
    private final Clock clock;

    /**
     * @param steps the steps' plumbing
     * @param store where fulfilment orders live
     * @param decider decides the steps
     * @param orders the order service
     * @param inventory commits shipped units
     * @param carrier buys labels
     * @param clock when parcels leave
     */
    public Shipping(FulfillmentSteps steps, FulfillmentStore store, FulfillmentDecider decider, OrderService orders,
            InventoryService inventory, CarrierGateway carrier, Clock clock) {
        this.steps = steps;
        this.store = store;
        this.decider = decider;
        this.orders = orders;
        this.inventory = inventory;
        this.carrier = carrier;
        this.clock = clock;
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
        InvalidInputException.requireNonNull(lines, "lines");
        InvalidInputException.requireNonNull(key, "key");
        if (lines.isEmpty()) {
            throw new InvalidInputException("lines", "at least one line");
        }
        ShipmentId shipmentId = ShipmentId.of("shp-" + CommandFingerprint.ofKey(key).substring(0, 24));
        // the shipment is the key's record (its id derived from the key): a repeat finds it; a conflict
        // decides again on the fresh fulfilment order (the carrier is idempotent by shipment id)
        return Idempotency.run(() -> "fulfilment order " + id + " dispatch", () -> store.shipment(shipmentId),
                MAX_ATTEMPTS, FulfillmentConflictException.class, () -> {
                    FulfillmentOrder fo = steps.load(id);
                    Order order = steps.requireFulfillable(fo);
                    // every rule of the fulfilment order, before the label is bought
                    decider.decide(fo, new FulfillmentCommand.Ship(parcel(shipmentId, fo, lines, "pending", "pending",
                            "pending-" + shipmentId, "pending")));
                    long units = lines.stream().mapToLong(l -> l.quantity().value()).sum();
                    LabelResult label = carrier.createLabel(LabelRequest.outbound(shipmentId, fo.location(),
                            order.header().shippingAddress(), order.header().serviceLevel(), units));
                    if (label instanceof LabelResult.Failed failed) {
                        throw new LabelFailedException(fo.id(), failed.reason());
                    }
                    LabelResult.Created l = (LabelResult.Created) label;
                    Shipment shipment = parcel(shipmentId, fo, lines, l.carrier(), l.service(), l.trackingNumber(),
                            l.labelReference());
                    List<FulfillmentEvent> events = decider.decide(fo, new FulfillmentCommand.Ship(shipment));
                    FulfillmentOrder next = decider.evolveAll(fo, events);
                    store.save(new FulfillmentChange(next, fo.version(), events, Optional.of(shipment),
                            Optional.of(FulfillmentSteps.record(FulfillmentSteps.derived(key, "ship"), lines, next))));
                    LOG.debug("fulfilment order {} shipped {} units in {}", fo.id(), units, shipmentId);
                    return shipment;
                });
    }


    private Shipment parcel(ShipmentId id, FulfillmentOrder fo, List<LineQuantity> lines, String carrierCode,
            String service, String trackingNumber, String label) {
        return new Shipment(id, fo.id(), fo.orderId(), fo.location(), lines, carrierCode, service, trackingNumber, label,
                ShipmentStatus.SHIPPED, clock.instant(), Set.of(), 1);
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
        Shipment shipment = store.shipment(InvalidInputException.requireNonNull(shipmentId, "id"))
                .orElseThrow(() -> new InvalidInputException("shipmentId", "no shipment " + shipmentId));
        FulfillmentOrder fo = steps.load(shipment.fulfillmentOrderId());
        Reference ref = Reference.of(Reference.Type.SHIPMENT, shipment.id().value());
        for (LineQuantity lq : shipment.lines()) {
            inventory.commit(fo.reservationId(), lq.lineId(), fo.location(), lq.quantity(), ref,
                    FulfillmentSteps.derived(key, "commit:" + lq.lineId()));
        }
        return orders.handle(fo.orderId(), new OrderCommand.Ship(shipment.id(), shipment.lines()),
                FulfillmentSteps.derived(key, "order-ship")).order();
    }


    /** Captures the value the parcel's own shipment event added to what has shipped, within what is capturable. */
    /**
     * Captures the value the parcel's own shipment event added to what has shipped, within what
     * is capturable; a repeat with the key finds it captured.
     *
     * @param orderId the order
     * @param shipmentId the parcel
     * @param pay the payments
     * @param key the capture's key
     */
    public void captureValueOf(OrderId orderId, ShipmentId shipmentId, OrderPayments pay, CommandKey key) {
        if (orders.recorded(key).isPresent()) {
            return; // captured and recorded before this repeat
        }
        Order order = orders.load(orderId);
        MonetaryAmount value = ShippedValue.changedBy(orders.decider(), orders.history(order.id()),
                e -> e instanceof QuantitiesShipped s && s.shipment().equals(shipmentId));
        MonetaryAmount capturable = order.payments().capturable();
        MonetaryAmount amount = value.isGreaterThan(capturable) ? capturable : value;
        if (amount.isPositive()) {
            pay.capture(order.id(), amount, key);
        }
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
        InvalidInputException.requireNonNull(update, "update");
        for (int attempt = 1; ; attempt++) {
            Shipment current = store.shipmentByTracking(update.trackingNumber()).orElseThrow(() ->
                    new InvalidInputException("trackingNumber", "no shipment has tracking number "
                            + update.trackingNumber()));
            if (current.appliedUpdates().contains(update.updateId())) {
                followDelivery(current);
                return current;
            }
            boolean newer = !current.status().isFinal() && !update.occurredAt().isBefore(current.statusAt());
            Shipment next = newer ? current.apply(update.updateId(), update.status(), update.occurredAt())
                    : current.apply(update.updateId(), current.status(), current.statusAt());
            FulfillmentOrder fo = steps.load(current.fulfillmentOrderId());
            List<Shipment> parcels = new ArrayList<>();
            for (Shipment s : store.shipmentsOf(fo.id())) {
                parcels.add(s.id().equals(next.id()) ? next : s);
            }
            List<FulfillmentEvent> events = decider.decide(fo, new FulfillmentCommand.Track(next, update.updateId(),
                    parcels));
            try {
                store.save(new FulfillmentChange(decider.evolveAll(fo, events), fo.version(), events, Optional.of(next),
                        Optional.empty()));
            } catch (FulfillmentConflictException raced) {
                if (attempt < MAX_ATTEMPTS) {
                    continue;
                }
                throw raced;
            }
            followDelivery(next);
            return next;
        }
    }


    private void followDelivery(Shipment shipment) {
        if (shipment.status() == ShipmentStatus.DELIVERED) {
            orders.handle(shipment.orderId(), new OrderCommand.Deliver(shipment.id(), shipment.lines(),
                    Optional.of(shipment.statusAt())), CommandKey.reserved("deliver", shipment.id().value()));
        }
    }
}
