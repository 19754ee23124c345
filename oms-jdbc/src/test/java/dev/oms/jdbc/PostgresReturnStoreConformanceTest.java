package dev.oms.jdbc;

import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.testkit.contract.ReturnStoreContract;

/** The whole returns contract against PostgreSQL. */
class PostgresReturnStoreConformanceTest extends ReturnStoreContract {
    @Override
    protected ReturnStore newStore() {
        return PostgresStores.on(LocalPostgres.dataSource()).returns();
    }
}
