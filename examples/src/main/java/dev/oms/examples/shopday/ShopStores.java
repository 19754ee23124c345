package dev.oms.examples.shopday;

import dev.oms.flow.FlowStores;
import dev.oms.jdbc.PostgresStores;
import dev.oms.jdbc.testing.LocalPostgres;

/**
 * Where the shop keeps its state: oms' in-memory stores, or the PostgreSQL adapter on an embedded
 * PostgreSQL that this run starts (a database of its own, migrated). Everything else is the same.
 *
 * @param name what the summary calls it
 * @param flow the five stores the order flow works on
 * @param drafts where draft orders and quotes live
 */
record ShopStores(String name, FlowStores flow, dev.oms.spi.store.DraftStore drafts) {
    /** The choices of {@code --store}. */
    enum Kind {
        MEMORY, POSTGRES
    }

    static ShopStores of(Kind kind) {
        return kind == Kind.POSTGRES ? postgres() : inMemory();
    }

    static ShopStores inMemory() {
        return new ShopStores("in-memory stores", FlowStores.inMemory(), new dev.oms.core.memory.InMemoryDraftStore());
    }

    /** Starts an embedded PostgreSQL (first use in this JVM) and a database of its own for this run. */
    static ShopStores postgres() {
        PostgresStores stores = PostgresStores.on(LocalPostgres.newDatabase(16));
        return new ShopStores("PostgreSQL (oms-jdbc on an embedded PostgreSQL)", FlowStores.of(stores.orders(),
                stores.inventory(), stores.fulfillment(), stores.returns(), stores.processes()), stores.drafts());
    }
}
