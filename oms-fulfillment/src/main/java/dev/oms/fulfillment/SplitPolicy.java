package dev.oms.fulfillment;

/** Whether an order may be split across locations. */
public enum SplitPolicy {
    /** One location, or what the best single location has, with the rest reported as unrouted. */
    NEVER,
    /** One location when possible; split across the fewest locations only when needed (the default). */
    WHEN_NEEDED
}
