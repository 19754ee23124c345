package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import java.util.List;
import java.util.Optional;

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

    /**
     * Why a conditional change was refused: at one position (or, with no location, in a SKU's
     * backorder allowance) fewer units were available than the change needed in total.
     *
     * @param sku the SKU
     * @param location the position's location; empty for the SKU's backorder allowance
     * @param requested units the change needed there, summed over all its deltas
     * @param available units that were available there
     */
    record Shortfall(Sku sku, Optional<LocationId> location, long requested, long available) {
        /** @throws InvalidInputException if a field is null */
        public Shortfall {
            InvalidInputException.requireNonNull(sku, "Shortfall.sku");
            InvalidInputException.requireNonNull(location, "Shortfall.location");
        }

        /** @return requested minus available */
        public long missing() {
            return requested - Math.max(0, available);
        }
    }
}
