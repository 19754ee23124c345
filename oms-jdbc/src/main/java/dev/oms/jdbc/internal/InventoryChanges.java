package dev.oms.jdbc.internal;

import dev.oms.json.StoredJson;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.InvalidInputException.UnknownPositionException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.PositionConflictException;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.StaleVersionException.ReservationConflictException;
import dev.oms.spi.internal.ChangeTotals;
import dev.oms.spi.inventory.BackorderAccount;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.InventoryChange.ReservationWrite;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.InventoryStore.ApplyResult.Shortfall;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.BackorderLine;
import dev.oms.spi.inventory.StockPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The inventory store's one write: an {@code InventoryChange} applied in one PostgreSQL
 * transaction, with conditional updates per position in {@code PositionKey} order (no oversell,
 * no deadlock), the reservation by its version, backorder allowances, the ledger, the events and
 * the operation key.
 */
final class InventoryChanges {
    private final Jdbc jdbc;
    /** Null if changes are never combined. */
    private final GroupCommit grouped;

    /**
     * @param jdbc where changes run
     * @param groupCommitLimit the most concurrent reservations written together; 1 writes each alone
     */
    InventoryChanges(Jdbc jdbc, int groupCommitLimit) {
        this.jdbc = jdbc;
        this.grouped = groupCommitLimit > 1 ? new GroupCommit(jdbc, groupCommitLimit, this::alone) : null;
    }

    /** A refused change: thrown inside the transaction so that it rolls back, then turned into the result. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Shortfall> shortfalls;

        Refusal(List<Shortfall> shortfalls) {
            super(null, null, false, false);
            this.shortfalls = shortfalls;
        }
    }

    /**
     * Applies a change in one transaction, as {@link dev.oms.spi.inventory.InventoryStore#apply}
     * specifies: all or nothing, conditions checked on the change's totals per position, every
     * shortfall reported.
     *
     * @param change the change
     * @return applied, or refused with its shortfalls
     */
    ApplyResult apply(InventoryChange change) {
        InvalidInputException.requireNonNull(change, "change");
        ChangeTotals sums = ChangeTotals.of(change);
        if (grouped != null && !jdbc.inHostTransaction() && GroupCommit.takes(change, sums)) {
            return grouped.apply(change, sums);
        }
        return alone(change, sums);
    }

    private ApplyResult alone(InventoryChange change) {
        return alone(change, ChangeTotals.of(change));
    }

    /** The change in a transaction of its own (or under a savepoint of the host's). */
    private ApplyResult alone(InventoryChange change, ChangeTotals sums) {
        Map<PositionKey, long[]> totals = sums.perPosition();
        Set<PositionKey> guarded = sums.guarded();
        Map<PositionKey, Long> expectedOnHand = sums.expectedOnHand();
        Map<Sku, Long> backorderTotals = sums.backorders();
        try {
            return jdbc.transaction("applying inventory change " + change.changeId(),
                    c -> applyIn(c, change, totals, guarded, expectedOnHand, backorderTotals));
        } catch (Refusal refused) {
            return new ApplyResult.Refused(refused.shortfalls);
        }
    }

    private ApplyResult applyIn(Connection c, InventoryChange change, Map<PositionKey, long[]> totals,
            Set<PositionKey> guarded, Map<PositionKey, Long> expectedOnHand, Map<Sku, Long> backorderTotals)
            throws SQLException {
        if (oneStatementWillDo(change, totals, expectedOnHand, backorderTotals)) {
            return applyInOneStatement(c, change, totals.entrySet().iterator().next(), guarded);
        }
        // 1. The reservation, by its version: a change planned on a state that is gone is a conflict.
        if (change.reservation().isPresent()) {
            writeReservation(c, change.reservation().get());
        }
        // 2. The key and the ledger before any stock row: a hot position's row lock is then held
        //    only from its update to the commit (rolled back with everything on a refusal).
        if (change.operation().isPresent()) {
            CommandKeys.record(c, PostgresInventoryStore.SCOPE, change.operation().get().key(), change.operation().get());
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO oms_stock_movements (sku, location, reason, "
                + "reference_type, reference_id, on_hand, reserved, damaged, quality_control, at, change_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (PositionDelta d : change.deltas()) {
                Jdbc.bind(c, ps, 1, d.key().sku().value());
                Jdbc.bind(c, ps, 2, d.key().location().value());
                Jdbc.bind(c, ps, 3, d.reason().name());
                Jdbc.bind(c, ps, 4, d.reference().type().name());
                Jdbc.bind(c, ps, 5, d.reference().id());
                ps.setLong(6, d.onHand());
                ps.setLong(7, d.reserved());
                ps.setLong(8, d.damaged());
                ps.setLong(9, d.qualityControl());
                Jdbc.bind(c, ps, 10, change.at());
                Jdbc.bind(c, ps, 11, change.changeId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // 3. Every position, in key order, by one conditional update each.
        List<StockPosition> after = new ArrayList<>();
        List<StockPosition> before = new ArrayList<>();
        List<Shortfall> shortfalls = new ArrayList<>();
        PositionConflictException conflict = null;
        for (Map.Entry<PositionKey, long[]> e : totals.entrySet()) {
            PositionKey key = e.getKey();
            long[] t = e.getValue();
            boolean guard = guarded.contains(key);
            Long expected = expectedOnHand.get(key);
            if (shortfalls.isEmpty() && conflict == null) {
                Optional<StockPosition> updated = conditionalUpdate(c, key, t, guard, expected);
                if (updated.isPresent()) {
                    after.add(updated.get());
                    before.add(minus(updated.get(), t));
                    continue;
                }
            }
            StockPosition current = Jdbc.one(c, "SELECT " + PostgresInventoryStore.POSITION_COLUMNS + " FROM oms_stock_positions "
                    + "WHERE sku = ? AND location = ? FOR UPDATE", PostgresInventoryStore::position, key.sku().value(),
                    key.location().value()).orElseThrow(() -> new UnknownPositionException(key));
            if (expected != null && current.onHand().value() != expected) {
                conflict = new PositionConflictException(key, expected, current.onHand().value());
                continue;
            }
            Optional<Shortfall> shortfall = shortfall(current, t, guard);
            if (shortfall.isPresent()) {
                shortfalls.add(shortfall.get());
            } else if (shortfalls.isEmpty() && conflict == null) {
                // a concurrent change left room between the update and the read (the row is locked now)
                after.add(conditionalUpdate(c, key, t, guard, expected).orElseThrow());
                before.add(current);
            }
        }
        if (conflict != null) {
            throw conflict;
        }
        // 4. Backorder allowances, in SKU order.
        for (Map.Entry<Sku, Long> e : backorderTotals.entrySet()) {
            Jdbc.update(c, "INSERT INTO oms_backorder_accounts (sku) VALUES (?) ON CONFLICT DO NOTHING",
                    e.getKey().value());
            BackorderAccount account = PostgresInventoryStore.account(c, e.getKey(), true);
            long next = account.backordered().value() + e.getValue();
            if (e.getValue() > 0 && next > account.limit().value()) {
                shortfalls.add(new Shortfall(e.getKey(), Optional.empty(), e.getValue(), account.headroom()));
            } else if (next < 0) {
                throw new InvalidInputException("InventoryChange.backorders", "SKU " + e.getKey()
                        + " would have negative backorders (" + next + ")");
            } else if (shortfalls.isEmpty()) {
                Jdbc.update(c, "UPDATE oms_backorder_accounts SET backordered = ? WHERE sku = ?", next,
                        e.getKey().value());
            }
        }
        if (!shortfalls.isEmpty()) {
            throw new Refusal(shortfalls);
        }
        // 5. The outbox.
        List<InventoryEvent> events = new ArrayList<>(change.events());
        for (int i = 0; i < after.size(); i++) {
            InventoryEvent.LowStock.crossing(change.changeId(), change.at(), before.get(i), after.get(i))
                    .ifPresent(events::add);
        }
        Outbox.append(c, Outbox.INVENTORY, events, InventoryEvent::eventId, InventoryEvent.class);
        return new ApplyResult.Applied(after, events);
    }

    /**
     * The common change (a new reservation or a stock movement on one position, no backorders, no
     * expected on hand) goes to the database as one statement whose parts write the reservation,
     * the key and the ledger, then the position's conditional update, then the commit: three round
     * trips, and the position's row lock is held only from its update to the commit. (Folding the
     * update into the same statement saves a round trip but holds the hot row's lock while the
     * other writes run, which costs more under contention.)
     */
    private static boolean oneStatementWillDo(InventoryChange change, Map<PositionKey, long[]> totals,
            Map<PositionKey, Long> expectedOnHand, Map<Sku, Long> backorderTotals) {
        if (totals.size() != 1 || !expectedOnHand.isEmpty() || !backorderTotals.isEmpty() || change.deltas().isEmpty()) {
            return false;
        }
        if (change.reservation().isEmpty()) {
            return true;
        }
        ReservationWrite write = change.reservation().get();
        return write.expectedVersion() == 0 && write.reservation().backorders().stream()
                .noneMatch(b -> b.open().isPositive());
    }

    private ApplyResult applyInOneStatement(Connection c, InventoryChange change, Map.Entry<PositionKey, long[]> total,
            Set<PositionKey> guarded) throws SQLException {
        PositionKey key = total.getKey();
        long[] t = total.getValue();
        boolean guard = guarded.contains(key);
        StringBuilder sql = new StringBuilder("WITH ");
        List<Object> params = new ArrayList<>();
        Optional<Reservation> reservation = change.reservation().map(ReservationWrite::reservation);
        if (reservation.isPresent()) {
            Reservation r = reservation.get();
            sql.append("r AS (INSERT INTO oms_reservations (id, order_id, status, version, expires_at, body) "
                    + "VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING RETURNING 1), ");
            params.addAll(java.util.Arrays.asList(r.id().value(), r.orderId().value(), r.status().name(), r.version(),
                    r.expiresAt().orElse(null), StoredJson.write(r, Reservation.class)));
        }
        if (change.operation().isPresent()) {
            sql.append("k AS (INSERT INTO oms_command_keys (scope, key, record) VALUES (?, ?, ?::jsonb) "
                    + "ON CONFLICT DO NOTHING RETURNING 1), ");
            params.addAll(List.of(PostgresInventoryStore.SCOPE, change.operation().get().key().value(),
                    StoredJson.write(change.operation().get(), OperationRecord.class)));
        }
        sql.append("m AS (INSERT INTO oms_stock_movements (sku, location, reason, reference_type, reference_id, "
                + "on_hand, reserved, damaged, quality_control, at, change_id) VALUES ");
        for (int i = 0; i < change.deltas().size(); i++) {
            PositionDelta d = change.deltas().get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(java.util.Arrays.asList(d.key().sku().value(), d.key().location().value(), d.reason().name(),
                    d.reference().type().name(), d.reference().id(), d.onHand(), d.reserved(), d.damaged(),
                    d.qualityControl(), change.at(), change.changeId()));
        }
        sql.append(" RETURNING 1) SELECT ").append(reservation.isPresent() ? "(SELECT count(*) FROM r)" : "1")
                .append(" AS reservations, ").append(change.operation().isPresent() ? "(SELECT count(*) FROM k)" : "1")
                .append(" AS keys, (SELECT count(*) FROM m) AS movements");
        try (PreparedStatement ps = Jdbc.prepare(c, sql.toString(), params.toArray());
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong("reservations") == 0) {
                Reservation r = reservation.orElseThrow();
                long actual = Jdbc.one(c, "SELECT version FROM oms_reservations WHERE id = ?", v -> v.getLong(1),
                        r.id().value()).orElse(0L);
                throw new ReservationConflictException(r.id(), 0, actual);
            }
            if (rs.getLong("keys") == 0) {
                throw new CommandKeyConflictException(change.operation().orElseThrow().key(), "is already recorded");
            }
        }
        Optional<StockPosition> updated = conditionalUpdate(c, key, t, guard, null);
        StockPosition before;
        StockPosition after;
        if (updated.isPresent()) {
            after = updated.get();
            before = minus(after, t);
        } else {
            StockPosition current = Jdbc.one(c, "SELECT " + PostgresInventoryStore.POSITION_COLUMNS + " FROM oms_stock_positions "
                    + "WHERE sku = ? AND location = ? FOR UPDATE", PostgresInventoryStore::position, key.sku().value(),
                    key.location().value()).orElseThrow(() -> new UnknownPositionException(key));
            Optional<Shortfall> shortfall = shortfall(current, t, guard);
            if (shortfall.isPresent()) {
                throw new Refusal(List.of(shortfall.get()));
            }
            // a concurrent change left room between the update and the read (the row is locked now)
            after = conditionalUpdate(c, key, t, guard, null).orElseThrow();
            before = current;
        }
        List<InventoryEvent> events = new ArrayList<>(change.events());
        InventoryEvent.LowStock.crossing(change.changeId(), change.at(), before, after).ifPresent(events::add);
        Outbox.append(c, Outbox.INVENTORY, events, InventoryEvent::eventId, InventoryEvent.class);
        return new ApplyResult.Applied(List.of(after), events);
    }

    private static Optional<StockPosition> conditionalUpdate(Connection c, PositionKey key, long[] t, boolean guard,
            Long expected) throws SQLException {
        return Jdbc.one(c, "UPDATE oms_stock_positions SET on_hand = on_hand + ?, reserved = reserved + ?, "
                + "damaged = damaged + ?, quality_control = quality_control + ?, version = version + 1 "
                + "WHERE sku = ? AND location = ? AND on_hand + ? >= 0 AND reserved + ? >= 0 AND damaged + ? >= 0 "
                + "AND quality_control + ? >= 0 AND (NOT ? OR (on_hand + ?) - (reserved + ?) - safety_stock >= 0) "
                + "AND GREATEST(on_hand + ?, reserved + ?, damaged + ?, quality_control + ?) <= "
                + StockPosition.MAX_UNITS + " "
                + "AND (?::bigint IS NULL OR on_hand = ?) RETURNING " + PostgresInventoryStore.POSITION_COLUMNS,
                PostgresInventoryStore::position, t[0], t[1], t[2], t[3], key.sku().value(), key.location().value(),
                t[0], t[1], t[2], t[3], guard, t[0], t[1], t[0], t[1], t[2], t[3], expected, expected);
    }

    /** The same rules as the in-memory store, on the locked row. */
    static Optional<Shortfall> shortfall(StockPosition p, long[] t, boolean guard) {
        Sku sku = p.key().sku();
        Optional<LocationId> at = Optional.of(p.key().location());
        long onHand = p.onHand().value() + t[0];
        long reserved = p.reserved().value() + t[1];
        StockPosition.requireWithinLimit(p.key(), onHand, reserved, p.damaged().value() + t[2],
                p.qualityControl().value() + t[3]);
        if (onHand < 0) {
            return Optional.of(new Shortfall(sku, at, -t[0], p.onHand().value()));
        } else if (reserved < 0) {
            return Optional.of(new Shortfall(sku, at, -t[1], p.reserved().value()));
        } else if (p.damaged().value() + t[2] < 0) {
            return Optional.of(new Shortfall(sku, at, -t[2], p.damaged().value()));
        } else if (p.qualityControl().value() + t[3] < 0) {
            return Optional.of(new Shortfall(sku, at, -t[3], p.qualityControl().value()));
        } else if (guard && onHand - reserved - p.settings().safetyStock().value() < 0) {
            return Optional.of(new Shortfall(sku, at, t[1] - t[0], p.available()));
        }
        return Optional.empty();
    }

    private static StockPosition minus(StockPosition after, long[] t) {
        return new StockPosition(after.key(), Quantity.of(after.onHand().value() - t[0]),
                Quantity.of(after.reserved().value() - t[1]), Quantity.of(after.damaged().value() - t[2]),
                Quantity.of(after.qualityControl().value() - t[3]), after.settings(), after.version() - 1);
    }

    private static void writeReservation(Connection c, ReservationWrite write) throws SQLException {
        Reservation r = write.reservation();
        String body = StoredJson.write(r, Reservation.class);
        Instant expires = r.expiresAt().orElse(null);
        int rows;
        if (write.expectedVersion() == 0) {
            rows = Jdbc.update(c, "INSERT INTO oms_reservations (id, order_id, status, version, expires_at, body) "
                    + "VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING", r.id().value(), r.orderId().value(),
                    r.status().name(), r.version(), expires, body);
        } else {
            rows = Jdbc.update(c, "UPDATE oms_reservations SET status = ?, version = ?, expires_at = ?, body = ?::jsonb "
                    + "WHERE id = ? AND version = ?", r.status().name(), r.version(), expires, body, r.id().value(),
                    write.expectedVersion());
        }
        if (rows == 0) {
            long actual = Jdbc.one(c, "SELECT version FROM oms_reservations WHERE id = ?", rs -> rs.getLong(1),
                    r.id().value()).orElse(0L);
            throw new ReservationConflictException(r.id(), write.expectedVersion(), actual);
        }
        if (write.expectedVersion() != 0) {
            // a new reservation has no rows here yet
            Jdbc.update(c, "DELETE FROM oms_open_backorders WHERE reservation_id = ?", r.id().value());
        }
        if (r.status().isActive()) {
            Set<String> waiting = new TreeSet<>();
            for (BackorderLine b : r.backorders()) {
                if (b.open().isPositive()) {
                    waiting.add(b.sku().value());
                }
            }
            for (String sku : waiting) {
                Jdbc.update(c, "INSERT INTO oms_open_backorders (reservation_id, sku) VALUES (?, ?)", r.id().value(), sku);
            }
        }
    }
}
