package dev.oms.inventory.internal;

import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.core.internal.shared.Idempotency;
import dev.oms.inventory.InventoryService;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.PositionConflictException;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.InsufficientStockException;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.Movement.MovementReason;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.returns.Inspection.Disposition;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Stock that moves without a reservation: receipts, restocks, returned units by disposition,
 * cycle counts, damage and quality control. Each is one ledger movement on one position, once
 * per key; receipts and restocks then fill the SKU's backorders.
 */
public final class StockMovements {
    private final Stock stock;
    private final Backorders backorders;

    /**
     * @param stock the store and the service's settings
     * @param backorders what receipts and restocks fill
     */
    public StockMovements(Stock stock, Backorders backorders) {
        this.stock = stock;
        this.backorders = backorders;
    }

    /**
     * See {@link InventoryService#receive}.
     *
     * @param sku the SKU
     * @param location where it arrived
     * @param quantity units, {@code > 0}
     * @param receipt the purchase order or transfer
     * @param key the idempotency key
     * @return the position after the receipt (before filling backorders)
     */
    public StockPosition receive(Sku sku, LocationId location, Quantity quantity, Reference receipt, CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(receipt, "receipt");
        StockPosition after = change(sku, location, key, Arrays.asList("receive", sku, location, quantity, receipt),
                "receive", p -> PositionDelta.onHand(p.key(), quantity.value(), MovementReason.RECEIPT, receipt));
        stock.store().removeIncoming(receipt);
        backorders.fill(sku);
        return after;
    }

    /**
     * See {@link InventoryService#restock}.
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
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(returnRef, "returnRef");
        StockPosition after = change(sku, location, key, Arrays.asList("restock", sku, location, quantity,
                returnRef), "restock", p -> PositionDelta.onHand(p.key(), quantity.value(), MovementReason.RESTOCK,
                        returnRef));
        backorders.fill(sku);
        return after;
    }

    /**
     * See {@link InventoryService#receiveReturn}.
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
        InvalidInputException.requireNonNull(disposition, "disposition");
        if (disposition == Disposition.RESTOCK) {
            return restock(sku, location, quantity, returnRef, key);
        }
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(returnRef, "returnRef");
        long q = quantity.value();
        return change(sku, location, key, Arrays.asList("return", sku, location, quantity, disposition, returnRef),
                "return " + disposition, p -> switch (disposition) {
                    case REFURBISH -> new PositionDelta(p.key(), MovementReason.RETURN_REFURBISH, returnRef, 0, 0, 0, q,
                            false, OptionalLong.empty());
                    case DISPOSE -> new PositionDelta(p.key(), MovementReason.RETURN_DISPOSE, returnRef, 0, 0, q, 0,
                            false, OptionalLong.empty());
                    case RETURN_TO_VENDOR -> new PositionDelta(p.key(), MovementReason.RETURN_TO_VENDOR, returnRef, 0,
                            0, q, 0, false, OptionalLong.empty());
                    case RESTOCK -> throw new IllegalStateException("handled above");
                });
    }

    /**
     * See {@link InventoryService#count}.
     *
     * @param sku the SKU
     * @param location where it was counted
     * @param counted units found
     * @param count the count document
     * @param key the idempotency key
     * @return the position after the count
     */
    public StockPosition count(Sku sku, LocationId location, Quantity counted, Reference count, CommandKey key) {
        InvalidInputException.requireNonNull(counted, "counted");
        InvalidInputException.requireNonNull(count, "count");
        return change(sku, location, key, Arrays.asList("count", sku, location, counted, count), "count", p -> {
            long delta = counted.value() - p.onHand().value();
            return delta == 0 ? null : new PositionDelta(p.key(), MovementReason.COUNT, count, delta, 0, 0, 0, false,
                    OptionalLong.of(p.onHand().value()));
        });
    }

    /**
     * See {@link InventoryService#damage}.
     *
     * @param sku the SKU
     * @param location where
     * @param quantity units, {@code > 0}
     * @param reference the count or inspection
     * @param key the idempotency key
     * @return the position after the move
     */
    public StockPosition damage(Sku sku, LocationId location, Quantity quantity, Reference reference,
            CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(reference, "reference");
        return change(sku, location, key, Arrays.asList("damage", sku, location, quantity, reference), "damage",
                p -> new PositionDelta(p.key(), MovementReason.DAMAGE, reference, -quantity.value(), 0,
                        quantity.value(), 0, false, OptionalLong.empty()));
    }

    /**
     * See {@link InventoryService#qualityControl}.
     *
     * @param sku the SKU
     * @param location where
     * @param quantity units, {@code > 0}
     * @param into true to move into quality control; false to move out of it
     * @param passed when moving out: true back to sellable stock, false to damaged
     * @param reference the inspection
     * @param key the idempotency key
     * @return the position after the move
     */
    public StockPosition qualityControl(Sku sku, LocationId location, Quantity quantity, boolean into, boolean passed,
            Reference reference, CommandKey key) {
        Quantity.requirePositive(quantity, "quantity");
        InvalidInputException.requireNonNull(reference, "reference");
        long q = quantity.value();
        return change(sku, location, key, Arrays.asList("qc", sku, location, quantity, into, passed, reference),
                "quality control", p -> into
                        ? new PositionDelta(p.key(), MovementReason.QUALITY_CONTROL, reference, -q, 0, 0, q, false,
                                OptionalLong.empty())
                        : new PositionDelta(p.key(), MovementReason.QUALITY_CONTROL, reference, passed ? q : 0, 0,
                                passed ? 0 : q, -q, false, OptionalLong.empty()));
    }

    /** Reads the position, plans one movement ({@code null}: nothing to do), applies it, once per key. */
    private StockPosition change(Sku sku, LocationId location, CommandKey key, List<Object> command,
            String operation, Function<StockPosition, PositionDelta> delta) {
        InvalidInputException.requireNonNull(sku, "sku");
        InvalidInputException.requireNonNull(location, "location");
        InvalidInputException.requireNonNull(key, "key");
        String fingerprint = CommandFingerprint.of(command);
        return Idempotency.run(() -> operation + " of " + sku + " at " + location,
                stock.recorded(key, command, record -> stock.position(sku, location)), stock.maxAttempts(),
                PositionConflictException.class, () -> {
                    StockPosition current = stock.position(sku, location);
                    PositionDelta d = delta.apply(current);
                    if (d == null) {
                        return current;
                    }
                    String changeId = stock.newChangeId();
                    InventoryChange change = new InventoryChange(changeId, stock.clock().instant(), List.of(d),
                            Optional.empty(), List.of(), List.of(), Optional.of(new OperationRecord(key, fingerprint,
                                    Optional.empty(), changeId)));
                    ApplyResult result = stock.apply(change);
                    if (result instanceof ApplyResult.Refused refused) {
                        throw new InsufficientStockException(operation + " at " + current.key(), refused.shortfalls());
                    }
                    return ((ApplyResult.Applied) result).positions().get(0);
                });
    }
}
