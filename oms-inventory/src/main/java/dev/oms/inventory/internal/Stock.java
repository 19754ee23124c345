package dev.oms.inventory.internal;

import dev.oms.core.internal.shared.Idempotency;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.InvalidInputException.UnknownSkuException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.ReservationNotFoundException;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.StockPosition;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What every inventory operation works on: the store, the service's clock, ids, availability
 * cache invalidation and retry budget, and the reads and the apply they all use.
 *
 * @param store where stock lives
 * @param clock where time comes from
 * @param ids where reservation, change and event ids come from
 * @param applied called with every applied change and the positions it left (the availability cache)
 * @param maxAttempts how often an operation is decided again after a race
 */
public record Stock(InventoryStore store, Clock clock, IdGenerator ids,
        BiConsumer<InventoryChange, List<StockPosition>> applied, int maxAttempts) {
    /**
     * @param sku a SKU
     * @param location a location
     * @return the position
     * @throws UnknownSkuException if the SKU is stocked nowhere
     * @throws UnknownPositionException if it is not stocked at that location
     */
    public StockPosition position(Sku sku, LocationId location) {
        PositionKey key = PositionKey.of(sku, location);
        return store.position(key).orElseThrow(() -> store.positions(sku).isEmpty()
                ? new UnknownSkuException(sku) : new UnknownPositionException(key));
    }

    /**
     * @param id a reservation id
     * @return the reservation
     * @throws ReservationNotFoundException if there is none
     */
    public Reservation reservation(ReservationId id) {
        return store.reservation(id).orElseThrow(() -> new ReservationNotFoundException(id));
    }

    /**
     * Applies a change; an applied one writes the positions it left into the availability cache.
     *
     * @param change the change
     * @return applied or refused
     */
    public ApplyResult apply(InventoryChange change) {
        ApplyResult result = store.apply(change);
        if (result instanceof ApplyResult.Applied done) {
            applied.accept(change, done.positions());
        }
        return result;
    }

    /** @return a new change id */
    public String newChangeId() {
        return "chg-" + ids.newEventId().value();
    }

    /**
     * What an operation recorded under its key, as its result now.
     *
     * @param <T> the result
     * @param key the key, or null for an operation without one
     * @param command the operation's content
     * @param result the result of a recorded operation, from its record
     * @return the lookup {@link Idempotency#run} repeats
     */
    public <T> Idempotency.Recorded<T> recorded(CommandKey key, Object command, Function<OperationRecord, T> result) {
        if (key == null) {
            return Idempotency.Recorded.none();
        }
        return () -> store.findOperation(key).map(record -> {
            Idempotency.requireSame(key, record.fingerprint(), command,
                    "was already used for a different inventory operation");
            return result.apply(record);
        });
    }

    /**
     * @param key the key
     * @param command the content asked now
     * @return the operation recorded under the key, checked to be this content
     */
    public Optional<OperationRecord> operation(CommandKey key, Object command) {
        return this.<OperationRecord>recorded(key, command, record -> record).find();
    }
}
