package dev.oms.testkit.contract;

import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.store.OrderStore;

// adapter-example:begin
/** The reference in-memory store passes the whole contract. */
class InMemoryOrderStoreConformanceTest extends OrderStoreContract {
    @Override
    protected OrderStore newStore() {
        return new InMemoryOrderStore();
    }
}
// adapter-example:end
