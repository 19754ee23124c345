package dev.oms.jdbc;

import dev.oms.flow.FlowStores;
import dev.oms.jdbc.testing.LocalPostgres;
import dev.oms.testkit.Faults;
import dev.oms.testkit.flow.CrashWorld;
import dev.oms.testkit.flow.FlowCrashTest;

/**
 * Crash at every step on PostgreSQL: the test kit's scenarios (every operation of the flow, a
 * crash at its effects, then resume and the host's repeat) on the adapter's stores, each world in
 * a database of its own (a resume and the timers act on every process of their database). To keep
 * the build bounded it samples the boundaries: after every third effect and before the first and
 * the last one; the in-memory run of the same scenarios takes every boundary both ways.
 */
class PostgresFlowCrashTest extends FlowCrashTest {
    @Override
    protected CrashWorld world() {
        LocalPostgres.Temporary db = LocalPostgres.temporary(4);
        PostgresStores stores = PostgresStores.on(db.dataSource());
        return new CrashWorld(FlowStores.of(stores.orders(), stores.inventory(), stores.fulfillment(), stores.returns(),
                stores.processes()), db);
    }

    @Override
    protected boolean crashesAt(int effect, int effects, Faults.When when) {
        return when == Faults.When.AFTER ? effect % 3 == 1 : effect == 1 || effect == effects;
    }
}
