package dev.oms.inventory;

import dev.oms.inventory.internal.Backorders;
import dev.oms.inventory.internal.Ledger;
import dev.oms.inventory.internal.ReservationChanges;
import dev.oms.inventory.internal.Reserving;
import dev.oms.inventory.internal.Stock;
import dev.oms.inventory.internal.StockMovements;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.InvalidInputException.UnknownSkuException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.ReservationNotFoundException;
import dev.oms.spi.OmsException.ReservationRuleException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.InsufficientStockException;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.Movement;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.returns.Inspection.Disposition;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The reservation engine: holds, releases, moves and commits stock for orders, receives and
 * counts stock, fills backorders, sweeps expired holds. Every operation is idempotent by its
 * {@link CommandKey} and every refusal is a typed exception or a typed
 * {@link ReservationOutcome}, with nothing changed.
 *
 * <p>Correctness lives in the {@link InventoryStore}: each operation becomes one
 * {@link InventoryChange} that the store applies all or nothing, checking availability on the
 * summed deltas of each position. This class holds no lock; several instances on one store (in
 * one JVM or many) never oversell. When a reservation was changed concurrently, the operation
 * is decided again on the fresh reservation, up to {@link Builder#maxAttempts} times.
 *
 * <p>Thread-safe.
 */
public final class InventoryService {
    private final InventoryStore store;
    private final Availability availability;
    private final Stock stock;
    private final Reserving reserving;
    private final ReservationChanges changes;
    private final StockMovements movements;
    private final Backorders backorders;

    private InventoryService(Builder builder) {
        this.store = builder.store;
        this.availability = new Availability(builder.store, builder.availabilityTtl, builder.availabilityMaxSkus,
                builder.clock);
        this.stock = new Stock(builder.store, builder.clock, builder.ids, availability::update,
                builder.maxAttempts);
        this.reserving = new Reserving(stock);
        this.changes = new ReservationChanges(stock);
        this.backorders = new Backorders(stock);
        this.movements = new StockMovements(stock, backorders);
    }

    /**
     * @param store where stock lives
     * @return a builder (system UTC clock, random ids, availability cached for 1 second)
     */
    public static Builder builder(InventoryStore store) {
        return new Builder(InvalidInputException.requireNonNull(store, "store"));
    }

    /** @return available to promise, cached */
    public Availability availability() {
        return availability;
    }

    // ---------------------------------------------------------------- set-up and reads

    /**
     * Stocks a SKU at a location (nothing on hand yet), or changes the position's settings.
     *
     * @param sku the SKU
     * @param location the location
     * @param settings safety stock and reorder settings
     * @return the position
     */
    public StockPosition definePosition(Sku sku, LocationId location, PositionSettings settings) {
        StockPosition position = store.definePosition(PositionKey.of(sku, location), settings);
        availability.invalidate(sku);
        return position;
    }

    /**
     * @param sku the SKU
     * @param limit the most units that may wait for stock at once
     */
    public void setBackorderLimit(Sku sku, Quantity limit) {
        InvalidInputException.requireNonNull(sku, "sku");
        InvalidInputException.requireNonNull(limit, "limit");
        store.setBackorderLimit(sku, limit);
    }

    /**
     * @param sku a SKU
     * @param location a location
     * @return the position
     * @throws UnknownSkuException if the SKU is stocked nowhere
     * @throws UnknownPositionException if it is not stocked at that location
     */
    public StockPosition position(Sku sku, LocationId location) {
        return stock.position(sku, location);
    }

    /**
     * The movement ledger of one position, for audit screens and reconciliation reports.
     *
     * @param sku the SKU
     * @param location the location
     * @return its movements, oldest first
     * @throws UnknownSkuException if the SKU is stocked nowhere
     * @throws UnknownPositionException if it is not stocked at that location
     */
    public List<Movement> movements(Sku sku, LocationId location) {
        return store.movements(position(sku, location).key());
    }

    /**
     * @param id a reservation id
     * @return the reservation
     * @throws ReservationNotFoundException if there is none
     */
    public Reservation reservation(ReservationId id) {
        return findReservation(id).orElseThrow(() -> new ReservationNotFoundException(id));
    }

    /**
     * @param id a reservation
     * @return it, if it exists (a closed reservation is gone once the retention purge deleted it)
     */
    public Optional<Reservation> findReservation(ReservationId id) {
        return store.reservation(InvalidInputException.requireNonNull(id, "id"));
    }

    /**
     * @param orderId an order
     * @return its reservations, oldest first
     */
    public List<Reservation> reservationsOf(OrderId orderId) {
        return store.reservationsOf(orderId);
    }

    /**
     * Recomputes positions from the movement ledger (its checkpoint plus the movements compaction
     * left, read as one consistent state, so the work is bounded by what compaction keeps) and
     * compares them with the stored counts.
     *
     * @param skus the SKUs to check
     * @return every position of those SKUs, with ledger and stored counts side by side
     */
    public Reconciliation reconcile(Collection<Sku> skus) {
        return Ledger.reconcile(store, skus);
    }

    /**
     * Holds stock for an order's lines, by the request's policy. Lines on the same position are
     * checked against their sum. Repeating the key returns the outcome of the reservation it
     * created; a refused request records nothing, so repeating it tries again.
     *
     * @param request what to hold where, and how
     * @param key the idempotency key
     * @return reserved, partial, backordered or refused, never a silent shortfall
     * @throws UnknownSkuException if a SKU is stocked nowhere
     * @throws UnknownPositionException if a SKU is not stocked at the requested location
     * @throws InvalidInputException if the expiry is not in the future
     * @throws CommandKeyConflictException if the key was used for something else
     */
    public ReservationOutcome reserve(ReserveRequest request, CommandKey key) {
        return reserving.reserve(request, key);
    }

    /**
     * What a reservation means for the request that made it, from the reservation alone (it
     * keeps what was requested and the policy).
     *
     * @param reservation a reservation
     * @return reserved, partial or backordered, with a shortfall per line not held in full
     */
    public static ReservationOutcome outcome(Reservation reservation) {
        return Reserving.outcome(reservation);
    }

    /**
     * The outcome of a reservation request already applied under this key, if any: how a host
     * (or {@link OrderReservations}) finds out what a finished step did without repeating it.
     *
     * @param key the key the request was made with
     * @return the outcome, if a reservation was made under the key
     */
    public Optional<ReservationOutcome> outcomeOf(CommandKey key) {
        return reserving.outcomeOf(key);
    }

    /**
     * Releases everything a reservation holds and cancels its open backorders (for example on
     * an order cancellation). Releasing a reservation that is no longer active changes nothing
     * and is not an error.
     *
     * @param id the reservation
     * @param key the idempotency key
     * @return the reservation after the release
     * @throws ReservationNotFoundException if there is no such reservation
     */
    public Reservation release(ReservationId id, CommandKey key) {
        return changes.release(id, key);
    }

    /**
     * Keeps a hold that would lapse (a checkout's or a quote's) for good: the reservation no
     * longer expires, as an order's own does. How a converted quote's held stock becomes its
     * order's: the fulfilment order that ships it must not lose it at the quote's expiry.
     *
     * @param id the reservation
     * @param key the idempotency key
     * @return the reservation, without an expiry (one without changes nothing)
     * @throws ReservationRuleException ({@code reservation-expired}) if it lapsed already, or if it is
     *     not active
     */
    public Reservation keep(ReservationId id, CommandKey key) {
        return changes.keep(id, key);
    }

    /**
     * Releases part of one line: its open backorder first, then held units in the order of the
     * line's positions.
     *
     * @param id the reservation
     * @param lineId the order line
     * @param quantity units, {@code > 0}
     * @param key the idempotency key
     * @return the reservation after the release
     * @throws ReservationRuleException if the reservation is not active or holds and awaits
     *     fewer units of the line
     */
    public Reservation release(ReservationId id, LineId lineId, Quantity quantity, CommandKey key) {
        return changes.release(id, lineId, quantity, key);
    }

    /**
     * Moves held units of a line from one location to another, checked against the stock there.
     *
     * @param id the reservation
     * @param lineId the order line
     * @param from where the units are held
     * @param to where they should be held
     * @param quantity units, {@code > 0}
     * @param key the idempotency key
     * @return the reservation after the move
     * @throws InsufficientStockException if the destination has not enough available
     * @throws UnknownPositionException if the SKU is not stocked at the destination
     * @throws ReservationRuleException if the reservation is not active or holds fewer units there
     */
    public Reservation move(ReservationId id, LineId lineId, LocationId from, LocationId to, Quantity quantity,
            CommandKey key) {
        return changes.move(id, lineId, from, to, quantity, key);
    }

    /**
     * Commits held units on shipment: on hand and reserved both drop.
     *
     * @param id the reservation
     * @param lineId the order line
     * @param location where the units are held
     * @param quantity units, {@code > 0}
     * @param shipment the shipment (the ledger's reference)
     * @param key the idempotency key
     * @return the reservation after the commit
     * @throws ReservationRuleException if the reservation is not active, has expired, or holds
     *     fewer units there ({@code commit-within-held})
     */
    public Reservation commit(ReservationId id, LineId lineId, LocationId location, Quantity quantity,
            Reference shipment, CommandKey key) {
        return changes.commit(id, lineId, location, quantity, shipment, key);
    }

    /**
     * Releases every active reservation whose expiry has passed on the injected clock; their
     * units are available again and each gets a {@code ReservationExpired} event.
     *
     * @return how many reservations lapsed
     */
    public int sweepExpired() {
        return changes.sweepExpired();
    }

    /**
     * Receives stock (a purchase order, a transfer): on hand goes up, incoming stock with the same
     * reference is forgotten, and backorders of the SKU are filled in their order.
     *
     * @param sku the SKU
     * @param location where it arrived
     * @param quantity units, {@code > 0}
     * @param receipt the purchase order or transfer
     * @param key the idempotency key
     * @return the position after the receipt (before filling backorders)
     */
    public StockPosition receive(Sku sku, LocationId location, Quantity quantity, Reference receipt,
            CommandKey key) {
        return movements.receive(sku, location, quantity, receipt, key);
    }

    /**
     * Puts returned units back into sellable stock and fills backorders.
     *
     * @param sku the SKU
     * @param location where they are restocked
     * @param quantity units, {@code > 0}
     * @param returnRef the return
     * @param key the idempotency key
     * @return the position after the restock (before filling backorders)
     */
    public StockPosition restock(Sku sku, LocationId location, Quantity quantity, Reference returnRef,
            CommandKey key) {
        return movements.restock(sku, location, quantity, returnRef, key);
    }

    /**
     * Records inspected return units at a location by their disposition: a restock puts them back
     * into sellable stock (as {@link #restock}); refurbishment puts them into quality control;
     * disposal and return to vendor count them as damaged. Every disposition is a ledger
     * movement with the return as its reference; only a restock makes units available.
     *
     * @param sku the SKU
     * @param location where the units are
     * @param quantity units, {@code > 0}
     * @param disposition what happens to them
     * @param returnRef the return
     * @param key the idempotency key
     * @return the position after the movement (before filling backorders)
     */
    public StockPosition receiveReturn(Sku sku, LocationId location, Quantity quantity, Disposition disposition,
            Reference returnRef, CommandKey key) {
        return movements.receiveReturn(sku, location, quantity, disposition, returnRef, key);
    }

    /**
     * Sets on hand to what a cycle count found. Conditional on the on hand the count was based on,
     * so it never loses a concurrent shipment: on a race it reads again and sets again.
     *
     * @param sku the SKU
     * @param location where it was counted
     * @param counted units found
     * @param count the count document
     * @param key the idempotency key
     * @return the position after the count
     */
    public StockPosition count(Sku sku, LocationId location, Quantity counted, Reference count, CommandKey key) {
        return movements.count(sku, location, counted, count, key);
    }

    /**
     * Moves units found damaged out of sellable stock.
     *
     * @param sku the SKU
     * @param location where
     * @param quantity units, {@code > 0}
     * @param reference the count or inspection
     * @param key the idempotency key
     * @return the position after the move
     * @throws InsufficientStockException if fewer units are on hand
     */
    public StockPosition damage(Sku sku, LocationId location, Quantity quantity, Reference reference,
            CommandKey key) {
        return movements.damage(sku, location, quantity, reference, key);
    }

    /**
     * Moves units from sellable stock into quality control, or back out of it.
     *
     * @param sku the SKU
     * @param location where
     * @param quantity units, {@code > 0}
     * @param into true to move into quality control; false to move out of it
     * @param passed when moving out: true back to sellable stock, false to damaged
     * @param reference the inspection
     * @param key the idempotency key
     * @return the position after the move
     * @throws InsufficientStockException if the source count is too small
     */
    public StockPosition qualityControl(Sku sku, LocationId location, Quantity quantity, boolean into, boolean passed,
            Reference reference, CommandKey key) {
        return movements.qualityControl(sku, location, quantity, into, passed, reference, key);
    }

    /**
     * Fills open backorders of a SKU from available stock, in fill order (priority, then
     * placement), one {@code BackorderFilled} event per fill. Called after receipts and
     * restocks; hosts may call it after raising a position's stock by other means.
     *
     * @param sku the SKU
     * @return units filled
     */
    public long fillBackorders(Sku sku) {
        return backorders.fill(sku);
    }

    /**
     * Configures an {@link InventoryService}. Not thread-safe; build once and share the service.
     */
    public static final class Builder {
        private final InventoryStore store;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids = IdGenerator.randomUuids();
        private Duration availabilityTtl = Duration.ofSeconds(1);
        private long availabilityMaxSkus = 100_000;
        private int maxAttempts = 64;

        private Builder(InventoryStore store) {
            this.store = store;
        }

        /** @param clock where time comes from (expiry and the availability cache run on it) @return this builder */
        public Builder clock(Clock clock) {
            this.clock = InvalidInputException.requireNonNull(clock, "clock");
            return this;
        }

        /** @param ids where reservation, change and event ids come from @return this builder */
        public Builder ids(IdGenerator ids) {
            this.ids = InvalidInputException.requireNonNull(ids, "ids");
            return this;
        }

        /**
         * How long a cached availability entry lives, on the service's clock; bounds staleness for
         * changes made by other JVMs on a shared store (this JVM's changes update it at once).
         * Default 1 second.
         *
         * @param ttl positive
         * @return this builder
         */
        public Builder availabilityTtl(Duration ttl) {
            InvalidInputException.requireNonNull(ttl, "ttl");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new InvalidInputException("ttl", "must be positive (was " + ttl + ")");
            }
            this.availabilityTtl = ttl;
            return this;
        }

        /**
         * How often an operation is decided again after a concurrent change of the same
         * reservation or a count race. Default 64.
         *
         * @param attempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new InvalidInputException("maxAttempts", "must be at least 1 (was " + attempts + ")");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** @return the service */
        public InventoryService build() {
            return new InventoryService(this);
        }
    }
}
