package dev.oms.testkit;

import dev.oms.core.OrderInvariants;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.Reconciliation;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownSkuException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.order.Order;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle invariants as reusable checks. Each throws an {@link AssertionError} whose message
 * names the step that broke it, the order (or position) and every rule broken, with the figures;
 * otherwise it returns quietly. Use them in {@code ActionChain.withInvariant}, after each step of a
 * hand-written scenario, or in an audit of a host's stored data. Stateless and thread-safe.
 */
public final class Invariants {
    private Invariants() {
    }

    /**
     * Quantity buckets add up, money is conserved, captured &lt;= authorised, refunded &lt;=
     * captured, and the statuses are the ones the quantities give ({@link OrderInvariants}).
     *
     * @param order an order
     * @param step what happened last, for the message
     * @throws AssertionError naming the step, the order and every broken rule
     */
    public static void order(Order order, String step) {
        InvalidInputException.requireNonNull(order, "order");
        List<String> broken = OrderInvariants.violations(order);
        if (!broken.isEmpty()) {
            throw new AssertionError("after " + step + ": order " + order.id() + " (version " + order.version() + ", "
                    + order.status() + ") breaks " + broken + "\n  order: " + order);
        }
    }

    /**
     * Only the payment rules, for the order and for each of its payment methods: captured &lt;=
     * authorised, captured + voided &lt;= authorised, refunded &lt;= captured.
     *
     * @param order an order
     * @param step what happened last
     * @throws AssertionError naming the step, the order, the method and the figures
     */
    public static void payments(Order order, String step) {
        List<String> broken = OrderInvariants.paymentViolations(InvalidInputException.requireNonNull(order, "order")
                .payments());
        if (!broken.isEmpty()) {
            throw new AssertionError("after " + step + ": order " + order.id() + " breaks " + broken);
        }
    }

    /**
     * No oversell: at every position of the SKUs, no count is negative and reserved never exceeds
     * what is sellable ({@code max(0, on hand - safety stock)}).
     *
     * @param inventory the inventory
     * @param skus the SKUs to check
     * @param step what happened last
     * @throws AssertionError naming the step, the position and its counts
     */
    public static void noOversell(InventoryService inventory, Collection<Sku> skus, String step) {
        InvalidInputException.requireNonNull(inventory, "inventory");
        for (Sku sku : InvalidInputException.requireNonNull(skus, "skus")) {
            Map<LocationId, Long> stocked;
            try {
                stocked = inventory.availability().byLocation(sku);
            } catch (UnknownSkuException notStocked) {
                continue;
            }
            for (Map.Entry<LocationId, Long> at : stocked.entrySet()) {
                StockPosition p = inventory.position(sku, at.getKey());
                long sellable = Math.max(0, p.onHand().value() - p.settings().safetyStock().value());
                if (p.reserved().value() > sellable) {
                    throw new AssertionError("after " + step + ": position " + p.key() + " oversold: reserved "
                            + p.reserved() + " but only " + sellable + " sellable (on hand " + p.onHand()
                            + ", safety stock " + p.settings().safetyStock() + ")");
                }
            }
        }
    }

    /**
     * The movement ledger reconciles: every position's counts equal the sums of its movements.
     *
     * @param inventory the inventory
     * @param skus the SKUs to check
     * @param step what happened last
     * @throws AssertionError naming the step and every position that differs
     */
    public static void ledgerReconciles(InventoryService inventory, Collection<Sku> skus, String step) {
        Reconciliation r = InvalidInputException.requireNonNull(inventory, "inventory").reconcile(skus);
        if (!r.balanced()) {
            throw new AssertionError("after " + step + ": the ledger does not reconcile: " + r.differences());
        }
    }
}
