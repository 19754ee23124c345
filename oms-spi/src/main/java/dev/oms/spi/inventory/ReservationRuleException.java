package dev.oms.spi.inventory;

import dev.oms.spi.OmsException;
import dev.oms.spi.ReservationId;

/**
 * A reservation operation a rule refuses, for example committing more than is held or
 * committing an expired reservation. {@link #rule()} is a stable name.
 */
public class ReservationRuleException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final ReservationId reservationId;
    private final String rule;

    /**
     * @param reservationId the reservation
     * @param rule the rule's stable name
     * @param message what was refused and why
     */
    public ReservationRuleException(ReservationId reservationId, String rule, String message) {
        super("reservation " + reservationId + ": " + message + " [rule " + rule + "]");
        this.reservationId = reservationId;
        this.rule = rule;
    }

    /** @return the reservation */
    public ReservationId reservationId() {
        return reservationId;
    }

    /** @return the rule's stable name */
    public String rule() {
        return rule;
    }
}
