package dev.oms.spi.inventory;

/** What a reservation does when some lines cannot be fully held. */
public enum ReservePolicy {
    /** Hold every line in full or nothing at all (the default). */
    ALL_OR_NOTHING,
    /** Hold what is there; report the rest as unfilled. */
    PARTIAL,
    /** Hold what is there; backorder the rest, within the SKU's backorder limit; report what does not fit. */
    BACKORDER
}
