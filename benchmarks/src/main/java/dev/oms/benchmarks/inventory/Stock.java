package dev.oms.benchmarks.inventory;

import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An inventory engine on the in-memory store, stocked for a benchmark: positions at one location
 * with as many units as a run can take (so a reservation never runs out unless a benchmark wants
 * it to), a fixed clock and sequential ids.
 */
final class Stock {
    static final LocationId WAREHOUSE = LocationId.of("wh-1");
    static final long PLENTY = 1_000_000_000_000L;

    final InventoryService inventory = InventoryService.builder(new InMemoryInventoryStore())
            .clock(Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC))
            .ids(IdGenerator.sequential("r")).build();
    private final AtomicLong keys = new AtomicLong();

    /** Defines the SKUs {@code prefix-0 .. prefix-(count-1)} with {@code units} each. */
    Stock stock(String prefix, int count, long units) {
        for (int i = 0; i < count; i++) {
            Sku sku = Sku.of(prefix + "-" + i);
            inventory.definePosition(sku, WAREHOUSE, PositionSettings.NONE);
            if (units > 0) {
                inventory.receive(sku, WAREHOUSE, Quantity.of(units), Reference.of(Reference.Type.RECEIPT, "po"),
                        key());
            }
        }
        return this;
    }

    CommandKey key() {
        return CommandKey.of("k" + keys.incrementAndGet());
    }

    /** @return a request for one unit of a SKU, for an order */
    static ReserveRequest oneUnit(OrderId order, Sku sku) {
        return ReserveRequest.of(order, new ReserveLine(LineId.of("1"), sku, WAREHOUSE, Quantity.of(1)));
    }
}
