package dev.oms.fulfillment;

import dev.oms.spi.FulfillmentOrderId;

/** The carrier refused to create a label; nothing shipped and nothing changed. */
public class LabelFailedException extends FulfillmentRuleException {
    private static final long serialVersionUID = 1L;

    private final String carrierReason;

    /**
     * @param fulfillmentOrderId the fulfilment order
     * @param carrierReason the carrier's reason
     */
    public LabelFailedException(FulfillmentOrderId fulfillmentOrderId, String carrierReason) {
        super(fulfillmentOrderId, "carrier-label", "the carrier refused the label: " + carrierReason);
        this.carrierReason = carrierReason;
    }

    /** @return the carrier's reason */
    public String carrierReason() {
        return carrierReason;
    }
}
