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
    /** @throws InvalidInputException if a field is null or the change changes nothing */
    public InventoryChange {
        InvalidInputException.requireCode(changeId, "InventoryChange.changeId");
        InvalidInputException.requireNonNull(at, "InventoryChange.at");
        deltas = List.copyOf(InvalidInputException.requireNonNull(deltas, "InventoryChange.deltas"));
        InvalidInputException.requireNonNull(reservation, "InventoryChange.reservation");
        backorders = List.copyOf(InvalidInputException.requireNonNull(backorders, "InventoryChange.backorders"));
        events = List.copyOf(InvalidInputException.requireNonNull(events, "InventoryChange.events"));
        InvalidInputException.requireNonNull(operation, "InventoryChange.operation");
        if (deltas.isEmpty() && reservation.isEmpty() && backorders.isEmpty()) {
            throw new InvalidInputException("InventoryChange", "a change changes at least one position, "
                    + "reservation or backorder");
        }
    }
}
