package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import java.util.List;

/** What {@link InventoryStore#apply} did: everything, or nothing and why. */
public sealed interface ApplyResult {
    /**
     * Every delta, the reservation, the backorders, the events and the key were saved.
     *
     * @param positions the touched positions after the change, in key order
     * @param events the events appended: the change's own, then derived low-stock signals
     */
    record Applied(List<StockPosition> positions, List<InventoryEvent> events) implements ApplyResult {
        /** Copies the lists. */
        public Applied {
            positions = List.copyOf(InvalidInputException.requireNonNull(positions, "Applied.positions"));
            events = List.copyOf(InvalidInputException.requireNonNull(events, "Applied.events"));
        }
    }

    /**
     * Nothing was saved: at least one condition failed. Every failing position (and backorder
     * allowance) is listed, not only the first.
     *
     * @param shortfalls what was missing where
     */
    record Refused(List<Shortfall> shortfalls) implements ApplyResult {
        /** Copies the list; it is never empty. */
        public Refused {
            shortfalls = List.copyOf(InvalidInputException.requireNonNull(shortfalls, "Refused.shortfalls"));
            if (shortfalls.isEmpty()) {
                throw new InvalidInputException("Refused.shortfalls", "a refusal names at least one shortfall");
            }
        }
    }
}
