package dev.oms.flow.internal;

import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentLine;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.process.ProcessRecord.StepLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which fulfilment orders give back which units when a cancellation or an edit takes units the
 * order had allocated: the least advanced fulfilment order first (created, then picking, then
 * packed), the newest among equals, each at most its open units. One rule for both, so a preview
 * of an edit and a cancellation take units from the same places.
 */
final class GiveBack {
    /** Fulfilment orders that can still give units back (nothing of theirs is in a parcel that left). */
    static final Set<FulfillmentOrderStatus> CAN_GIVE_BACK = EnumSet.of(FulfillmentOrderStatus.CREATED,
            FulfillmentOrderStatus.PICKING, FulfillmentOrderStatus.PACKED, FulfillmentOrderStatus.READY_FOR_PICKUP,
            FulfillmentOrderStatus.PARTIALLY_SHIPPED);

    private GiveBack() {
    }

    /**
     * @param fulfillmentOrders the order's fulfilment orders
     * @param units units per line to give back
     * @param left filled with what no fulfilment order has open (per line, only lines with units left)
     * @return the units per fulfilment order, in the order they give them back
     */
    static List<StepLine> plan(List<FulfillmentOrder> fulfillmentOrders, Map<LineId, Long> units,
            Map<LineId, Long> left) {
        List<FulfillmentOrder> fos = new ArrayList<>(fulfillmentOrders);
        fos.removeIf(fo -> !CAN_GIVE_BACK.contains(fo.status()));
        fos.sort(Comparator.comparingInt((FulfillmentOrder fo) -> fo.status().ordinal())
                .thenComparing(FulfillmentOrder::createdAt, Comparator.reverseOrder()));
        Map<LineId, Long> still = new LinkedHashMap<>(units);
        List<StepLine> plan = new ArrayList<>();
        for (FulfillmentOrder fo : fos) {
            for (FulfillmentLine fl : fo.lines()) {
                long want = still.getOrDefault(fl.lineId(), 0L);
                long take = Math.min(want, fl.open().value());
                if (take > 0) {
                    plan.add(new StepLine(fl.lineId(), Optional.of(fl.sku()), Quantity.of(take),
                            Optional.of(fo.location()), Optional.of(fo.id()), ""));
                    still.put(fl.lineId(), want - take);
                }
            }
        }
        still.forEach((line, n) -> {
            if (n > 0) {
                left.put(line, n);
            }
        });
        return plan;
    }
}
