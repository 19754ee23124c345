package dev.oms.jdbc;

import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.testkit.contract.InventoryStoreContract;

/** The whole inventory contract against PostgreSQL. */
class PostgresInventoryStoreConformanceTest extends InventoryStoreContract {
    @Override
    protected InventoryStore newStore() {
        return PostgresStores.on(LocalPostgres.dataSource()).inventory();
    }
}
