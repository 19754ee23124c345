package dev.oms.spi.inventory;

import dev.oms.spi.CommandKey;
import dev.oms.spi.CommandKeyConflictException;
import dev.oms.spi.EventId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Purgeable;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryChange.ReservationWrite;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.store.EventOutbox;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where stock positions, reservations, the movement ledger, backorder allowances and the
 * inventory outbox live. The atomicity of stock lives here, not in the engine: the engine never
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
public interface InventoryStore extends EventOutbox<InventoryEvent>, Purgeable {
    /**
     * Creates a position with nothing on hand, or changes the settings of an existing one
     * (without a ledger movement: settings are not stock).
     *
     * @param key the position
     * @param settings safety stock and reorder settings
     * @return the position after the call
     */
    StockPosition definePosition(PositionKey key, PositionSettings settings);

    /**
     * @param key a position
     * @return the position, if defined
     */
    Optional<StockPosition> position(PositionKey key);

    /**
     * @param sku a SKU
     * @return its positions at every location where it is defined, in key order
     */
    List<StockPosition> positions(Sku sku);

    /**
     * Sets how many units of a SKU may be backordered (0 by default). Lowering it below what is
     * backordered does not cancel backorders; it only refuses new ones.
     *
     * @param sku the SKU
     * @param limit the most units waiting at once
     */
    void setBackorderLimit(Sku sku, Quantity limit);

    /**
     * @param sku a SKU
     * @return its backorder limit and backordered units (limit 0, none backordered, if never set)
     */
    BackorderAccount backorderAccount(Sku sku);

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
     * @param key a position
     * @return its ledger movements not folded into its checkpoint, oldest first
     */
    List<Movement> movements(PositionKey key);

    /**
     * Reads a position, its checkpoint and its remaining movements as one consistent state (no
     * change half seen, no compaction half seen). Inside a host's transaction it reads with the
     * host's isolation, which under {@code READ COMMITTED} may see a change or a compaction that
     * commits between its reads.
     *
     * @param key a position
     * @return the three together, if the position exists
     */
    Optional<LedgerTail> ledgerTail(PositionKey key);

    /**
     * Folds movements made more than {@code olderThan} ago (by their time, against the store's
     * clock) into their positions' checkpoints and deletes them: at most {@code limit} per call,
     * oldest first (by sequence, or position by position), each fold and delete in one step, so {@link #ledgerTail} never sees one
     * without the other and a position's counts keep equalling checkpoint plus movements.
     *
     * @param olderThan how long movements stay in the ledger, not negative
     * @param limit the most to fold, {@code > 0}
     * @return how many were folded
     * @throws dev.oms.spi.InvalidInputException if the horizon is negative or the limit not positive
     */
    int compactLedger(java.time.Duration olderThan, int limit);

    /**
     * @param key an operation key
     * @return the record saved with it, if any
     */
    Optional<OperationRecord> findOperation(CommandKey key);

    /**
     * Records (or replaces, by reference) stock on its way.
     *
     * @param incoming the expected stock
     */
    void expectIncoming(IncomingStock incoming);

    /**
     * Forgets incoming stock, for example when it was received.
     *
     * @param reference the purchase order or transfer
     */
    void removeIncoming(Reference reference);

    /**
     * @param sku a SKU
     * @return stock on its way for it, earliest first
     */
    List<IncomingStock> incoming(Sku sku);



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
