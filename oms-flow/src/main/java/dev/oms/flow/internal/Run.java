package dev.oms.flow.internal;

import dev.oms.spi.CommandKey;
import dev.oms.spi.OrderId;
import dev.oms.spi.StaleVersionException.ProcessConflictException;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import dev.oms.spi.process.ProcessStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One execution of a process's script. The design in one rule: a step is run at most once per
 * record, through {@link #once}: a recorded step returns what it recorded (its decision, its
 * result), an unrecorded one runs and is recorded. Steps with effects are idempotent by their key
 * ({@link #key}), so a crash between the effect and the record only makes the next run repeat the
 * effect, which changes nothing. Decisions (a routing plan, an amount to capture) are recorded
 * before anything acts on them, so a resume follows the decision instead of deciding again on
 * changed data; if two runners race, the record's version lets exactly one decision win and the
 * other runner takes it. Not thread-safe: one runner per instance (several instances on one
 * process are fine).
 */
public final class Run {
    private static final int MAX_SAVE_ATTEMPTS = 32;

    private final ProcessStore store;
    private final Clock clock;
    private ProcessRecord record;
    private String current = "start";

    Run(ProcessStore store, Clock clock, ProcessRecord record) {
        this.store = store;
        this.clock = clock;
        this.record = record;
    }

    /** @return the process as last read or saved */
    public ProcessRecord record() {
        return record;
    }

    /**
     * @param step a step of this process
     * @return its key, in the reserved namespace: {@code oms/<process id>/<step>}
     */
    public CommandKey key(String step) {
        return CommandKey.reserved(record.id().value(), step);
    }

    /** @return the step, if recorded */
    public Optional<ProcessStep> recorded(String name) {
        return record.step(name);
    }

    /** @return whether the step is recorded */
    public boolean done(String name) {
        return record.step(name).isPresent();
    }

    /** @return how many recorded steps start with the prefix */
    public int count(String prefix) {
        return (int) record.steps().stream().filter(s -> s.name().startsWith(prefix)).count();
    }

    /** @return the recorded steps whose names start with the prefix, oldest first */
    public List<ProcessStep> steps(String prefix) {
        return record.steps().stream().filter(s -> s.name().startsWith(prefix)).toList();
    }

    /** @return the name of the step being run, for failure records */
    String current() {
        return current;
    }

    /**
     * Runs a step once: if it is recorded, returns the record; otherwise runs it and records what
     * it returns.
     *
     * @param name the step's name, unique in the process
     * @param step the step: a decision without effect, or an effect idempotent by {@link #key(String)}
     * @return the step as recorded
     */
    public ProcessStep once(String name, Supplier<ProcessStep> step) {
        Optional<ProcessStep> done = record.step(name);
        if (done.isPresent()) {
            return done.get();
        }
        current = name;
        ProcessStep result = step.get();
        if (!result.name().equals(name)) {
            throw new IllegalStateException("step " + name + " recorded as " + result.name());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                ProcessRecord next = record.withStep(result, now());
                store.save(next);
                record = next;
                return result;
            } catch (ProcessConflictException raced) {
                reload();
                Optional<ProcessStep> theirs = record.step(name);
                if (theirs.isPresent()) {
                    return theirs.get(); // another runner recorded it first: follow its decision
                }
                if (attempt >= MAX_SAVE_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    /**
     * Runs an effect once and records only that it was done.
     *
     * @param name the step
     * @param effect idempotent by {@link #key(String)}
     */
    public void once(String name, Runnable effect) {
        once(name, () -> {
            effect.run();
            return ProcessStep.done(name);
        });
    }

    /** Names the order of the process (known after a placement). */
    public void orderIs(OrderId orderId) {
        if (record.orderId().filter(orderId::equals).isPresent()) {
            return;
        }
        save(r -> r.orderId().isPresent() ? r : r.withOrder(orderId, now()));
    }

    /**
     * Saves the process as waiting and leaves the script.
     *
     * @param reason what it waits for
     * @param due when its time runs out, if ever
     * @throws Parked always
     */
    public void park(WaitReason reason, Optional<Instant> due) {
        save(r -> r.with(ProcessStatus.WAITING, Optional.of(reason), due, Optional.of("wait for " + reason),
                Optional.empty(), now()));
        throw new Parked();
    }

    /** Saves the process as ended. */
    void finish(ProcessStatus status, Optional<String> why) {
        if (record.status() == status) {
            return;
        }
        save(r -> r.status().isFinished() ? r : r.with(status, Optional.empty(), Optional.empty(), Optional.empty(),
                why, now()));
    }

    /** Records why an attempt stopped; best effort (the store may be what failed). */
    void failed(RuntimeException failure) {
        String why = failure.getClass().getSimpleName() + ": " + String.valueOf(failure.getMessage());
        try {
            save(r -> r.status().isFinished() ? r : r.with(ProcessStatus.RUNNING, Optional.empty(), Optional.empty(),
                    Optional.of(current), Optional.of(why.length() > 1000 ? why.substring(0, 1000) : why), now()));
        } catch (RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
    }

    /**
     * Wakes a waiting process: the steps that say why (and what the waker decided) and the status
     * running, in one save. Steps already recorded are not recorded again.
     */
    void wake(List<ProcessStep> because) {
        save(r -> {
            List<ProcessStep> missing = because.stream().filter(s -> r.step(s.name()).isEmpty()).toList();
            if (r.status() != ProcessStatus.WAITING && missing.isEmpty()) {
                return r;
            }
            return r.status().isFinished() ? r : r.woken(missing, now());
        });
    }

    /** Saves the process as running again (woken or resumed), counting the attempt. */
    void start() {
        save(r -> r.status().isFinished() ? r : r.attempted(now()));
    }

    private void save(java.util.function.UnaryOperator<ProcessRecord> change) {
        for (int attempt = 1; ; attempt++) {
            ProcessRecord next = change.apply(record);
            if (next == record) {
                return;
            }
            try {
                store.save(next);
                record = next;
                return;
            } catch (ProcessConflictException raced) {
                reload();
                if (attempt >= MAX_SAVE_ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    void reload() {
        record = store.load(record.id()).orElseThrow(() -> new IllegalStateException("process " + record.id()
                + " disappeared"));
    }

    Instant now() {
        return clock.instant();
    }
}
