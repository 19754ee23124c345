package dev.oms.fulfillment;

import dev.oms.spi.LocationId;

/**
 * How much of a location's daily capacity is left. The host keeps the count (fulfilment orders
 * created today); routing only reads it.
 */
public interface CapacityView {
    /**
     * @param location a location with a daily order capacity
     * @return fulfilment orders it can still take today
     */
    long ordersLeft(LocationId location);

    /**
     * @param location a location with a daily unit capacity
     * @return units it can still take today
     */
    long unitsLeft(LocationId location);

    /** @return a view in which nothing has been used yet: the full daily capacities apply */
    static CapacityView unused() {
        return new CapacityView() {
            @Override
            public long ordersLeft(LocationId location) {
                return Long.MAX_VALUE;
            }

            @Override
            public long unitsLeft(LocationId location) {
                return Long.MAX_VALUE;
            }
        };
    }
}
