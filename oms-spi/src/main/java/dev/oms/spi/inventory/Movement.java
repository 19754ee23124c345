package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
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
}
