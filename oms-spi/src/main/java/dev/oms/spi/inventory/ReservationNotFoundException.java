package dev.oms.spi.inventory;

import dev.oms.spi.OmsException;
import dev.oms.spi.ReservationId;

/** No reservation with this id exists. */
public class ReservationNotFoundException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final ReservationId reservationId;

    /** @param reservationId the id that was looked up */
    public ReservationNotFoundException(ReservationId reservationId) {
        super("reservation " + reservationId + " not found");
        this.reservationId = reservationId;
    }

    /** @return the id that was looked up */
    public ReservationId reservationId() {
        return reservationId;
    }
}
