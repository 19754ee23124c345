package dev.oms.spi.inventory;

/** Where a reservation is in its life. */
public enum ReservationStatus {
    /** Holds units or waits for backordered ones. */
    ACTIVE,
    /** Everything held was given back (and nothing committed). */
    RELEASED,
    /** Nothing is held any more and some units shipped. */
    COMMITTED,
    /** It lapsed at its expiry; its units are available again. */
    EXPIRED;

    /** @return whether the reservation still holds or awaits units */
    public boolean isActive() {
        return this == ACTIVE;
    }
}
