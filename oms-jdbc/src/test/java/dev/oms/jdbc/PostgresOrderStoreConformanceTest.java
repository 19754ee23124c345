package dev.oms.jdbc;

import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.store.OrderStore;
import dev.oms.testkit.contract.OrderStoreContract;

/** The whole order contract against PostgreSQL. */
class PostgresOrderStoreConformanceTest extends OrderStoreContract {
    @Override
    protected OrderStore newStore() {
        return PostgresStores.on(LocalPostgres.dataSource()).orders();
    }
}
