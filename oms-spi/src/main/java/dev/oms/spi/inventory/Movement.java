package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import java.time.Instant;

/**
 * One entry of the append-only movement ledger: a signed change of one position's counts, why,
 * and what caused it. Summing a position's movements gives its counts; the reconciliation
 * compares the two.
 *
 * @param sequence increases with every movement the store appends, in application order
 * @param key the position
 * @param reason why it changed
 * @param reference the document that caused it
 * @param onHand change of on hand
 * @param reserved change of reserved
 * @param damaged change of damaged
 * @param qualityControl change of quality control
 * @param at when
 * @param changeId the change it was part of
 */
public record Movement(long sequence, PositionKey key, MovementReason reason, Reference reference, long onHand,
        long reserved, long damaged, long qualityControl, Instant at, String changeId) {
    /** @throws InvalidInputException if a field is null */
    public Movement {
        InvalidInputException.requireNonNull(key, "Movement.key");
        InvalidInputException.requireNonNull(reason, "Movement.reason");
        InvalidInputException.requireNonNull(reference, "Movement.reference");
        InvalidInputException.requireNonNull(at, "Movement.at");
        InvalidInputException.requireNonNull(changeId, "Movement.changeId");
    }

    /**
     * @param sequence the ledger sequence the store assigns
     * @param delta the applied delta
     * @param at when
     * @param changeId the change
     * @return the movement recording the delta
     */
    public static Movement of(long sequence, PositionDelta delta, Instant at, String changeId) {
        return new Movement(sequence, delta.key(), delta.reason(), delta.reference(), delta.onHand(),
                delta.reserved(), delta.damaged(), delta.qualityControl(), at, changeId);
    }

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
}
