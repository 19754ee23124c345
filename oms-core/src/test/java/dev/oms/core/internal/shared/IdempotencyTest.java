package dev.oms.core.internal.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.StaleVersionException.VersionConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The one keyed-operation loop every engine runs: what it replays, retries and refuses. */
class IdempotencyTest {
    private static final CommandKey KEY = CommandKey.of("k-1");
    private static final OrderId ORDER = OrderId.of("o-1");

    /** A key's record the test sets, and every lookup of it counted. */
    private final AtomicReference<String> recorded = new AtomicReference<>();
    private final List<String> calls = new ArrayList<>();
    private final Idempotency.Recorded<String> lookup = () -> {
        calls.add("find");
        return Optional.ofNullable(recorded.get());
    };

    private VersionConflictException conflict() {
        return new VersionConflictException(ORDER, 1, 2);
    }

    @Test
    void a_recorded_key_is_replayed_without_an_attempt() {
        recorded.set("first result");
        String result = Idempotency.run(() -> "op", lookup, 3, VersionConflictException.class, () -> {
            throw new AssertionError("no attempt for a recorded key");
        });
        assertThat(result).isEqualTo("first result");
        assertThat(calls).containsExactly("find");
    }

    @Test
    void a_conflict_is_decided_again_and_the_key_looked_up_before_each_further_attempt() {
        AtomicInteger attempts = new AtomicInteger();
        String result = Idempotency.run(() -> "op", lookup, 3, VersionConflictException.class, () -> {
            calls.add("attempt");
            if (attempts.incrementAndGet() < 3) {
                throw conflict();
            }
            return "landed";
        });
        assertThat(result).isEqualTo("landed");
        assertThat(calls).containsExactly("find", "attempt", "find", "attempt", "find", "attempt");
    }

    @Test
    void the_last_conflict_is_thrown_once_the_attempts_are_spent_and_nothing_was_recorded() {
        VersionConflictException last = conflict();
        assertThatThrownBy(() -> Idempotency.run(() -> "op", lookup, 2, VersionConflictException.class, () -> {
            throw last;
        })).isSameAs(last);
        assertThat(calls).containsExactly("find", "find", "find");
    }

    @Test
    void a_repeat_that_recorded_the_key_during_the_last_conflict_gives_its_result() {
        String result = Idempotency.run(() -> "op", lookup, 1, VersionConflictException.class, () -> {
            recorded.set("the repeat's result");
            throw conflict();
        });
        assertThat(result).isEqualTo("the repeat's result");
    }

    @Test
    void a_key_the_store_refuses_as_taken_gives_the_result_recorded_under_it() {
        String result = Idempotency.run(() -> "op", lookup, 3, VersionConflictException.class, () -> {
            recorded.set("won the race");
            throw new CommandKeyConflictException(KEY, "is taken");
        });
        assertThat(result).isEqualTo("won the race");
    }

    @Test
    void a_key_refused_as_taken_with_nothing_to_replay_is_the_refusal() {
        CommandKeyConflictException taken = new CommandKeyConflictException(KEY, "is taken");
        assertThatThrownBy(() -> Idempotency.run(() -> "op", lookup, 3, VersionConflictException.class, () -> {
            throw taken;
        })).isSameAs(taken);
    }

    @Test
    void a_refusal_is_the_answer_unless_a_racing_repeat_recorded_the_key_meanwhile() {
        RuleViolationException refused = new RuleViolationException(ORDER, "some-rule", "refused");
        assertThatThrownBy(() -> Idempotency.run(() -> "op", lookup, 3, VersionConflictException.class, () -> {
            throw refused;
        })).isSameAs(refused);
        String result = Idempotency.run(() -> "op", lookup, 3, VersionConflictException.class, () -> {
            recorded.set("the repeat's result");
            throw refused;
        });
        assertThat(result).isEqualTo("the repeat's result");
    }

    @Test
    void a_lookup_that_fails_after_a_refusal_keeps_the_refusal() {
        RuleViolationException refused = new RuleViolationException(ORDER, "some-rule", "refused");
        CommandKeyConflictException other = new CommandKeyConflictException(KEY, "was used for other content");
        AtomicInteger lookups = new AtomicInteger();
        Idempotency.Recorded<String> failing = () -> {
            if (lookups.incrementAndGet() > 1) {
                throw other;
            }
            return Optional.empty();
        };
        assertThatThrownBy(() -> Idempotency.run(() -> "op", failing, 3, VersionConflictException.class, () -> {
            throw refused;
        })).isSameAs(other).satisfies(thrown -> assertThat(thrown.getSuppressed()).containsExactly(refused));
    }

    @Test
    void fewer_than_one_attempt_is_refused() {
        assertThatThrownBy(() -> Idempotency.run(() -> "op", lookup, 0, VersionConflictException.class, () -> "never"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxAttempts");
    }

    @Test
    void an_operation_without_a_key_never_replays() {
        RuleViolationException refused = new RuleViolationException(ORDER, "some-rule", "refused");
        assertThatThrownBy(() -> Idempotency.run(() -> "op", Idempotency.Recorded.none(), 3,
                VersionConflictException.class, () -> {
                    throw refused;
                })).isSameAs(refused);
    }

    @Test
    void a_key_recorded_for_other_content_is_refused_naming_what_it_was_used_for() {
        String fingerprint = CommandFingerprint.of(List.of("release", "r-1"));
        Idempotency.requireSame(KEY, fingerprint, List.of("release", "r-1"),
                "was already used for a different inventory operation");
        assertThatThrownBy(() -> Idempotency.requireSame(KEY, fingerprint, List.of("release", "r-2"),
                "was already used for a different inventory operation"))
                .isInstanceOf(CommandKeyConflictException.class)
                .hasMessageContaining("k-1")
                .hasMessageContaining("was already used for a different inventory operation");
    }
}
