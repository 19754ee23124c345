package dev.oms.examples.shopday;

import dev.oms.core.InMemoryOrderStore;
import dev.oms.fulfillment.InMemoryFulfillmentStore;
import dev.oms.inventory.InMemoryInventoryStore;
import dev.oms.jdbc.PostgresStores;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.returns.InMemoryReturnStore;
import dev.oms.spi.store.OrderStore;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.returns.ReturnStore;

/**
 * Where the shop keeps its state: oms' in-memory stores, or the PostgreSQL adapter on an embedded
 * PostgreSQL that this run starts (a database of its own, migrated). Everything else is the same.
 *
 * @param name what the summary calls it
 * @param orders the order store
 * @param inventory the inventory store
 * @param fulfillment the fulfilment store
 * @param returns the return store
 */
record ShopStores(String name, OrderStore orders, InventoryStore inventory, FulfillmentStore fulfillment,
        ReturnStore returns) {
    /** The choices of {@code --store}. */
    enum Kind {
        MEMORY, POSTGRES
    }

    static ShopStores of(Kind kind) {
        return kind == Kind.POSTGRES ? postgres() : inMemory();
    }

    static ShopStores inMemory() {
        return new ShopStores("in-memory stores", new InMemoryOrderStore(), new InMemoryInventoryStore(),
                new InMemoryFulfillmentStore(), new InMemoryReturnStore());
    }

    /** Starts an embedded PostgreSQL (first use in this JVM) and a database of its own for this run. */
    static ShopStores postgres() {
        PostgresStores stores = PostgresStores.on(LocalPostgres.newDatabase(16));
        return new ShopStores("PostgreSQL (oms-jdbc on an embedded PostgreSQL)", stores.orders(), stores.inventory(),
                stores.fulfillment(), stores.returns());
    }
}
