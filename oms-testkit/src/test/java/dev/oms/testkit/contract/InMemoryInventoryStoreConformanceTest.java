package dev.oms.testkit.contract;

import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.inventory.InventoryStore;

/** The reference in-memory store passes the whole contract. */
class InMemoryInventoryStoreConformanceTest extends InventoryStoreContract {
    @Override
    protected InventoryStore newStore() {
        return new InMemoryInventoryStore();
    }
}
