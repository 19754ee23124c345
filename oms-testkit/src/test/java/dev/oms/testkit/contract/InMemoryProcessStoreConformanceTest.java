package dev.oms.testkit.contract;

import dev.oms.flow.memory.InMemoryProcessStore;
import dev.oms.spi.process.ProcessStore;

/** The reference in-memory process store passes the whole contract. */
class InMemoryProcessStoreConformanceTest extends ProcessStoreContract {
    @Override
    protected ProcessStore newStore() {
        return new InMemoryProcessStore();
    }
}
