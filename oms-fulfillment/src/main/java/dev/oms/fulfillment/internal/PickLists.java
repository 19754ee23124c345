package dev.oms.fulfillment.internal;

import dev.oms.fulfillment.FulfillmentService;
import dev.oms.fulfillment.PickList;
import dev.oms.fulfillment.PickList.BinLocator;
import dev.oms.spi.LocationId;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentLine;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.FulfillmentStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The batch pick list of a location, from its open fulfilment orders and the host's bins. */
public final class PickLists {
    private PickLists() {
    }

    /**
     * See {@link FulfillmentService#pickList}.
     *
     * @param store fulfilment orders
     * @param bins where each SKU is kept
     * @param location the location
     * @return the pick list
     */
    public static PickList pickList(FulfillmentStore store, BinLocator bins, LocationId location) {
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
}
