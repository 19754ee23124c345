package dev.oms.spi.inventory;

import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import java.time.Instant;
import java.util.Optional;

/**
 * A fact about stock that hosts act on: replenishment signals and filled backorders. Saved to the
 * inventory outbox in the same atomic step as the change it describes.
 */
public sealed interface InventoryEvent {
    /** @return the unique id, for de-duplication */
    EventId eventId();

    /** @return when it happened */
    Instant occurredAt();

    /**
     * Available fell below the reorder point: time to reorder.
     *
     * @param eventId unique id
     * @param occurredAt when
     * @param position the position
     * @param available available after the change
     * @param reorderPoint the position's reorder point
     * @param reorderQuantity the suggested reorder quantity
     */
    record LowStock(EventId eventId, Instant occurredAt, PositionKey position, long available, Quantity reorderPoint,
            Quantity reorderQuantity) implements InventoryEvent {
        /** @throws InvalidInputException if a field is null */
        public LowStock {
            InvalidInputException.requireNonNull(eventId, "LowStock.eventId");
            InvalidInputException.requireNonNull(occurredAt, "LowStock.occurredAt");
            InvalidInputException.requireNonNull(position, "LowStock.position");
            InvalidInputException.requireNonNull(reorderPoint, "LowStock.reorderPoint");
            InvalidInputException.requireNonNull(reorderQuantity, "LowStock.reorderQuantity");
        }

        /**
         * The replenishment rule every store applies to every position a change touches: a
         * signal when available goes from at or above the reorder point to below it. The event id
         * is derived from the change id, so it is unique without an id generator in the store.
         *
         * @param changeId the change's id
         * @param at the change's time
         * @param before the position before the change
         * @param after the position after it
         * @return the signal, if the change crossed the reorder point
         */
        public static Optional<LowStock> crossing(String changeId, Instant at, StockPosition before,
                StockPosition after) {
            if (before.belowReorderPoint() || !after.belowReorderPoint()) {
                return Optional.empty();
            }
            return Optional.of(new LowStock(EventId.of(changeId + "/low-stock/" + after.key()), at, after.key(),
                    after.available(), after.settings().reorderPoint(), after.settings().reorderQuantity()));
        }
    }

    /**
     * Arriving stock filled (part of) a backorder; the units are now held for the order.
     *
     * @param eventId unique id
     * @param occurredAt when
     * @param reservationId the reservation
     * @param orderId its order
     * @param lineId the order line
     * @param position where the units are held
     * @param quantity units filled
     */
    record BackorderFilled(EventId eventId, Instant occurredAt, ReservationId reservationId, OrderId orderId,
            LineId lineId, PositionKey position, Quantity quantity) implements InventoryEvent {
        /** @throws InvalidInputException if a field is null */
        public BackorderFilled {
            InvalidInputException.requireNonNull(eventId, "BackorderFilled.eventId");
            InvalidInputException.requireNonNull(occurredAt, "BackorderFilled.occurredAt");
            InvalidInputException.requireNonNull(reservationId, "BackorderFilled.reservationId");
            InvalidInputException.requireNonNull(orderId, "BackorderFilled.orderId");
            InvalidInputException.requireNonNull(lineId, "BackorderFilled.lineId");
            InvalidInputException.requireNonNull(position, "BackorderFilled.position");
            InvalidInputException.requireNonNull(quantity, "BackorderFilled.quantity");
        }
    }

    /**
     * A reservation lapsed at its expiry and its units are available again.
     *
     * @param eventId unique id
     * @param occurredAt when it was swept
     * @param reservationId the reservation
     * @param orderId its order
     * @param released units given back
     */
    record ReservationExpired(EventId eventId, Instant occurredAt, ReservationId reservationId, OrderId orderId,
            Quantity released) implements InventoryEvent {
        /** @throws InvalidInputException if a field is null */
        public ReservationExpired {
            InvalidInputException.requireNonNull(eventId, "ReservationExpired.eventId");
            InvalidInputException.requireNonNull(occurredAt, "ReservationExpired.occurredAt");
            InvalidInputException.requireNonNull(reservationId, "ReservationExpired.reservationId");
            InvalidInputException.requireNonNull(orderId, "ReservationExpired.orderId");
            InvalidInputException.requireNonNull(released, "ReservationExpired.released");
        }
    }
}
