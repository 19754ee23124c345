package dev.oms.core;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderDecider.Decision;
import dev.oms.core.OrderService.CommandResult;
import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.spi.CommandKey;
import dev.oms.spi.order.CancelReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints never change with the code: what 0.1 recorded (SHA-256 of a text form) still
 * matches its command, so a repeat under a key recorded before an upgrade is replayed; what this
 * version records (the {@code v2:} form) is pinned, so later versions agree with it in a rolling
 * upgrade or a rollback; and the digest ids are derived from is the one 0.1 derived them from.
 * The 0.1 values were computed with the 0.1 code.
 */
class CommandFingerprintTest {
    /** {@code CommandFingerprint.of(new Cancel(OTHER, "note"))} as 0.1 recorded it. */
    private static final String RECORDED_BY_0_1 = "9b09aabf97e5b49b2dd37018b9056cd73976f80ef84808c92dc4b24b7f4e42ac";
    /** {@code CommandFingerprint.of(new Cancel(OTHER, "note"))} as this version records it, for good. */
    private static final String RECORDED_BY_0_2 = "v2:0ec79af74209eb6c8ed2c23f1c76ec0c";
    /** {@code CommandFingerprint.of(List.of(CommandKey.of("k-1")))} in 0.1: the digest its ids came from. */
    private static final String KEY_DIGEST_0_1 = "469e22d0527e2e4a87c826d6eecfe823dc1d99831139a6eb9944628642ab888a";

    @Test
    void a_fingerprint_recorded_before_still_matches_its_command_and_no_other() {
        OrderCommand.Cancel cancel = new OrderCommand.Cancel(CancelReason.OTHER, "note");
        assertThat(CommandFingerprint.matches(RECORDED_BY_0_1, cancel)).isTrue();
        assertThat(CommandFingerprint.matches(RECORDED_BY_0_1, new OrderCommand.Cancel(CancelReason.OTHER, "other")))
                .isFalse();
        assertThat(CommandFingerprint.matches(RECORDED_BY_0_1, new OrderCommand.Confirm())).isFalse();
    }

    @Test
    void this_version_writes_its_own_form_and_still_tells_commands_apart() {
        OrderCommand.Cancel cancel = new OrderCommand.Cancel(CancelReason.OTHER, "note");
        assertThat(CommandFingerprint.of(cancel)).isEqualTo(RECORDED_BY_0_2).isNotEqualTo(RECORDED_BY_0_1);
        assertThat(CommandFingerprint.matches(RECORDED_BY_0_2, cancel)).isTrue();
        assertThat(CommandFingerprint.matches(RECORDED_BY_0_2, new OrderCommand.Cancel(CancelReason.OTHER, "other")))
                .isFalse();
        // two commands with the same (empty) content are still told apart by their names
        assertThat(CommandFingerprint.of(new OrderCommand.Confirm())).isNotEqualTo(CommandFingerprint.of(
                new OrderCommand.Complete()));
    }

    @Test
    void ids_derived_from_a_key_are_the_ones_derived_before() {
        assertThat(CommandFingerprint.ofKey(CommandKey.of("k-1"))).isEqualTo(KEY_DIGEST_0_1);
        assertThat(CommandFingerprint.matches(CommandFingerprint.ofKey(CommandKey.of("k-1")),
                List.of(CommandKey.of("k-1")))).as("the same canonical form as a key list had").isTrue();
    }

    @Test
    void a_repeat_of_a_command_whose_key_was_recorded_before_the_upgrade_is_replayed() {
        InMemoryOrderStore store = new InMemoryOrderStore();
        OrderService orders = OrderService.builder(store).build();
        dev.oms.spi.OrderId id = orders.place(Fixtures.webOrder("fp-1").build()).order().id();
        dev.oms.spi.order.Order placed = orders.load(id);
        OrderCommand.Cancel cancel = new OrderCommand.Cancel(CancelReason.OTHER, "note");
        Decision.Accepted accepted = orders.decider().decide(placed, cancel).orThrow();
        CommandKey key = CommandKey.of("cancel-before-upgrade");
        // what 0.1 saved for this command and key
        store.save(new dev.oms.spi.store.OrderStore.OrderChange(accepted.order(), placed.version(), accepted.events(),
                java.util.Optional.of(new dev.oms.spi.store.CommandRecord(key, RECORDED_BY_0_1, id,
                        accepted.order().version(), accepted.events().stream().map(e -> e.eventId()).toList())),
                OrderTotals.of(accepted.order()).grandTotal()));

        CommandResult repeated = orders.handle(id, cancel, key);

        assertThat(repeated.replayed()).isTrue();
        assertThat(repeated.order()).isEqualTo(accepted.order());
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(dev.oms.spi.OmsException.CommandKeyConflictException.class,
                () -> orders.handle(id, new OrderCommand.Cancel(CancelReason.OTHER, "other"), key))).isNotNull();
    }
}
