package dev.oms.spi.inventory;

import dev.oms.spi.ReservationId;
import dev.oms.spi.StaleVersionException;

/**
 * A reservation was saved concurrently: the expected version is no longer the stored one.
 * Nothing was written; read the reservation again and decide again.
 */
public class ReservationConflictException extends StaleVersionException {
    private static final long serialVersionUID = 1L;

    private final ReservationId reservationId;

    /**
     * @param reservationId the reservation
     * @param expectedVersion the version the change was based on
     * @param actualVersion the stored version (0 if none)
     */
    public ReservationConflictException(ReservationId reservationId, long expectedVersion, long actualVersion) {
        super("reservation " + reservationId, expectedVersion, actualVersion);
        this.reservationId = reservationId;
    }

    /** @return the reservation */
    public ReservationId reservationId() {
        return reservationId;
    }
}
