package dev.oms.testkit.broken;

import dev.oms.flow.memory.InMemoryProcessStore;
import dev.oms.spi.OrderId;
import dev.oms.spi.process.ProcessId;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import dev.oms.spi.process.ProcessStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Broken on purpose: saves whatever it is given, last write wins, no version check. */
final class LosingUpdatesProcessStore implements ProcessStore {
    private final Map<ProcessId, ProcessRecord> records = new ConcurrentHashMap<>();
    private final InMemoryProcessStore queries = new InMemoryProcessStore();

    @Override
    public void save(ProcessRecord record) {
        records.put(record.id(), record);
    }

    @Override
    public Optional<ProcessRecord> load(ProcessId id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public List<ProcessRecord> ofOrder(OrderId orderId) {
        return List.of();
    }

    @Override
    public List<ProcessRecord> running(Instant updatedBefore, int limit) {
        return queries.running(updatedBefore, limit);
    }

    @Override
    public List<ProcessRecord> waiting(WaitReason reason, Optional<ProcessId> after, int limit) {
        return queries.waiting(reason, after, limit);
    }

    @Override
    public List<ProcessRecord> due(Instant now, int limit) {
        return queries.due(now, limit);
    }

    @Override
    public int purgeFinished(Instant finishedBefore, int limit) {
        return 0;
    }
}
