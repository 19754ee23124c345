package dev.oms.spi.returns;

/** How a claim is settled. */
public enum ClaimResolution {
    /** Refund the claimed units. */
    REFUND,
    /** Send the same units again, free of charge, as a new order. */
    REPLACEMENT
}
