package dev.oms.spi.inventory;

import dev.oms.spi.OrderId;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reservation side of the inventory store: reservations by id and by order, the ones about to
 * expire, the ones waiting for stock, and the purge of closed ones. Reservations are written only
 * through {@link InventoryStore#apply}. Implementations are thread-safe.
 */
public interface Reservations {
    /**
     * @param id a reservation id
     * @return the reservation, if saved
     */
    Optional<Reservation> reservation(ReservationId id);

    /**
     * @param orderId an order
     * @return its reservations, oldest first
     */
    List<Reservation> reservationsOf(OrderId orderId);

    /**
     * @param notAfter a time
     * @param limit the most to return
     * @return active reservations whose expiry is at or before {@code notAfter}, earliest first
     */
    List<Reservation> expiring(Instant notAfter, int limit);

    /**
     * @param sku a SKU
     * @return active reservations with open backorders of that SKU, in fill order: priority
     *     (higher first), then creation time, then id
     */
    List<Reservation> openBackorders(Sku sku);

    /**
     * Deletes reservations that closed (released, committed, expired) more than {@code olderThan}
     * ago by the store's clock, oldest first, with their entries in the order and backorder
     * indexes; active reservations are never touched. The ledger keeps the movements they made.
     *
     * @param olderThan how long a closed reservation is kept, not negative
     * @param limit the most to delete, {@code > 0}
     * @return how many were deleted
     * @throws dev.oms.spi.InvalidInputException if the horizon is negative or the limit not positive
     */
    int purgeClosedReservations(java.time.Duration olderThan, int limit);
}
