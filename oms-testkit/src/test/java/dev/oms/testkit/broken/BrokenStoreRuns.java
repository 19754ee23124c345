package dev.oms.testkit.broken;

import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.process.ProcessStore;
import dev.oms.spi.store.OrderQueries;
import dev.oms.spi.store.OrderStore;
import dev.oms.testkit.contract.InventoryStoreContract;
import dev.oms.testkit.contract.OrderQueriesContract;
import dev.oms.testkit.contract.OrderStoreContract;
import dev.oms.testkit.contract.ProcessStoreContract;

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

    /** The process contract against a store that loses updates. */
    static class LosingProcessUpdates extends ProcessStoreContract {
        @Override
        protected ProcessStore newStore() {
            return new LosingUpdatesProcessStore();
        }
    }

    /** The process contract against a store that forgets decisions and ignores the cursor. */
    static class ForgetfulProcesses extends ProcessStoreContract {
        @Override
        protected ProcessStore newStore() {
            return new ForgetfulProcessStore();
        }
    }

    /** The query contract against queries whose cursor repeats a page's last order. */
    static class RepeatingCursor extends OrderQueriesContract {
        @Override
        protected OrderStore newStore() {
            return new InMemoryOrderStore();
        }

        @Override
        protected OrderQueries queries(OrderStore store) {
            return new SloppyOrderQueries((InMemoryOrderStore) store, SloppyOrderQueries.Defect.REPEATING_CURSOR);
        }
    }

    /** The query contract against counts that ignore the filter. */
    static class UnfilteredCounts extends OrderQueriesContract {
        @Override
        protected OrderStore newStore() {
            return new InMemoryOrderStore();
        }

        @Override
        protected OrderQueries queries(OrderStore store) {
            return new SloppyOrderQueries((InMemoryOrderStore) store, SloppyOrderQueries.Defect.UNFILTERED_COUNTS);
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
