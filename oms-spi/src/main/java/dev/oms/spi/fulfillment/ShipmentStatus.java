package dev.oms.spi.fulfillment;

/** Where a parcel is, as the carrier reports it. */
public enum ShipmentStatus {
    /** Handed to the carrier with a label. */
    SHIPPED,
    /** Moving through the carrier's network. */
    IN_TRANSIT,
    /** On the van for delivery today. */
    OUT_FOR_DELIVERY,
    /** Delivered. */
    DELIVERED,
    /** A problem: damage, a failed attempt, an address issue. */
    EXCEPTION,
    /** On its way back, or back, at the sender. */
    RETURNED_TO_SENDER;

    /** @return whether no later carrier update can change it */
    public boolean isFinal() {
        return this == DELIVERED || this == RETURNED_TO_SENDER;
    }
}
