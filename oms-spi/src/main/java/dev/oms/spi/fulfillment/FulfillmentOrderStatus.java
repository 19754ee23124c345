package dev.oms.spi.fulfillment;

/**
 * Where a fulfilment order is. Delivery: created, picking, packed, partially shipped, shipped,
 * in transit, delivered (or exception, returned to sender). Pickup: created, picking, packed,
 * ready for pickup, picked up (or pickup expired). Cancelled before anything shipped.
 */
public enum FulfillmentOrderStatus {
    /** Stock is reserved at the location; nothing picked yet. */
    CREATED,
    /** Being picked. */
    PICKING,
    /** Picked and packed. */
    PACKED,
    /** Some units shipped, some still to ship. */
    PARTIALLY_SHIPPED,
    /** Every open unit shipped (handed to the carrier). */
    SHIPPED,
    /** The carrier reports the parcels moving. */
    IN_TRANSIT,
    /** Every shipment delivered. */
    DELIVERED,
    /** The carrier reports a problem (damage, failed delivery attempt, address issue). */
    EXCEPTION,
    /** The parcel came back to the sender. */
    RETURNED_TO_SENDER,
    /** Cancelled before anything shipped; its reservation is released. */
    CANCELLED,
    /** A pickup order packed and waiting at the store. */
    READY_FOR_PICKUP,
    /** The customer collected it. */
    PICKED_UP,
    /** Nobody came in time; the units went back to stock. */
    PICKUP_EXPIRED
}
