package dev.oms.spi.fulfillment;

/** How a fulfilment order reaches the customer. */
public enum FulfillmentKind {
    /** Shipped by a carrier. */
    DELIVERY,
    /** Collected by the customer at the location. */
    PICKUP
}
