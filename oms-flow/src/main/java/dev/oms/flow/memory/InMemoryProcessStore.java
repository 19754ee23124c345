package dev.oms.flow.memory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.StaleVersionException.ProcessConflictException;
import dev.oms.spi.process.ProcessId;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import dev.oms.spi.process.ProcessStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The embedded {@link ProcessStore}: version-checked writes serialised by one lock, reads without
 * locks from immutable records, an index by order, the other queries by scanning (the records of
 * unfinished processes are few; finished ones go with {@link #purgeFinished}). Nothing survives the
 * JVM.
 */
public final class InMemoryProcessStore implements ProcessStore {
    private static final Comparator<ProcessRecord> BY_START = Comparator.comparing(ProcessRecord::startedAt)
            .thenComparing(ProcessRecord::id);

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<ProcessId, ProcessRecord> records = new ConcurrentHashMap<>();
    private final Map<OrderId, List<ProcessId>> byOrder = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryProcessStore() {
    }

    @Override
    public void save(ProcessRecord record) {
        InvalidInputException.requireNonNull(record, "record");
        writeLock.lock();
        try {
            ProcessRecord stored = records.get(record.id());
            long actual = stored == null ? 0 : stored.version();
            if (actual != record.version() - 1) {
                throw new ProcessConflictException(record.id(), record.version() - 1, actual);
            }
            records.put(record.id(), record);
            record.orderId().ifPresent(order -> byOrder.compute(order, (k, ids) -> {
                if (ids != null && ids.contains(record.id())) {
                    return ids;
                }
                List<ProcessId> next = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
                next.add(record.id());
                return List.copyOf(next);
            }));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<ProcessRecord> load(ProcessId id) {
        return Optional.ofNullable(records.get(InvalidInputException.requireNonNull(id, "id")));
    }

    @Override
    public List<ProcessRecord> ofOrder(OrderId orderId) {
        InvalidInputException.requireNonNull(orderId, "orderId");
        return byOrder.getOrDefault(orderId, List.of()).stream().map(records::get).filter(java.util.Objects::nonNull)
                .sorted(BY_START).toList();
    }

    @Override
    public List<ProcessRecord> running(Instant updatedBefore, int limit) {
        InvalidInputException.requireNonNull(updatedBefore, "updatedBefore");
        return all().filter(r -> r.status() == ProcessStatus.RUNNING && r.updatedAt().isBefore(updatedBefore))
                .sorted(Comparator.comparing(ProcessRecord::updatedAt).thenComparing(ProcessRecord::id))
                .limit(requireLimit(limit)).toList();
    }

    @Override
    public List<ProcessRecord> waiting(WaitReason reason, Optional<ProcessId> after, int limit) {
        InvalidInputException.requireNonNull(reason, "reason");
        InvalidInputException.requireNonNull(after, "after");
        Optional<ProcessRecord> cursor = after.flatMap(this::load);
        return all().filter(r -> r.status() == ProcessStatus.WAITING && r.waitingFor().filter(reason::equals).isPresent())
                .filter(r -> cursor.isEmpty() || BY_START.compare(r, cursor.get()) > 0)
                .sorted(BY_START).limit(requireLimit(limit)).toList();
    }

    @Override
    public List<ProcessRecord> due(Instant now, int limit) {
        InvalidInputException.requireNonNull(now, "now");
        return all().filter(r -> r.status() == ProcessStatus.WAITING && r.dueAt().filter(d -> !d.isAfter(now)).isPresent())
                .sorted(Comparator.comparing((ProcessRecord r) -> r.dueAt().orElseThrow()).thenComparing(ProcessRecord::id))
                .limit(requireLimit(limit)).toList();
    }

    @Override
    public int purgeFinished(Instant finishedBefore, int limit) {
        InvalidInputException.requireNonNull(finishedBefore, "finishedBefore");
        writeLock.lock();
        try {
            List<ProcessId> gone = new ArrayList<>();
            all().filter(r -> r.status().isFinished() && r.updatedAt().isBefore(finishedBefore))
                    .sorted(Comparator.comparing(ProcessRecord::updatedAt)).limit(requireLimit(limit))
                    .forEach(r -> gone.add(r.id()));
            for (ProcessId id : gone) {
                ProcessRecord r = records.remove(id);
                r.orderId().ifPresent(order -> byOrder.computeIfPresent(order, (k, ids) -> {
                    List<ProcessId> next = ids.stream().filter(p -> !p.equals(id)).toList();
                    return next.isEmpty() ? null : next;
                }));
            }
            return gone.size();
        } finally {
            writeLock.unlock();
        }
    }

    private Stream<ProcessRecord> all() {
        return records.values().stream();
    }

    private static int requireLimit(int limit) {
        if (limit <= 0) {
            throw new InvalidInputException("limit", "must be positive (was " + limit + ")");
        }
        return limit;
    }
}
