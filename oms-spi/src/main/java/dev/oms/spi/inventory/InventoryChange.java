package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one inventory operation changes, to be applied all or nothing: position deltas
 * (each also one ledger movement), the reservation's new state, backorder deltas, the events to
 * publish and the operation's key.
 *
 * @param changeId unique id of this change (movements and derived event ids refer to it)
 * @param at when
 * @param deltas position deltas, in the order they happen
 * @param reservation the reservation to save, if the change touches one
 * @param backorders backorder deltas
 * @param events events to append to the outbox if the change applies
 * @param operation the operation's key record, if it had a key
 */
public record InventoryChange(String changeId, Instant at, List<PositionDelta> deltas,
        Optional<ReservationWrite> reservation, List<BackorderDelta> backorders, List<InventoryEvent> events,
        Optional<OperationRecord> operation) {
    /**
     * The most movements one change holds: with each at most {@link StockPosition#MAX_UNITS}, their
     * sum on one position stays far inside {@code long} range in every store.
     */
    public static final int MAX_DELTAS = 100_000;

    /** @throws InvalidInputException if a field is null, the change changes nothing or holds more than {@value #MAX_DELTAS} movements */
    public InventoryChange {
        InvalidInputException.requireCode(changeId, "InventoryChange.changeId");
        InvalidInputException.requireNonNull(at, "InventoryChange.at");
        deltas = List.copyOf(InvalidInputException.requireNonNull(deltas, "InventoryChange.deltas"));
        InvalidInputException.requireNonNull(reservation, "InventoryChange.reservation");
        backorders = List.copyOf(InvalidInputException.requireNonNull(backorders, "InventoryChange.backorders"));
        events = List.copyOf(InvalidInputException.requireNonNull(events, "InventoryChange.events"));
        InvalidInputException.requireNonNull(operation, "InventoryChange.operation");
        if (deltas.size() > MAX_DELTAS) {
            throw new InvalidInputException("InventoryChange.deltas", deltas.size() + " movements, more than "
                    + MAX_DELTAS);
        }
        if (deltas.isEmpty() && reservation.isEmpty() && backorders.isEmpty()) {
            throw new InvalidInputException("InventoryChange", "a change changes at least one position, "
                    + "reservation or backorder");
        }
    }
}
