package dev.oms.testkit.broken;

import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.store.OrderStore;
import dev.oms.testkit.contract.InventoryStoreContract;
import dev.oms.testkit.contract.OrderStoreContract;

/**
 * The contracts, run against the broken stores. Not named {@code *Test}, so the build does not
 * run them directly: {@code BrokenStoresFailTheKitTest} runs them through the JUnit Platform and
 * checks that they fail where they must.
 */
final class BrokenStoreRuns {
    private BrokenStoreRuns() {
    }

    /** The order contract against a store that loses updates. */
    static class LosingUpdates extends OrderStoreContract {
        @Override
        protected OrderStore newStore() {
            return new LosingUpdatesOrderStore();
        }
    }

    /** The order contract against a store that drops outbox events. */
    static class DroppingOutbox extends OrderStoreContract {
        @Override
        protected OrderStore newStore() {
            return new DroppingOutboxOrderStore();
        }
    }

    /** The inventory contract against a store that oversells. */
    static class Overselling extends InventoryStoreContract {
        @Override
        protected InventoryStore newStore() {
            return new OversellingInventoryStore();
        }
    }
}
