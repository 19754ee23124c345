package dev.oms.spi.returns;

/** Who pays to ship a return back, as the return policy decides from the reasons. */
public enum ShippingPayer {
    /** The customer: the policy's return shipping fee comes off the refund. */
    CUSTOMER,
    /** The merchant: the return is free for the customer. */
    MERCHANT
}
