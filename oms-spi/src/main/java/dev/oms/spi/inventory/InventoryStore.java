package dev.oms.spi.inventory;

import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.PositionConflictException;
import dev.oms.spi.Purgeable;
import dev.oms.spi.Sku;
import dev.oms.spi.StaleVersionException.ReservationConflictException;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryChange.ReservationWrite;
import dev.oms.spi.store.EventOutbox;
import java.util.List;
import java.util.Optional;

/**
 * Where stock positions, reservations, the movement ledger, backorder allowances and the
 * inventory outbox live. Its reads are split by who needs them ({@link StockPositions},
 * {@link Reservations}, {@link StockLedger}, the outbox side {@link EventOutbox}); the one write
 * is {@link #apply}. The atomicity of stock lives here, not in the engine: the engine never
 * relies on a JVM lock, so several application instances on one store never oversell.
 *
 * <h2>Contract of {@link #apply}</h2>
 * <ol>
 *   <li><b>All or nothing.</b> Either every part of the change is saved (position deltas, one
 *       ledger movement per delta, the reservation, backorder deltas, the events, derived
 *       low-stock events, the operation key) or none is.</li>
 *   <li><b>Conditions are checked on totals.</b> Deltas are grouped by position and summed;
 *       for a position with any delta marked {@code requireAvailable}, the position after all of
 *       the change's deltas must have {@code onHand - reserved - safetyStock >= 0}. Two lines of
 *       one request on one SKU are therefore checked against their sum, never each against the
 *       same availability. No count (on hand, reserved, damaged, quality control) may go below
 *       zero. A positive backorder delta requires the SKU's backordered units to stay within
 *       its limit.</li>
 *   <li><b>Every shortfall is reported.</b> If any condition fails, {@link ApplyResult.Refused}
 *       lists each failing position and backorder allowance with what was requested and what
 *       was available, and nothing is saved. (For a count that would go below zero, requested
 *       is the units taken away and available the units there.)</li>
 *   <li><b>Expected counts.</b> A delta with {@code expectedOnHand} requires that on hand equal it
 *       before the change; otherwise {@link PositionConflictException} and nothing is saved.</li>
 *   <li><b>Linearizable.</b> Concurrent changes behave as if applied one at a time in some order
 *       consistent with real time. A read of one position or one reservation returns it as some
 *       prefix of the applied changes left it, never half a change.</li>
 *   <li><b>Deadlock-free.</b> Changes touching many positions must not deadlock each other
 *       (lock or update positions in {@link PositionKey} order, or use compare-and-set).</li>
 *   <li><b>Reservations are optimistic.</b> The reservation is saved only if its stored version
 *       equals {@link ReservationWrite#expectedVersion()} (0: must not exist); otherwise
 *       {@link ReservationConflictException} and nothing is saved. This check (and the
 *       expected on-hand check) comes before the stock conditions: a change planned on a
 *       reservation that has moved on is a conflict to decide again, not a shortfall.</li>
 *   <li><b>Keys are recorded once.</b> A change whose operation key is already recorded throws
 *       {@link CommandKeyConflictException} and saves nothing.</li>
 *   <li><b>Unknown positions.</b> A delta on a position that was never defined throws
 *       {@link UnknownPositionException} and saves nothing.</li>
 *   <li><b>Replenishment signals.</b> For every touched position, the store appends
 *       {@link InventoryEvent.LowStock#crossing} when it applies, in the same atomic step.</li>
 *   <li><b>Ledger.</b> Movements are appended with increasing sequence numbers, never changed or
 *       removed; a position's counts always equal the sums of its movements.</li>
 * </ol>
 * Implementations are thread-safe.
 */
public interface InventoryStore extends StockPositions, Reservations, StockLedger, EventOutbox<InventoryEvent>,
        Purgeable {

    /**
     * Applies a change atomically (see the contract above).
     *
     * @param change the change
     * @return applied with the touched positions, or refused with every shortfall
     * @throws ReservationConflictException if the reservation's stored version is not the expected one
     * @throws CommandKeyConflictException if the operation key is already recorded
     * @throws UnknownPositionException if a delta names an undefined position
     * @throws PositionConflictException if an expected on hand does not match
     */
    ApplyResult apply(InventoryChange change);

    /**
     * @param key an operation key
     * @return the record saved with it, if any
     */
    Optional<OperationRecord> findOperation(CommandKey key);

    /** What {@link InventoryStore#apply} did: everything, or nothing and why. */
    sealed interface ApplyResult {
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
}
