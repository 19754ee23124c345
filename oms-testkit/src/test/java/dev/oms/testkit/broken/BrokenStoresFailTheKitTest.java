package dev.oms.testkit.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit tests itself: each deliberately broken store fails the contract rules that target its
 * defect (run through the JUnit Platform, as an adapter's build would run them), while the
 * in-memory stores pass everything (the {@code InMemory...ConformanceTest}s).
 */
class BrokenStoresFailTheKitTest {
    /** Runs one contract class on the JUnit Platform (Jupiter and jqwik) and returns the outcome per test method. */
    static Map<String, TestExecutionResult.Status> run(Class<?> contract) {
        Map<String, TestExecutionResult.Status> outcomes = new TreeMap<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contract)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource method) {
                            outcomes.put(method.getMethodName(), result.getStatus());
                        }
                    }
                });
        return outcomes;
    }

    private static void assertFails(Map<String, TestExecutionResult.Status> outcomes, String... rules) {
        for (String rule : rules) {
            assertThat(outcomes).as("the contract ran " + rule).containsKey(rule);
            assertThat(outcomes.get(rule)).as(rule + " fails").isEqualTo(TestExecutionResult.Status.FAILED);
        }
    }

    @Test
    void a_store_that_loses_updates_fails_the_version_rules() {
        Map<String, TestExecutionResult.Status> outcomes = run(BrokenStoreRuns.LosingUpdates.class);
        assertFails(outcomes,
                "required_a_stale_expected_version_is_refused_and_writes_nothing",
                "required_racing_saves_of_one_version_let_exactly_one_win",
                "required_concurrent_commands_on_one_order_lose_no_update",
                "required_any_sequence_of_operations_behaves_as_the_reference_model");
        assertThat(outcomes.get("required_a_saved_order_loads_by_id_and_by_channel_order"))
                .as("the rules it does not break still pass").isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void a_store_that_drops_outbox_events_fails_the_outbox_rules() {
        Map<String, TestExecutionResult.Status> outcomes = run(BrokenStoreRuns.DroppingOutbox.class);
        assertFails(outcomes,
                "required_the_events_of_a_change_are_in_the_event_log_and_the_outbox",
                "required_any_sequence_of_operations_behaves_as_the_reference_model");
        assertThat(outcomes.get("required_a_stale_expected_version_is_refused_and_writes_nothing"))
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void a_process_store_that_loses_updates_fails_the_version_rules() {
        Map<String, TestExecutionResult.Status> outcomes = run(BrokenStoreRuns.LosingProcessUpdates.class);
        assertFails(outcomes,
                "required_a_stale_or_repeated_version_is_refused_and_writes_nothing",
                "required_racing_saves_of_one_version_let_exactly_one_win",
                "required_an_orders_processes_are_listed_in_start_order",
                "required_purge_deletes_only_finished_processes_older_than_the_time",
                "required_any_sequence_of_saves_behaves_as_the_reference_model");
        assertThat(outcomes.get("required_a_saved_process_reads_back_exactly"))
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void a_process_store_that_forgets_decisions_fails_the_read_and_query_rules() {
        Map<String, TestExecutionResult.Status> outcomes = run(BrokenStoreRuns.ForgetfulProcesses.class);
        assertFails(outcomes,
                "required_a_saved_process_reads_back_exactly",
                "required_waiting_lists_one_reason_in_start_order_after_a_cursor",
                "required_any_sequence_of_saves_behaves_as_the_reference_model");
        assertThat(outcomes.get("required_a_stale_or_repeated_version_is_refused_and_writes_nothing"))
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void queries_whose_cursor_repeats_an_order_fail_the_paging_rules() {
        Map<String, TestExecutionResult.Status> outcomes = run(BrokenStoreRuns.RepeatingCursor.class);
        assertFails(outcomes,
                "required_every_filter_finds_exactly_the_orders_that_pass_it",
                "required_paging_across_concurrent_inserts_and_updates_skips_and_repeats_nothing");
        assertThat(outcomes.get("required_counts_by_status_are_those_of_the_orders_that_pass"))
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void counts_that_ignore_the_filter_fail_the_count_rule() {
        Map<String, TestExecutionResult.Status> outcomes = run(BrokenStoreRuns.UnfilteredCounts.class);
        assertFails(outcomes, "required_counts_by_status_are_those_of_the_orders_that_pass");
        assertThat(outcomes.get("required_every_filter_finds_exactly_the_orders_that_pass_it"))
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void a_store_that_oversells_fails_the_stock_rules() {
        Map<String, TestExecutionResult.Status> outcomes = run(BrokenStoreRuns.Overselling.class);
        assertFails(outcomes,
                "required_every_shortfall_is_reported_and_nothing_is_applied",
                "required_deltas_on_one_position_are_checked_on_their_sum",
                "required_a_hot_sku_never_oversells_under_concurrency",
                "required_any_sequence_of_changes_behaves_as_the_reference_model");
        assertThat(outcomes.get("required_the_ledger_sums_to_the_counts")).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }
}
