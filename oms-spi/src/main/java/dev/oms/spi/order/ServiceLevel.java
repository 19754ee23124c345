package dev.oms.spi.order;

import dev.oms.spi.order.Order.OrderHeader;

/** How fast and in which way the customer receives the order. */
public enum ServiceLevel {
    /** Ordinary parcel delivery. */
    STANDARD,
    /** Faster, paid delivery with a ship-by deadline. */
    EXPRESS,
    /** Delivered the day it is placed. */
    SAME_DAY,
    /** Collected by the customer at a store ({@link OrderHeader#pickupLocation()}). */
    PICKUP_IN_STORE
}
