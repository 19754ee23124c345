package dev.oms.spi.inventory;

import dev.oms.spi.OmsException;
import dev.oms.spi.ReservationId;

/**
 * A reservation was saved concurrently: the expected version is no longer the stored one.
 * Nothing was written; read the reservation again and decide again.
 */
public class ReservationConflictException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final ReservationId reservationId;
    private final long expectedVersion;
    private final long actualVersion;

    /**
     * @param reservationId the reservation
     * @param expectedVersion the version the change was based on
     * @param actualVersion the stored version (0 if none)
     */
    public ReservationConflictException(ReservationId reservationId, long expectedVersion, long actualVersion) {
        super("reservation " + reservationId + " was saved concurrently: expected version " + expectedVersion
                + " but the stored version is " + actualVersion);
        this.reservationId = reservationId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** @return the reservation */
    public ReservationId reservationId() {
        return reservationId;
    }

    /** @return the version the change was based on */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** @return the stored version */
    public long actualVersion() {
        return actualVersion;
    }
}
