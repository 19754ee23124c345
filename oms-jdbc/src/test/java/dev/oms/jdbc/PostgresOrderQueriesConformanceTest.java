package dev.oms.jdbc;

import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.spi.store.OrderQueries;
import dev.oms.spi.store.OrderStore;
import dev.oms.testkit.contract.OrderQueriesContract;

/** The order query contract against PostgreSQL, on the shared database (every test has a channel of its own). */
class PostgresOrderQueriesConformanceTest extends OrderQueriesContract {
    private final PostgresStores stores = PostgresStores.on(LocalPostgres.dataSource());

    @Override
    protected OrderStore newStore() {
        return stores.orders();
    }

    @Override
    protected OrderQueries queries(OrderStore store) {
        return stores.orderQueries();
    }
}
