package dev.oms.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import java.util.List;
import java.util.Optional;

/**
 * What a reservation request achieved. Never a silent success: anything not held in full is
 * listed per line in {@link #shortfalls()}.
 */
public sealed interface ReservationOutcome {
    /** @return the reservation, unless nothing was held or backordered */
    Optional<Reservation> reservation();

    /** @return the lines not held in full; empty only for {@link Reserved} */
    List<LineShortfall> shortfalls();

    /**
     * Every line held in full.
     *
     * @param held the reservation
     */
    record Reserved(Reservation held) implements ReservationOutcome {
        @Override
        public Optional<Reservation> reservation() {
            return Optional.of(held);
        }

        @Override
        public List<LineShortfall> shortfalls() {
            return List.of();
        }
    }

    /**
     * Some units held (policy {@link ReservePolicy#PARTIAL}), the rest not.
     *
     * @param held the reservation
     * @param shortfalls lines not held in full
     */
    record Partial(Reservation held, List<LineShortfall> shortfalls) implements ReservationOutcome {
        /** Copies the shortfalls. */
        public Partial {
            shortfalls = List.copyOf(shortfalls);
        }

        @Override
        public Optional<Reservation> reservation() {
            return Optional.of(held);
        }
    }

    /**
     * What exists is held and the rest backordered (policy {@link ReservePolicy#BACKORDER});
     * units beyond the backorder limit show as unfilled in the shortfalls.
     *
     * @param held the reservation, with its backorder lines
     * @param shortfalls lines not held in full
     */
    record Backordered(Reservation held, List<LineShortfall> shortfalls) implements ReservationOutcome {
        /** Copies the shortfalls. */
        public Backordered {
            shortfalls = List.copyOf(shortfalls);
        }

        @Override
        public Optional<Reservation> reservation() {
            return Optional.of(held);
        }
    }

    /**
     * Nothing held: all or nothing could not hold everything, or nothing at all was available.
     *
     * @param shortfalls every line, with what could not be held
     */
    record Refused(List<LineShortfall> shortfalls) implements ReservationOutcome {
        /** Copies the shortfalls. */
        public Refused {
            shortfalls = List.copyOf(shortfalls);
        }

        @Override
        public Optional<Reservation> reservation() {
            return Optional.empty();
        }
    }

    /**
     * A requested line that was not fully held: how much was asked, held and backordered. The host
     * acts on it: backorder, ship partially, re-route, or reject.
     *
     * @param lineId the order line
     * @param sku the SKU
     * @param location where it was asked for
     * @param requested units asked for
     * @param reserved units held
     * @param backordered units waiting for stock
     */
    record LineShortfall(LineId lineId, Sku sku, LocationId location, Quantity requested, Quantity reserved,
            Quantity backordered) {
        /** @throws InvalidInputException if a field is null */
        public LineShortfall {
            InvalidInputException.requireNonNull(lineId, "LineShortfall.lineId");
            InvalidInputException.requireNonNull(sku, "LineShortfall.sku");
            InvalidInputException.requireNonNull(location, "LineShortfall.location");
            InvalidInputException.requireNonNull(requested, "LineShortfall.requested");
            InvalidInputException.requireNonNull(reserved, "LineShortfall.reserved");
            InvalidInputException.requireNonNull(backordered, "LineShortfall.backordered");
        }

        /** @return units neither held nor backordered */
        public Quantity unfilled() {
            return requested.minus(reserved).minus(backordered);
        }
    }
}
