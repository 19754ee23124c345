package dev.oms.spi.returns;

/** What a return request is for. */
public enum ReturnKind {
    /** The customer sends units back for a refund. */
    RETURN,
    /** The customer sends units back for a replacement order of other items. */
    EXCHANGE,
    /**
     * Nothing comes back: an item was lost in transit, arrived damaged or was the wrong one; the
     * merchant refunds it or sends a free replacement.
     */
    CLAIM
}
