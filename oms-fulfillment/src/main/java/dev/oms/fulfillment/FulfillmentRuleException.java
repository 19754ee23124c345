package dev.oms.fulfillment;

import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.OmsException;

/**
 * A fulfilment operation a rule refuses in the fulfilment order's current state (picking a held
 * order, shipping more than is open, cancelling after shipment). {@link #rule()} is a stable name.
 */
public class FulfillmentRuleException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final FulfillmentOrderId fulfillmentOrderId;
    private final String rule;

    /**
     * @param fulfillmentOrderId the fulfilment order
     * @param rule the rule's stable name
     * @param message what was refused and why
     */
    public FulfillmentRuleException(FulfillmentOrderId fulfillmentOrderId, String rule, String message) {
        super("fulfilment order " + fulfillmentOrderId + ": " + message + " [rule " + rule + "]");
        this.fulfillmentOrderId = fulfillmentOrderId;
        this.rule = rule;
    }

    /** @return the fulfilment order */
    public FulfillmentOrderId fulfillmentOrderId() {
        return fulfillmentOrderId;
    }

    /** @return the rule's stable name */
    public String rule() {
        return rule;
    }
}
