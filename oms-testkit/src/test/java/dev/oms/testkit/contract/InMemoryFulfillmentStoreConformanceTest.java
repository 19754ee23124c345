package dev.oms.testkit.contract;

import dev.oms.fulfillment.memory.InMemoryFulfillmentStore;
import dev.oms.spi.fulfillment.FulfillmentStore;

/** The reference in-memory store passes the whole contract. */
class InMemoryFulfillmentStoreConformanceTest extends FulfillmentStoreContract {
    @Override
    protected FulfillmentStore newStore() {
        return new InMemoryFulfillmentStore();
    }
}
