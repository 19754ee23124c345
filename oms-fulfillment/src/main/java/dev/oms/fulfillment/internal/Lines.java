package dev.oms.fulfillment.internal;

import dev.oms.fulfillment.RoutingRequest;
import dev.oms.fulfillment.RoutingRequest.RouteLine;
import dev.oms.spi.Sku;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's lines as arrays: each line's SKU as an index into the request's distinct SKUs
 * (lines asking for the same SKU share its stock), quantities, groups in order of first
 * appearance.
 */
public final class Lines {
    final int count;
    final int[] sku;
    final long[] quantity;
    final boolean[] grouped;
    final List<int[]> groups = new ArrayList<>();
    final List<Sku> skus = new ArrayList<>();
    final long[] need;
    final long totalNeed;

    /** @param request what to route */
    public Lines(RoutingRequest request) {
        List<RouteLine> lines = request.lines();
        count = lines.size();
        sku = new int[count];
        quantity = new long[count];
        grouped = new boolean[count];
        Map<Sku, Integer> skuIndex = new HashMap<>();
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < count; i++) {
            RouteLine line = lines.get(i);
            Integer index = skuIndex.get(line.sku());
            if (index == null) {
                index = skus.size();
                skuIndex.put(line.sku(), index);
                skus.add(line.sku());
            }
            sku[i] = index;
            quantity[i] = line.quantity().value();
            total += quantity[i];
            if (line.group().isPresent()) {
                grouped[i] = true;
                byGroup.computeIfAbsent(line.group().get(), g -> new ArrayList<>()).add(i);
            }
        }
        byGroup.values().forEach(g -> groups.add(g.stream().mapToInt(Integer::intValue).toArray()));
        need = new long[skus.size()];
        for (int i = 0; i < count; i++) {
            need[sku[i]] += quantity[i];
        }
        totalNeed = total;
    }

    /**
     * @param sites candidates
     * @return whether their stock together reaches every SKU's need (capacity, tags and groups
     *     aside), the least any complete split needs
     */
    boolean heldTogether(List<Site> sites) {
        long[] held = new long[need.length];
        for (Site site : sites) {
            for (int j = 0; j < need.length; j++) {
                held[j] += Math.min(site.usable[j], need[j]);
            }
        }
        for (int j = 0; j < need.length; j++) {
            if (held[j] < need[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param site a candidate
     * @return the most units it could take alone: per SKU the smaller of its stock and the
     *     need, summed, and at most its capacity (tags and groups can only lower it)
     */
    long upperBound(Site site) {
        long units = 0;
        for (int j = 0; j < need.length; j++) {
            units += Math.min(site.usable[j], need[j]);
        }
        return Math.min(units, site.unitCap);
    }
}
