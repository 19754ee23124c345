package dev.oms.spi.returns;

/**
 * Where a return request is in its lifecycle. The allowed moves are declared once in oms-returns'
 * {@code ReturnTransitions}; its Mermaid rendering is the diagram in the module README.
 */
public enum ReturnStatus {
    /** Asked for; the policy let it through. */
    REQUESTED,
    /** Accepted by the merchant; the customer may send the units (claims: may be resolved). */
    APPROVED,
    /** Refused by the merchant. Final. */
    REJECTED,
    /** A prepaid return label was issued through the carrier. */
    LABEL_ISSUED,
    /** The parcel is on its way back. */
    IN_TRANSIT,
    /** Some or all units arrived at the return location. */
    RECEIVED,
    /** Every received unit has a condition and a disposition. */
    INSPECTED,
    /** The refund was paid. */
    REFUNDED,
    /** The replacement order was created and settled (exchanges, replacement claims). */
    EXCHANGED,
    /** Nothing more to do. Final. */
    CLOSED,
    /** Withdrawn before the units arrived. Final. */
    CANCELLED;

    /** @return whether no command can change it any more */
    public boolean isFinal() {
        return this == REJECTED || this == CLOSED || this == CANCELLED;
    }
}
