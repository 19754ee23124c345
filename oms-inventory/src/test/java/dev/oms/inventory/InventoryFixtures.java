package dev.oms.inventory;

import dev.oms.fakes.ManualClock;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Shared test data for inventory tests: a clock tests move by hand, SKUs, locations, keys. */
final class InventoryFixtures {
    static final Sku TSHIRT = Sku.of("TSHIRT-M");
    static final Sku MUG = Sku.of("MUG");
    static final LocationId BERLIN = LocationId.of("wh-berlin");
    static final LocationId MUNICH = LocationId.of("store-munich");
    static final OrderId ORDER = OrderId.of("o-1");
    private static final AtomicLong KEYS = new AtomicLong();

    private InventoryFixtures() {
    }

    /** A clock that only moves when a test says so, at the fixtures' start time. */
    static ManualClock newClock() {
        return new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
    }

    static CommandKey key() {
        return CommandKey.of("ik-" + KEYS.incrementAndGet());
    }

    static Quantity q(long units) {
        return Quantity.of(units);
    }

    static Reference receipt(String id) {
        return Reference.of(Reference.Type.RECEIPT, id);
    }

    static InventoryService service(InMemoryInventoryStore store, Clock clock) {
        return InventoryService.builder(store).clock(clock).ids(IdGenerator.sequential("inv")).build();
    }

    /** A service with TSHIRT and MUG stocked in Berlin and Munich (nothing on hand yet). */
    static InventoryService stocked(InMemoryInventoryStore store, Clock clock) {
        InventoryService inventory = service(store, clock);
        for (Sku sku : new Sku[] {TSHIRT, MUG}) {
            for (LocationId location : new LocationId[] {BERLIN, MUNICH}) {
                inventory.definePosition(sku, location, PositionSettings.NONE);
            }
        }
        return inventory;
    }
}
