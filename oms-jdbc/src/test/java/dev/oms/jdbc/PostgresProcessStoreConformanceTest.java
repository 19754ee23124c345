package dev.oms.jdbc;

import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.process.ProcessStore;
import dev.oms.testkit.contract.ProcessStoreContract;

/** The whole process contract against PostgreSQL. */
class PostgresProcessStoreConformanceTest extends ProcessStoreContract {
    @Override
    protected ProcessStore newStore() {
        return PostgresStores.on(LocalPostgres.dataSource()).processes();
    }
}
