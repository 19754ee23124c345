package dev.oms.spi.inventory;

import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.InvalidQuantityException;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Movement.MovementReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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

    /**
     * One movement to apply to one position: signed changes of its counts, why, and the condition the
     * store must check. The store applies it and appends it to the ledger as one {@link Movement}.
     *
     * @param key the position
     * @param reason why it changes
     * @param reference the document that caused it
     * @param onHand change of on hand
     * @param reserved change of reserved
     * @param damaged change of damaged
     * @param qualityControl change of quality control
     * @param requireAvailable if true, after all deltas of the change on this position are applied,
     *     available must not be negative (a reservation); otherwise only counts below zero are refused
     * @param expectedOnHand if present, on hand must equal it before the change (a count that sets
     *     on hand to what was counted must not race a concurrent shipment)
     */
    public record PositionDelta(PositionKey key, MovementReason reason, Reference reference, long onHand, long reserved,
            long damaged, long qualityControl, boolean requireAvailable, OptionalLong expectedOnHand) {
        /**
         * @throws InvalidInputException if a field is null, every delta is zero or one is beyond
         *     {@link StockPosition#MAX_UNITS}
         */
        public PositionDelta {
            InvalidInputException.requireNonNull(key, "PositionDelta.key");
            InvalidInputException.requireNonNull(reason, "PositionDelta.reason");
            InvalidInputException.requireNonNull(reference, "PositionDelta.reference");
            InvalidInputException.requireNonNull(expectedOnHand, "PositionDelta.expectedOnHand");
            if (onHand == 0 && reserved == 0 && damaged == 0 && qualityControl == 0) {
                throw new InvalidInputException("PositionDelta", "a movement changes at least one count");
            }
            requireMovable(key, onHand, "onHand");
            requireMovable(key, reserved, "reserved");
            requireMovable(key, damaged, "damaged");
            requireMovable(key, qualityControl, "qualityControl");
        }

        private static void requireMovable(PositionKey key, long count, String name) {
            if (count > StockPosition.MAX_UNITS || count < -StockPosition.MAX_UNITS) {
                throw new InvalidQuantityException("PositionDelta." + name + " of " + key, count,
                        "moves more than the most a position holds, " + StockPosition.MAX_UNITS);
            }
        }

        /**
         * A hold: reserved up by {@code quantity}, available must stay non-negative.
         *
         * @param key the position
         * @param quantity units, {@code > 0}
         * @param reason {@link MovementReason#RESERVE} or {@link MovementReason#MOVE_IN}
         * @param reference the cause
         * @return the delta
         */
        public static PositionDelta hold(PositionKey key, long quantity, MovementReason reason, Reference reference) {
            return new PositionDelta(key, reason, reference, 0, quantity, 0, 0, true, OptionalLong.empty());
        }

        /**
         * Reserved down by {@code quantity}.
         *
         * @param key the position
         * @param quantity units, {@code > 0}
         * @param reason release, expire or move out
         * @param reference the cause
         * @return the delta
         */
        public static PositionDelta unhold(PositionKey key, long quantity, MovementReason reason, Reference reference) {
            return new PositionDelta(key, reason, reference, 0, -quantity, 0, 0, false, OptionalLong.empty());
        }

        /**
         * On hand changes by {@code quantity} (a receipt, a restock, a signed adjustment).
         *
         * @param key the position
         * @param quantity signed units
         * @param reason why
         * @param reference the cause
         * @return the delta
         */
        public static PositionDelta onHand(PositionKey key, long quantity, MovementReason reason, Reference reference) {
            return new PositionDelta(key, reason, reference, quantity, 0, 0, 0, false, OptionalLong.empty());
        }
    }

    /**
     * A reservation to save with a change, if its stored version is the expected one.
     *
     * @param reservation the new state
     * @param expectedVersion the version it replaces; {@code 0} for a new reservation
     */
    public record ReservationWrite(Reservation reservation, long expectedVersion) {
        /** @throws InvalidInputException if null or the versions do not follow each other */
        public ReservationWrite {
            InvalidInputException.requireNonNull(reservation, "ReservationWrite.reservation");
            if (reservation.version() != expectedVersion + 1) {
                throw new InvalidInputException("ReservationWrite.expectedVersion", "reservation version "
                        + reservation.version() + " must be expectedVersion + 1 (was " + expectedVersion + ")");
            }
        }
    }

    /**
     * A change of a SKU's backordered units. A positive delta is refused if it would take the SKU
     * above its backorder limit.
     *
     * @param sku the SKU
     * @param delta signed units
     */
    public record BackorderDelta(Sku sku, long delta) {
        /** @throws InvalidInputException if the SKU is null or the delta zero */
        public BackorderDelta {
            InvalidInputException.requireNonNull(sku, "BackorderDelta.sku");
            if (delta == 0) {
                throw new InvalidInputException("BackorderDelta.delta", "must not be zero");
            }
        }
    }

    /**
     * An inventory operation's key, kept with its change so a repeat changes nothing.
     *
     * @param key the idempotency key
     * @param fingerprint a digest of the operation's content; the same key with other content is refused
     * @param reservationId the reservation the operation created or changed, if any
     * @param changeId the change it was applied in
     */
    public record OperationRecord(CommandKey key, String fingerprint, Optional<ReservationId> reservationId,
            String changeId) {
        /** @throws InvalidInputException if a field is null */
        public OperationRecord {
            InvalidInputException.requireNonNull(key, "OperationRecord.key");
            InvalidInputException.requireNonNull(fingerprint, "OperationRecord.fingerprint");
            InvalidInputException.requireNonNull(reservationId, "OperationRecord.reservationId");
            InvalidInputException.requireCode(changeId, "OperationRecord.changeId");
        }
    }
}
