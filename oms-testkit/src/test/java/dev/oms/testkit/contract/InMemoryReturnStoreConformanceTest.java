package dev.oms.testkit.contract;

import dev.oms.returns.memory.InMemoryReturnStore;
import dev.oms.spi.returns.ReturnStore;

/** The reference in-memory store passes the whole contract. */
class InMemoryReturnStoreConformanceTest extends ReturnStoreContract {
    @Override
    protected ReturnStore newStore() {
        return new InMemoryReturnStore();
    }
}
