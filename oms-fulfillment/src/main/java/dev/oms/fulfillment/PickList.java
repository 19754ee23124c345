package dev.oms.fulfillment;

import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import java.util.List;

/**
 * What a picker collects at one location: the open fulfilment orders grouped by bin and SKU,
 * with the quantity per fulfilment order, in walking order (bin, then SKU).
 *
 * @param location the location
 * @param picks one entry per (bin, SKU)
 */
public record PickList(LocationId location, List<Pick> picks) {
    /** Copies the picks. */
    public PickList {
        picks = List.copyOf(picks);
    }

    /**
     * One bin and SKU.
     *
     * @param bin where it is stored
     * @param sku the SKU
     * @param total units to pick
     * @param perOrder units per fulfilment order
     */
    public record Pick(String bin, Sku sku, long total, List<OrderPick> perOrder) {
        /** Copies the per-order picks. */
        public Pick {
            perOrder = List.copyOf(perOrder);
        }
    }

    /**
     * Units for one fulfilment order.
     *
     * @param fulfillmentOrderId the fulfilment order
     * @param units units
     */
    public record OrderPick(FulfillmentOrderId fulfillmentOrderId, long units) {
    }

    /** Where a SKU is stored at a location, for pick lists. The host's warehouse system knows. */
    @FunctionalInterface
    public interface BinLocator {
        /**
         * @param location a location
         * @param sku a SKU
         * @return its bin (for example {@code "A-03-2"})
         */
        String binOf(LocationId location, Sku sku);

        /** @return a locator that puts everything in bin {@code "unassigned"} */
        static BinLocator unassigned() {
            return (location, sku) -> "unassigned";
        }
    }
}
