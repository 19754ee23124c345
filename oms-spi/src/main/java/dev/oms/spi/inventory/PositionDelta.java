package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import java.util.OptionalLong;

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
    /** @throws InvalidInputException if a field is null, every delta is zero or one is beyond {@link StockPosition#MAX_UNITS} */
    public PositionDelta {
        InvalidInputException.requireNonNull(key, "PositionDelta.key");
        InvalidInputException.requireNonNull(reason, "PositionDelta.reason");
        InvalidInputException.requireNonNull(reference, "PositionDelta.reference");
        InvalidInputException.requireNonNull(expectedOnHand, "PositionDelta.expectedOnHand");
        if (onHand == 0 && reserved == 0 && damaged == 0 && qualityControl == 0) {
            throw new InvalidInputException("PositionDelta", "a movement changes at least one count");
        }
        long[] counts = {onHand, reserved, damaged, qualityControl};
        String[] names = {"onHand", "reserved", "damaged", "qualityControl"};
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > StockPosition.MAX_UNITS || counts[i] < -StockPosition.MAX_UNITS) {
                throw new dev.oms.spi.InvalidQuantityException("PositionDelta." + names[i] + " of " + key, counts[i],
                        "moves more than the most a position holds, " + StockPosition.MAX_UNITS);
            }
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
