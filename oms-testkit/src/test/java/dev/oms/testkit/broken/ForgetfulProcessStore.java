package dev.oms.testkit.broken;

import dev.oms.flow.memory.InMemoryProcessStore;
import dev.oms.spi.OrderId;
import dev.oms.spi.process.ProcessId;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import dev.oms.spi.process.ProcessStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Broken on purpose: versions are checked, but reads forget the steps' decisions (the lines and
 * amounts a resume must follow), and waiting processes are listed by id, ignoring the cursor.
 */
final class ForgetfulProcessStore implements ProcessStore {
    private final InMemoryProcessStore real = new InMemoryProcessStore();

    @Override
    public void save(ProcessRecord record) {
        real.save(record);
    }

    @Override
    public Optional<ProcessRecord> load(ProcessId id) {
        return real.load(id).map(ForgetfulProcessStore::forget);
    }

    private static ProcessRecord forget(ProcessRecord r) {
        return new ProcessRecord(r.id(), r.kind(), r.key(), r.fingerprint(), r.input(), r.orderId(), r.status(),
                r.waitingFor(), r.dueAt(), r.steps().stream().map(s -> ProcessRecord.ProcessStep.done(s.name()))
                        .toList(), r.next(), r.failure(), r.attempts(), r.startedAt(), r.updatedAt(), r.version());
    }

    @Override
    public List<ProcessRecord> ofOrder(OrderId orderId) {
        return real.ofOrder(orderId);
    }

    @Override
    public List<ProcessRecord> running(Instant updatedBefore, int limit) {
        return real.running(updatedBefore, limit);
    }

    @Override
    public List<ProcessRecord> waiting(WaitReason reason, Optional<ProcessId> after, int limit) {
        return real.waiting(reason, Optional.empty(), Integer.MAX_VALUE).stream()
                .sorted(Comparator.comparing(ProcessRecord::id)).filter(r -> r.status() == ProcessStatus.WAITING)
                .limit(limit).toList();
    }

    @Override
    public List<ProcessRecord> due(Instant now, int limit) {
        return real.due(now, limit);
    }

    @Override
    public int purgeFinished(Instant finishedBefore, int limit) {
        return real.purgeFinished(finishedBefore, limit);
    }
}
