package dev.oms.spi.order;

import java.util.List;

/**
 * The fulfilment status of an order, derived from its lines' quantity buckets; never set by hand.
 * Cancelled units do not count: an order of 3 with 1 cancelled and 2 delivered is delivered.
 * Lost units (a settled claim) count as shipped and close the order like delivered ones: an order
 * of 3 with 1 lost and 2 delivered is delivered; one whose every unit was lost stays fulfilled.
 */
public enum FulfillmentStatus {
    /** Nothing shipped. */
    UNFULFILLED,
    /** Some open units shipped. */
    PARTIALLY_FULFILLED,
    /** Every open unit shipped, none delivered yet. */
    FULFILLED,
    /** Some open units delivered. */
    PARTIALLY_DELIVERED,
    /** Every open unit delivered (or lost, with some delivered). */
    DELIVERED,
    /** Some delivered units returned. */
    PARTIALLY_RETURNED,
    /** Every open unit returned. */
    RETURNED;

    /**
     * @param lines the order's lines
     * @return the status their quantities mean
     */
    public static FulfillmentStatus of(List<OrderLine> lines) {
        long open = 0;
        long shipped = 0;
        long delivered = 0;
        long lost = 0;
        long returned = 0;
        for (OrderLine line : lines) {
            LineQuantities q = line.quantities();
            open += q.open().value();
            shipped += q.shipped().value();
            delivered += q.delivered().value();
            lost += q.lost().value();
            returned += q.returned().value();
        }
        if (returned > 0) {
            return returned == open ? RETURNED : PARTIALLY_RETURNED;
        }
        if (delivered > 0) {
            return delivered + lost == open ? DELIVERED : PARTIALLY_DELIVERED;
        }
        if (shipped > 0) {
            return shipped == open ? FULFILLED : PARTIALLY_FULFILLED;
        }
        return UNFULFILLED;
    }
}
