package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;

/**
 * A reservation to save with a change, if its stored version is the expected one.
 *
 * @param reservation the new state
 * @param expectedVersion the version it replaces; {@code 0} for a new reservation
 */
public record ReservationWrite(Reservation reservation, long expectedVersion) {
    /** @throws InvalidInputException if null or the versions do not follow each other */
    public ReservationWrite {
        InvalidInputException.requireNonNull(reservation, "ReservationWrite.reservation");
        if (reservation.version() != expectedVersion + 1) {
            throw new InvalidInputException("ReservationWrite.expectedVersion", "reservation version "
                    + reservation.version() + " must be expectedVersion + 1 (was " + expectedVersion + ")");
        }
    }
}
