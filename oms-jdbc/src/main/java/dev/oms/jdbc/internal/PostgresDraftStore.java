package dev.oms.jdbc.internal;

import dev.oms.json.StoredJson;
import dev.oms.spi.DraftId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.StaleVersionException.DraftConflictException;
import dev.oms.spi.order.Draft;
import dev.oms.spi.store.DraftStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link DraftStore} on PostgreSQL: one row per draft with its body as {@code jsonb}, its status
 * and, while it is quoted, the quote's expiry; version 1 is an insert that does nothing on an
 * existing id, a later version a conditional update on the one before, each one statement, so
 * exactly one of racing savers wins.
 */
public final class PostgresDraftStore implements DraftStore {
    private final Jdbc jdbc;

    /** @param jdbc where statements run */
    public PostgresDraftStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(Draft d) {
        InvalidInputException.requireNonNull(d, "draft");
        String body = StoredJson.write(d, Draft.class);
        BigDecimal expires = d.status() == Draft.Status.QUOTED ? PostgresProcessStore.nanos(d.quote().orElseThrow().expiresAt()) : null;
        jdbc.write("saving draft " + d.id(), c -> {
            int rows = d.version() == 1
                    ? Jdbc.update(c, "INSERT INTO oms_drafts (id, status, expires_nanos, version, body) "
                            + "VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING", d.id().value(), d.status().name(),
                            expires, d.version(), body)
                    : Jdbc.update(c, "UPDATE oms_drafts SET status = ?, expires_nanos = ?, version = ?, body = ?::jsonb "
                            + "WHERE id = ? AND version = ?", d.status().name(), expires, d.version(), body,
                            d.id().value(), d.version() - 1);
            if (rows == 0) {
                throw new DraftConflictException(d.id(), d.version() - 1, Jdbc.one(c,
                        "SELECT version FROM oms_drafts WHERE id = ?", rs -> rs.getLong(1), d.id().value()).orElse(0L));
            }
            return null;
        });
    }

    @Override
    public Optional<Draft> load(DraftId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("loading draft " + id, c -> Jdbc.one(c, "SELECT body::text FROM oms_drafts WHERE id = ?",
                PostgresDraftStore::read, id.value()));
    }

    @Override
    public List<Draft> quotesExpiredBy(Instant at, int limit) {
        InvalidInputException.requireNonNull(at, "at");
        PostgresOrderStore.requireLimit(limit);
        return jdbc.read("reading expired quotes", c -> Jdbc.query(c, "SELECT body::text FROM oms_drafts "
                + "WHERE status = 'QUOTED' AND expires_nanos <= ? ORDER BY expires_nanos, id COLLATE \"C\" LIMIT ?",
                PostgresDraftStore::read, PostgresProcessStore.nanos(at), limit));
    }

    private static Draft read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return StoredJson.read(rs.getString(1), Draft.class);
    }
}
