package dev.oms.inventory.internal;

import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.StaleVersionException.ReservationConflictException;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.BackorderDelta;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.InventoryChange.ReservationWrite;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.Movement.MovementReason;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.BackorderLine;
import dev.oms.spi.inventory.Reservation.ReservedLine;
import dev.oms.spi.inventory.StockPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Filling open backorders from available stock, in fill order (priority, then placement), one
 * {@code BackorderFilled} event per fill.
 */
public final class Backorders {
    private final Stock stock;

    /** @param stock the store and the service's settings */
    public Backorders(Stock stock) {
        this.stock = stock;
    }

    /**
     * @param sku the SKU
     * @return units filled
     */
    public long fill(Sku sku) {
        long filled = 0;
        for (Reservation waiting : stock.store().openBackorders(sku)) {
            for (int attempt = 1; attempt <= stock.maxAttempts(); attempt++) {
                Optional<Long> done = fillOne(sku, stock.reservation(waiting.id()));
                if (done.isPresent()) {
                    filled += done.get();
                    break;
                }
            }
        }
        return filled;
    }

    /** Fills what it can of one reservation's backorders of a SKU; empty if it raced and should retry. */
    private Optional<Long> fillOne(Sku sku, Reservation r) {
        if (!r.status().isActive()) {
            return Optional.of(0L);
        }
        Map<PositionKey, Long> available = new HashMap<>();
        for (StockPosition p : stock.store().positions(sku)) {
            available.put(p.key(), Math.max(0, p.available()));
        }
        List<ReservedLine> lines = new ArrayList<>(r.lines());
        List<BackorderLine> backorders = new ArrayList<>();
        List<PositionDelta> deltas = new ArrayList<>();
        List<InventoryEvent> events = new ArrayList<>();
        long total = 0;
        Instant now = stock.clock().instant();
        for (BackorderLine b : r.backorders()) {
            BackorderLine next = b;
            if (b.sku().equals(sku)) {
                for (StockPosition p : stock.store().positions(sku)) {
                    long give = Math.min(next.open().value(), available.get(p.key()));
                    if (give <= 0) {
                        continue;
                    }
                    available.merge(p.key(), -give, Long::sum);
                    next = next.fill(Quantity.of(give));
                    total += give;
                    deltas.add(PositionDelta.hold(p.key(), give, MovementReason.RESERVE,
                            Reference.of(Reference.Type.RESERVATION, r.id().value())));
                    holdOn(lines, b.lineId(), p.key(), Quantity.of(give));
                    events.add(new InventoryEvent.BackorderFilled(stock.ids().newEventId(), now, r.id(), r.orderId(),
                            b.lineId(), p.key(), Quantity.of(give)));
                }
            }
            backorders.add(next);
        }
        if (total == 0) {
            return Optional.of(0L);
        }
        InventoryChange change = new InventoryChange(stock.newChangeId(), now, deltas,
                Optional.of(new ReservationWrite(r.next(r.status(), lines, backorders), r.version())),
                List.of(new BackorderDelta(sku, -total)), events, Optional.empty());
        try {
            return stock.apply(change) instanceof ApplyResult.Applied ? Optional.of(total) : Optional.empty();
        } catch (ReservationConflictException raced) {
            return Optional.empty();
        }
    }

    private static void holdOn(List<ReservedLine> lines, LineId lineId, PositionKey key, Quantity q) {
        for (int i = 0; i < lines.size(); i++) {
            ReservedLine line = lines.get(i);
            if (line.lineId().equals(lineId) && line.position().equals(key)) {
                lines.set(i, line.hold(q));
                return;
            }
        }
        lines.add(ReservedLine.holding(lineId, key, q));
    }
}
