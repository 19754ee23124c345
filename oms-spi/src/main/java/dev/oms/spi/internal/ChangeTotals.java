package dev.oms.spi.internal;

import dev.oms.spi.Sku;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.BackorderDelta;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.PositionKey;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An inventory change summed the way every store checks it: per position (on hand, reserved,
 * damaged, quality control), in {@link PositionKey} order (the order positions are locked or
 * updated in), with the positions that must stay available, the on-hand counts the change
 * expects, and the backorder delta per SKU in SKU order.
 *
 * @param perPosition the summed counts per position: on hand, reserved, damaged, quality control
 * @param guarded the positions a delta marked {@code requireAvailable}
 * @param expectedOnHand the on hand a delta expects before the change, per position
 * @param backorders the summed backorder delta per SKU
 */
public record ChangeTotals(Map<PositionKey, long[]> perPosition, Set<PositionKey> guarded,
        Map<PositionKey, Long> expectedOnHand, Map<Sku, Long> backorders) {
    /**
     * @param change a change
     * @return its totals
     */
    public static ChangeTotals of(InventoryChange change) {
        if (change.deltas().size() == 1 && change.backorders().isEmpty()) {
            return ofOne(change.deltas().get(0)); // most changes: a hold, a release, a receipt
        }
        Map<PositionKey, long[]> totals = new TreeMap<>();
        Set<PositionKey> guarded = new TreeSet<>();
        Map<PositionKey, Long> expectedOnHand = new TreeMap<>();
        for (PositionDelta d : change.deltas()) {
            long[] t = totals.computeIfAbsent(d.key(), k -> new long[4]);
            t[0] += d.onHand();
            t[1] += d.reserved();
            t[2] += d.damaged();
            t[3] += d.qualityControl();
            if (d.requireAvailable()) {
                guarded.add(d.key());
            }
            if (d.expectedOnHand().isPresent()) {
                expectedOnHand.put(d.key(), d.expectedOnHand().getAsLong());
            }
        }
        Map<Sku, Long> backorders = new TreeMap<>();
        for (BackorderDelta d : change.backorders()) {
            backorders.merge(d.sku(), d.delta(), Long::sum);
        }
        return new ChangeTotals(totals, guarded, expectedOnHand, backorders);
    }

    private static ChangeTotals ofOne(PositionDelta d) {
        PositionKey key = d.key();
        return new ChangeTotals(Map.of(key, new long[] {d.onHand(), d.reserved(), d.damaged(), d.qualityControl()}),
                d.requireAvailable() ? Set.of(key) : Set.of(),
                d.expectedOnHand().isPresent() ? Map.of(key, d.expectedOnHand().getAsLong()) : Map.of(), Map.of());
    }
}
