package dev.oms.flow;

import dev.oms.spi.OrderId;
import dev.oms.spi.RuleViolationException;

/**
 * An edit's preview no longer describes the order: the order or one of its fulfilment orders
 * changed since, or the stock the preview routed to is gone. Nothing was changed; preview again
 * and show the customer the new figures.
 */
public class StalePreviewException extends RuleViolationException {
    private static final long serialVersionUID = 1L;

    /**
     * @param orderId the order
     * @param what what changed since the preview
     */
    public StalePreviewException(OrderId orderId, String what) {
        super(orderId, "preview-is-current", "the edit's preview is stale: " + what + "; preview again");
    }
}
