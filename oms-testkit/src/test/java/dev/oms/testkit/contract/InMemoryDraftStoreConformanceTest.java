package dev.oms.testkit.contract;

import dev.oms.core.memory.InMemoryDraftStore;
import dev.oms.spi.store.DraftStore;

/** The in-memory draft store passes the whole contract. */
class InMemoryDraftStoreConformanceTest extends DraftStoreContract {
    @Override
    protected DraftStore newStore() {
        return new InMemoryDraftStore();
    }
}
