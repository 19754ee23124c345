package dev.oms.testkit.contract;

import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.store.OrderStore;

/** The in-memory store answers queries as the contract says. */
class InMemoryOrderQueriesConformanceTest extends OrderQueriesContract {
    @Override
    protected OrderStore newStore() {
        return new InMemoryOrderStore();
    }
}
