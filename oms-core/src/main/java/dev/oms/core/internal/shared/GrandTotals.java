package dev.oms.core.internal.shared;

import dev.oms.core.OrderTotals;
import dev.oms.spi.OrderId;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.Discount;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.ShippingCharge;
import dev.oms.spi.order.Pricing;
import dev.oms.spi.order.TaxPolicy;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * The grand total of each saved snapshot ({@code OrderChange.grandTotal}), computed again only
 * when what it depends on changed: an order's lines, discounts and shipping charges (immutable
 * lists, which a snapshot that does not change them shares with the one before), its tax policy
 * and its pricing. Most changes (a hold, a payment, a status) change none of them, and
 * {@link OrderTotals#of} costs a few microseconds. A small table of the last totals by order id,
 * direct-mapped (a newer order takes the slot of an older one); its entries are immutable, so
 * threads may share it without locks: a stale or missing entry only means computing again.
 */
public final class GrandTotals {
    private static final int SLOTS = 1024;

    private record Slot(OrderId id, List<OrderLine> lines, List<Discount> discounts, List<ShippingCharge> charges,
            TaxPolicy policy, Pricing pricing, MonetaryAmount total) {
        boolean holds(Order order) {
            return id.equals(order.id()) && lines == order.lines() && discounts == order.discounts()
                    && charges == order.shippingCharges() && policy.equals(order.header().taxPolicy())
                    && pricing.equals(order.header().pricing());
        }
    }

    private final Slot[] slots = new Slot[SLOTS];

    /**
     * @param order a snapshot
     * @return its grand total, as {@code OrderTotals.of(order).grandTotal()}
     */
    public MonetaryAmount of(Order order) {
        int at = order.id().hashCode() & (SLOTS - 1);
        Slot slot = slots[at];
        if (slot != null && slot.holds(order)) {
            return slot.total();
        }
        MonetaryAmount total = OrderTotals.of(order).grandTotal();
        slots[at] = new Slot(order.id(), order.lines(), order.discounts(), order.shippingCharges(),
                order.header().taxPolicy(), order.header().pricing(), total);
        return total;
    }
}
