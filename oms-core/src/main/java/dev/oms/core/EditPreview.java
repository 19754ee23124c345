package dev.oms.core;

import dev.oms.spi.OrderId;
import dev.oms.spi.order.Order;
import javax.money.MonetaryAmount;

/**
 * An edit priced but not saved: what the order would become and what it would cost. Show
 * {@link #difference()} to the customer, then {@link OrderService#commitEdit commit} it; the
 * commit is refused if the order changed since the preview ({@link #baseVersion()}).
 *
 * @param orderId the order
 * @param baseVersion the version the preview was computed on
 * @param edit the edit
 * @param edited the order as it would be after the edit
 * @param before the totals now
 * @param after the totals after the edit
 */
public record EditPreview(OrderId orderId, long baseVersion, OrderCommand.Edit edit, Order edited,
        OrderTotals before, OrderTotals after) {
    /** @return after minus before: positive to charge the customer, negative to refund */
    public MonetaryAmount difference() {
        return after.grandTotal().subtract(before.grandTotal());
    }
}
