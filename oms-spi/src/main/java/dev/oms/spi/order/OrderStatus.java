package dev.oms.spi.order;

/**
 * Where an order is in its lifecycle. Kept apart from the payment and fulfilment statuses, which
 * are derived from amounts and quantities.
 */
public enum OrderStatus {
    /** Placed, not yet confirmed (payment and fraud checks may still run). */
    PENDING,
    /** Accepted for fulfilment; nothing allocated yet, so it can still be edited. */
    CONFIRMED,
    /** Fulfilment started: some quantity is allocated to a location or shipped. */
    PROCESSING,
    /** Every open unit was delivered and the order was completed. Returns may still follow. */
    COMPLETED,
    /** Every unit was cancelled. */
    CANCELLED,
    /** Closed for good; no command is accepted. */
    ARCHIVED
}
