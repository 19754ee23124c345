package dev.oms.jdbc;

import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.testkit.contract.FulfillmentStoreContract;

/** The whole fulfilment contract against PostgreSQL. */
class PostgresFulfillmentStoreConformanceTest extends FulfillmentStoreContract {
    @Override
    protected FulfillmentStore newStore() {
        return PostgresStores.on(LocalPostgres.dataSource()).fulfillment();
    }
}
