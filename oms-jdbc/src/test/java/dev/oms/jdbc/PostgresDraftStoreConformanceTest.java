package dev.oms.jdbc;

import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.store.DraftStore;
import dev.oms.testkit.contract.DraftStoreContract;

/** The whole draft contract against PostgreSQL. */
class PostgresDraftStoreConformanceTest extends DraftStoreContract {
    @Override
    protected DraftStore newStore() {
        return PostgresStores.on(LocalPostgres.dataSource()).drafts();
    }
}
