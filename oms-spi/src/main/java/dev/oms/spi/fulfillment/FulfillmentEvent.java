package dev.oms.spi.fulfillment;

import dev.oms.spi.EventId;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentHold;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.order.LineQuantity;
import java.time.Instant;
import java.util.List;

/**
 * Everything that happens to a fulfilment order and its shipments: one event per step, saved with
 * the change it describes (the fulfilment outbox), so warehouses, notifications and reporting can
 * follow it. Each carries enough to rebuild the fulfilment order from its first event.
 */
public sealed interface FulfillmentEvent {
    /** @return id, fulfilment order, order, version and time */
    FulfillmentEventMetadata metadata();

    /** @return the unique event id */
    default EventId eventId() {
        return metadata().eventId();
    }

    /** @return the fulfilment order */
    default FulfillmentOrderId fulfillmentOrderId() {
        return metadata().fulfillmentOrderId();
    }

    /** @return the order */
    default OrderId orderId() {
        return metadata().orderId();
    }

    /** @return when it happened */
    default Instant occurredAt() {
        return metadata().occurredAt();
    }

    /**
     * A location was given part of an order to fulfil, with its stock reserved.
     *
     * @param metadata the metadata
     * @param order the fulfilment order as created (version 1)
     */
    record Created(FulfillmentEventMetadata metadata, FulfillmentOrder order) implements FulfillmentEvent {
        /** @throws InvalidInputException if a field is null */
        public Created {
            InvalidInputException.requireNonNull(metadata, "Created.metadata");
            InvalidInputException.requireNonNull(order, "Created.order");
        }
    }

    /**
     * Picking started.
     *
     * @param metadata the metadata
     */
    record PickingStarted(FulfillmentEventMetadata metadata) implements FulfillmentEvent {
        /** @throws InvalidInputException if the metadata is null */
        public PickingStarted {
            InvalidInputException.requireNonNull(metadata, "PickingStarted.metadata");
        }
    }

    /**
     * Picked and packed.
     *
     * @param metadata the metadata
     */
    record Packed(FulfillmentEventMetadata metadata) implements FulfillmentEvent {
        /** @throws InvalidInputException if the metadata is null */
        public Packed {
            InvalidInputException.requireNonNull(metadata, "Packed.metadata");
        }
    }

    /**
     * A pickup order is packed and waits at the store.
     *
     * @param metadata the metadata
     */
    record ReadyForPickup(FulfillmentEventMetadata metadata) implements FulfillmentEvent {
        /** @throws InvalidInputException if the metadata is null */
        public ReadyForPickup {
            InvalidInputException.requireNonNull(metadata, "ReadyForPickup.metadata");
        }
    }

    /**
     * A hold stops picking, packing and shipping.
     *
     * @param metadata the metadata
     * @param hold the hold
     */
    record HoldPlaced(FulfillmentEventMetadata metadata, FulfillmentHold hold) implements FulfillmentEvent {
        /** @throws InvalidInputException if a field is null */
        public HoldPlaced {
            InvalidInputException.requireNonNull(metadata, "HoldPlaced.metadata");
            InvalidInputException.requireNonNull(hold, "HoldPlaced.hold");
        }
    }

    /**
     * A hold was lifted.
     *
     * @param metadata the metadata
     * @param code the hold's code
     */
    record HoldReleased(FulfillmentEventMetadata metadata, String code) implements FulfillmentEvent {
        /** @throws InvalidInputException if a field is null */
        public HoldReleased {
            InvalidInputException.requireNonNull(metadata, "HoldReleased.metadata");
            InvalidInputException.requireCode(code, "HoldReleased.code");
        }
    }

    /**
     * Units left with a carrier.
     *
     * @param metadata the metadata
     * @param shipment the parcel as handed over (version 1)
     * @param status the fulfilment order's status after it: partially shipped or shipped
     */
    record Shipped(FulfillmentEventMetadata metadata, Shipment shipment, FulfillmentOrderStatus status)
            implements FulfillmentEvent {
        /** @throws InvalidInputException if a field is null */
        public Shipped {
            InvalidInputException.requireNonNull(metadata, "Shipped.metadata");
            InvalidInputException.requireNonNull(shipment, "Shipped.shipment");
            InvalidInputException.requireNonNull(status, "Shipped.status");
        }
    }

    /**
     * The carrier reported on a parcel. An update older than the latest one applied is recorded
     * (so it is never applied twice) but does not change the parcel's status.
     *
     * @param metadata the metadata
     * @param shipment the parcel after the update
     * @param updateId the carrier's id of the update
     * @param status the fulfilment order's status after it, derived from all its parcels
     */
    record ShipmentTracked(FulfillmentEventMetadata metadata, Shipment shipment, String updateId,
            FulfillmentOrderStatus status) implements FulfillmentEvent {
        /** @throws InvalidInputException if a field is null */
        public ShipmentTracked {
            InvalidInputException.requireNonNull(metadata, "ShipmentTracked.metadata");
            InvalidInputException.requireNonNull(shipment, "ShipmentTracked.shipment");
            InvalidInputException.requireCode(updateId, "ShipmentTracked.updateId");
            InvalidInputException.requireNonNull(status, "ShipmentTracked.status");
        }
    }

    /**
     * Some open units will not be fulfilled here (the customer cancelled them, an edit removed
     * them); their stock is released.
     *
     * @param metadata the metadata
     * @param lines units per order line
     * @param reason why
     * @param status the fulfilment order's status after it (cancelled if nothing is left and
     *     nothing shipped)
     */
    record UnitsCancelled(FulfillmentEventMetadata metadata, List<LineQuantity> lines, String reason,
            FulfillmentOrderStatus status) implements FulfillmentEvent {
        /** @throws InvalidInputException if a field is null or there are no lines */
        public UnitsCancelled {
            InvalidInputException.requireNonNull(metadata, "UnitsCancelled.metadata");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "UnitsCancelled.lines"));
            if (lines.isEmpty()) {
                throw new InvalidInputException("UnitsCancelled.lines", "at least one line");
            }
            InvalidInputException.requireText(reason, "UnitsCancelled.reason", 512);
            InvalidInputException.requireNonNull(status, "UnitsCancelled.status");
        }
    }

    /**
     * The whole fulfilment order was cancelled before anything shipped; every open unit goes back
     * to the order unallocated.
     *
     * @param metadata the metadata
     * @param reason why
     */
    record Cancelled(FulfillmentEventMetadata metadata, String reason) implements FulfillmentEvent {
        /** @throws InvalidInputException if a field is null */
        public Cancelled {
            InvalidInputException.requireNonNull(metadata, "Cancelled.metadata");
            InvalidInputException.requireText(reason, "Cancelled.reason", 512);
        }
    }

    /**
     * The customer collected a pickup order: its open units are handed over.
     *
     * @param metadata the metadata
     * @param lines units handed over per order line
     */
    record PickedUp(FulfillmentEventMetadata metadata, List<LineQuantity> lines) implements FulfillmentEvent {
        /** @throws InvalidInputException if a field is null or there are no lines */
        public PickedUp {
            InvalidInputException.requireNonNull(metadata, "PickedUp.metadata");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "PickedUp.lines"));
            if (lines.isEmpty()) {
                throw new InvalidInputException("PickedUp.lines", "at least one line");
            }
        }
    }

    /**
     * Nobody collected a pickup order in time; its units go back to stock and to the order
     * unallocated.
     *
     * @param metadata the metadata
     */
    record PickupExpired(FulfillmentEventMetadata metadata) implements FulfillmentEvent {
        /** @throws InvalidInputException if the metadata is null */
        public PickupExpired {
            InvalidInputException.requireNonNull(metadata, "PickupExpired.metadata");
        }
    }

    /**
     * The personal data of the order was erased: every hold reason and cancellation reason of this
     * fulfilment order is empty, in its snapshot and in every earlier event of its history, which
     * the store rewrote with this event. Status, lines and parcels are kept.
     *
     * @param metadata the metadata
     */
    record PersonalDataErased(FulfillmentEventMetadata metadata) implements FulfillmentEvent {
        /** @throws InvalidInputException if the metadata is null */
        public PersonalDataErased {
            InvalidInputException.requireNonNull(metadata, "PersonalDataErased.metadata");
        }
    }

    /**
     * What every fulfilment event carries.
     *
     * @param eventId unique, for de-duplication by consumers
     * @param fulfillmentOrderId the fulfilment order
     * @param orderId the order it fulfils
     * @param version the fulfilment order's version this event produced
     * @param occurredAt when
     */
    record FulfillmentEventMetadata(EventId eventId, FulfillmentOrderId fulfillmentOrderId, OrderId orderId,
            long version, Instant occurredAt) {
        /** @throws InvalidInputException if a field is null or the version below 1 */
        public FulfillmentEventMetadata {
            InvalidInputException.requireNonNull(eventId, "FulfillmentEventMetadata.eventId");
            InvalidInputException.requireNonNull(fulfillmentOrderId, "FulfillmentEventMetadata.fulfillmentOrderId");
            InvalidInputException.requireNonNull(orderId, "FulfillmentEventMetadata.orderId");
            if (version < 1) {
                throw new InvalidInputException("FulfillmentEventMetadata.version", "must be at least 1 (was "
                        + version + ")");
            }
            InvalidInputException.requireNonNull(occurredAt, "FulfillmentEventMetadata.occurredAt");
        }
    }
}
