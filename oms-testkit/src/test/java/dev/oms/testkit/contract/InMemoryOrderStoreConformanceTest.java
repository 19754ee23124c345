package dev.oms.testkit.contract;

import dev.oms.core.InMemoryOrderStore;
import dev.oms.spi.store.OrderStore;

/** The reference in-memory store passes the whole contract. */
class InMemoryOrderStoreConformanceTest extends OrderStoreContract {
    @Override
    protected OrderStore newStore() {
        return new InMemoryOrderStore();
    }
}
