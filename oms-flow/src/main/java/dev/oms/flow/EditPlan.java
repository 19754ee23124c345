package dev.oms.flow;

import dev.oms.core.OrderTotals;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.process.ProcessRecord.StepLine;
import java.util.List;
import java.util.Map;
import javax.money.MonetaryAmount;

/**
 * The preview of an edit, before or after allocation: what it changes on the order, the stock it
 * releases (units given up by fulfilment orders not yet shipped) and reserves (the new routing of
 * added units), what it could not route, and the payment difference. {@link OrderFlow#commitEdit}
 * applies exactly this, or refuses with {@link StalePreviewException} if the order, one of its
 * fulfilment orders or the planned stock changed since.
 *
 * @param orderId the order
 * @param baseVersion the order's version the preview was made at
 * @param fulfillmentVersions the versions of the order's fulfilment orders at the preview
 * @param edits the changes
 * @param before the totals now
 * @param after the totals after the edit
 * @param release units the edit takes back from fulfilment orders (fulfilment order, line, units)
 * @param reserve units the edit routes (location, line, SKU, units)
 * @param notRouted units no location can take now; they wait for stock after the commit
 */
public record EditPlan(OrderId orderId, long baseVersion, Map<FulfillmentOrderId, Long> fulfillmentVersions,
        List<OrderEdit> edits, OrderTotals before, OrderTotals after, List<StepLine> release, List<StepLine> reserve,
        List<StepLine> notRouted) {
    /** Copies the collections. */
    public EditPlan {
        InvalidInputException.requireNonNull(orderId, "EditPlan.orderId");
        fulfillmentVersions = Map.copyOf(fulfillmentVersions);
        edits = List.copyOf(edits);
        release = List.copyOf(release);
        reserve = List.copyOf(reserve);
        notRouted = List.copyOf(notRouted);
    }

    /** @return what the customer pays more (positive) or gets back (negative) */
    public MonetaryAmount difference() {
        return after.grandTotal().subtract(before.grandTotal());
    }

    /**
     * An edit's preview no longer describes the order: the order or one of its fulfilment orders
     * changed since, or the stock the preview routed to is gone. Nothing was changed; preview again
     * and show the customer the new figures.
     */
    public static class StalePreviewException extends RuleViolationException {
        private static final long serialVersionUID = 1L;

        /**
         * @param orderId the order
         * @param what what changed since the preview
         */
        public StalePreviewException(OrderId orderId, String what) {
            super(orderId, "preview-is-current", "the edit's preview is stale: " + what + "; preview again");
        }
    }
}
