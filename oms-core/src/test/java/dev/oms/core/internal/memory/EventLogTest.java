package dev.oms.core.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory stores' event log: snapshots that never change, appends that do not copy. */
class EventLogTest {
    @Test
    void a_snapshot_never_changes_when_later_ones_append_or_branch_from_it() {
        EventLog<String> first = EventLog.<String>empty().append(List.of("placed"));
        EventLog<String> second = first.append(List.of("confirmed"));
        EventLog<String> branch = first.append(List.of("cancelled"));
        assertThat(first.asList()).containsExactly("placed");
        assertThat(second.asList()).containsExactly("placed", "confirmed");
        assertThat(branch.asList()).containsExactly("placed", "cancelled");
        assertThat(second.append(List.of()).asList()).isSameAs(second.asList());
    }

    @Test
    void a_long_log_keeps_every_event_in_order_and_each_snapshot_its_own_length() {
        List<EventLog<Integer>> snapshots = new ArrayList<>();
        EventLog<Integer> log = EventLog.empty();
        for (int i = 0; i < 1_000; i++) {
            log = log.append(List.of(i));
            snapshots.add(log);
        }
        for (int i = 0; i < snapshots.size(); i++) {
            List<Integer> seen = snapshots.get(i).asList();
            assertThat(seen).hasSize(i + 1);
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(log.asList()).isEqualTo(java.util.stream.IntStream.range(0, 1_000).boxed().toList());
    }

    @Test
    void a_rewrite_copies_leaves_the_old_snapshot_and_a_failed_one_changes_nothing() {
        EventLog<String> log = EventLog.<String>empty().append(List.of("placed by Ada", "shipped"));
        EventLog<String> erased = log.rewritten(l -> l.set(0, "placed by (erased)"));
        assertThat(erased.asList()).containsExactly("placed by (erased)", "shipped");
        assertThat(log.asList()).containsExactly("placed by Ada", "shipped");
        assertThatThrownBy(() -> log.rewritten(l -> {
            l.set(1, "changed");
            throw new IllegalArgumentException("not an erasure");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.asList()).containsExactly("placed by Ada", "shipped");
        assertThat(log.append(List.of("delivered")).asList()).containsExactly("placed by Ada", "shipped", "delivered");
    }

    @Test
    void the_list_a_reader_gets_cannot_be_changed() {
        List<String> events = EventLog.<String>empty().append(List.of("placed")).asList();
        assertThatThrownBy(() -> events.add("forged")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> events.set(0, "forged")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> events.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
