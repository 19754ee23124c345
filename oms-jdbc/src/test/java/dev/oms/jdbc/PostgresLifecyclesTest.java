package dev.oms.jdbc;

import dev.oms.flow.FlowStores;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.testkit.LifecycleWorld;
import dev.oms.testkit.Lifecycles;
import dev.oms.testkit.OmsArbitraries;
import dev.oms.testkit.OmsArbitraries.CatalogItem;
import java.util.ArrayList;
import java.util.List;
import javax.money.Monetary;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.ActionChain;

/**
 * The test kit's whole lifecycles on the adapter's stores: random chains of the flow's steps
 * (accept paid by card or with the world's gift cards, hold, edit, cancel, work, deliver, return,
 * stock receipts, timers, crashes at store writes and gateway calls, outages and resumes) with
 * every invariant after every step, each chain on a database of its own (a resume acts on every
 * process of its database). Bounded for the build: a fixed seed, 12 chains of at most 25 steps;
 * the in-memory run of the same chains takes hundreds.
 */
class PostgresLifecyclesTest {
    private final List<LocalPostgres.Temporary> databases = new ArrayList<>();

    @Provide
    Arbitrary<ActionChain<LifecycleWorld>> lifecycles() {
        return OmsArbitraries.catalogues(Monetary.getCurrency("EUR"), 2, 3).flatMap(catalogue -> OmsArbitraries.stock(
                catalogue.stream().map(CatalogItem::sku).toList(), LifecycleWorld.WAREHOUSES, 12)
                .flatMap(stock -> Lifecycles.chains(() -> {
                    LocalPostgres.Temporary db = LocalPostgres.temporary(4);
                    databases.add(db);
                    PostgresStores stores = PostgresStores.on(db.dataSource());
                    return LifecycleWorld.on(FlowStores.of(stores.orders(), stores.inventory(), stores.fulfillment(),
                            stores.returns(), stores.processes()), catalogue, stock);
                }, catalogue, 25)));
    }

    @Property(tries = 12, seed = "20261204", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.RANDOM_SEED)
    void every_step_of_a_random_lifecycle_on_postgresql_keeps_every_invariant(
            @ForAll("lifecycles") ActionChain<LifecycleWorld> chain) {
        chain.withInvariant("oms invariants", LifecycleWorld::checkInvariants).run();
    }

    @AfterTry
    void dropTheDatabases() {
        databases.forEach(LocalPostgres.Temporary::close);
        databases.clear();
    }
}
