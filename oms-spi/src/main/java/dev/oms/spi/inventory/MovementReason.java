package dev.oms.spi.inventory;

/** Why a position changed; every ledger movement names one. */
public enum MovementReason {
    /** Units arrived (purchase order, transfer). On hand up. */
    RECEIPT,
    /** Units held for an order. Reserved up. */
    RESERVE,
    /** A hold was given back (cancellation, partial release). Reserved down. */
    RELEASE,
    /** A hold lapsed at its expiry. Reserved down. */
    EXPIRE,
    /** A reservation moved away from this location. Reserved down. */
    MOVE_OUT,
    /** A reservation moved to this location. Reserved up. */
    MOVE_IN,
    /** Units shipped. On hand and reserved down. */
    COMMIT,
    /** A cycle count set on hand to what was counted. */
    COUNT,
    /** Units found damaged. On hand down, damaged up. */
    DAMAGE,
    /** Returned units put back into sellable stock. On hand up. */
    RESTOCK,
    /** Units placed in or released from quality control. */
    QUALITY_CONTROL,
    /** Returned units set aside for refurbishment. Quality control up. */
    RETURN_REFURBISH,
    /** Returned units to be destroyed. Damaged up. */
    RETURN_DISPOSE,
    /** Returned units to go back to the supplier. Damaged up. */
    RETURN_TO_VENDOR
}
