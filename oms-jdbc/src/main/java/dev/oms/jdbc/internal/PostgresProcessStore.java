package dev.oms.jdbc.internal;

import dev.oms.json.StoredJson;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.StaleVersionException.ProcessConflictException;
import dev.oms.spi.process.ProcessId;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import dev.oms.spi.process.ProcessStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link ProcessStore} on PostgreSQL: one row per process with its record as {@code jsonb} and the
 * columns the queries use; version 1 is an insert that does nothing on an existing id, a later
 * version a conditional update on the one before, each one statement (in autocommit, its own
 * transaction, where the pool and settings allow), so exactly one of racing savers wins. Times are kept as epoch nanoseconds so they order and compare exactly.
 */
public final class PostgresProcessStore implements ProcessStore {
    private static final String COLUMNS = "SELECT body::text FROM oms_processes ";

    private final Jdbc jdbc;

    /** @param jdbc where statements run */
    public PostgresProcessStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(ProcessRecord r) {
        InvalidInputException.requireNonNull(r, "record");
        String body = StoredJson.write(r, ProcessRecord.class);
        jdbc.write("saving process " + r.id(), c -> {
            int rows = r.version() == 1
                    ? Jdbc.update(c, "INSERT INTO oms_processes (id, order_id, status, waiting_for, due_nanos, "
                            + "started_nanos, updated_nanos, version, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) "
                            + "ON CONFLICT DO NOTHING", r.id().value(), r.orderId().map(OrderId::value).orElse(null),
                            r.status().name(), r.waitingFor().map(Enum::name).orElse(null),
                            r.dueAt().map(PostgresProcessStore::nanos).orElse(null), nanos(r.startedAt()),
                            nanos(r.updatedAt()), r.version(), body)
                    : Jdbc.update(c, "UPDATE oms_processes SET order_id = ?, status = ?, waiting_for = ?, due_nanos = ?, "
                            + "updated_nanos = ?, version = ?, body = ?::jsonb WHERE id = ? AND version = ?",
                            r.orderId().map(OrderId::value).orElse(null), r.status().name(),
                            r.waitingFor().map(Enum::name).orElse(null),
                            r.dueAt().map(PostgresProcessStore::nanos).orElse(null), nanos(r.updatedAt()), r.version(),
                            body, r.id().value(), r.version() - 1);
            if (rows == 0) {
                throw new ProcessConflictException(r.id(), r.version() - 1, Jdbc.one(c,
                        "SELECT version FROM oms_processes WHERE id = ?", rs -> rs.getLong(1), r.id().value())
                        .orElse(0L));
            }
            return null;
        });
    }

    @Override
    public Optional<ProcessRecord> load(ProcessId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("loading process " + id, c -> Jdbc.one(c, COLUMNS + "WHERE id = ?", PostgresProcessStore::read,
                id.value()));
    }

    @Override
    public List<ProcessRecord> ofOrder(OrderId orderId) {
        InvalidInputException.requireNonNull(orderId, "orderId");
        return jdbc.read("reading processes of " + orderId, c -> Jdbc.query(c, COLUMNS
                + "WHERE order_id = ? ORDER BY started_nanos, id", PostgresProcessStore::read, orderId.value()));
    }

    @Override
    public List<ProcessRecord> running(Instant updatedBefore, int limit) {
        InvalidInputException.requireNonNull(updatedBefore, "updatedBefore");
        PostgresOrderStore.requireLimit(limit);
        return jdbc.read("reading running processes", c -> Jdbc.query(c, COLUMNS
                + "WHERE status = 'RUNNING' AND updated_nanos < ? ORDER BY updated_nanos, id LIMIT ?",
                PostgresProcessStore::read, nanos(updatedBefore), limit));
    }

    @Override
    public List<ProcessRecord> waiting(WaitReason reason, Optional<ProcessId> after, int limit) {
        InvalidInputException.requireNonNull(reason, "reason");
        InvalidInputException.requireNonNull(after, "after");
        PostgresOrderStore.requireLimit(limit);
        return jdbc.read("reading waiting processes", c -> after.isEmpty()
                ? Jdbc.query(c, COLUMNS + "WHERE status = 'WAITING' AND waiting_for = ? ORDER BY started_nanos, id "
                        + "LIMIT ?", PostgresProcessStore::read, reason.name(), limit)
                : Jdbc.query(c, COLUMNS + "WHERE status = 'WAITING' AND waiting_for = ? AND (started_nanos, id) > "
                        + "(SELECT started_nanos, id FROM oms_processes WHERE id = ?) ORDER BY started_nanos, id LIMIT ?",
                        PostgresProcessStore::read, reason.name(), after.get().value(), limit));
    }

    @Override
    public List<ProcessRecord> due(Instant now, int limit) {
        InvalidInputException.requireNonNull(now, "now");
        PostgresOrderStore.requireLimit(limit);
        return jdbc.read("reading due processes", c -> Jdbc.query(c, COLUMNS + "WHERE status = 'WAITING' "
                + "AND due_nanos IS NOT NULL AND due_nanos <= ? ORDER BY due_nanos, id LIMIT ?",
                PostgresProcessStore::read, nanos(now), limit));
    }

    @Override
    public int purgeFinished(Instant finishedBefore, int limit) {
        InvalidInputException.requireNonNull(finishedBefore, "finishedBefore");
        PostgresOrderStore.requireLimit(limit);
        return jdbc.transaction("purging finished processes", c -> Jdbc.update(c, "DELETE FROM oms_processes WHERE id IN "
                + "(SELECT id FROM oms_processes WHERE status IN ('DONE', 'FAILED') AND updated_nanos < ? "
                + "ORDER BY updated_nanos LIMIT ?)", nanos(finishedBefore), limit));
    }

    private static ProcessRecord read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return StoredJson.read(rs.getString(1), ProcessRecord.class);
    }

    /** @return the instant as exact epoch nanoseconds, the form time columns are kept in */
    static BigDecimal nanos(Instant t) {
        return BigDecimal.valueOf(t.getEpochSecond()).movePointRight(9).add(BigDecimal.valueOf(t.getNano()));
    }
}
