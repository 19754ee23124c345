package dev.oms.spi.inventory;

import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.ReservationId;
import java.util.Optional;

/**
 * An inventory operation's key, kept with its change so a repeat changes nothing.
 *
 * @param key the idempotency key
 * @param fingerprint a digest of the operation's content; the same key with other content is refused
 * @param reservationId the reservation the operation created or changed, if any
 * @param changeId the change it was applied in
 */
public record OperationRecord(CommandKey key, String fingerprint, Optional<ReservationId> reservationId,
        String changeId) {
    /** @throws InvalidInputException if a field is null */
    public OperationRecord {
        InvalidInputException.requireNonNull(key, "OperationRecord.key");
        InvalidInputException.requireNonNull(fingerprint, "OperationRecord.fingerprint");
        InvalidInputException.requireNonNull(reservationId, "OperationRecord.reservationId");
        InvalidInputException.requireCode(changeId, "OperationRecord.changeId");
    }
}
