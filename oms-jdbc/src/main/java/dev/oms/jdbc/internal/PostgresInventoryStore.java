package dev.oms.jdbc.internal;

import dev.oms.spi.CommandKey;
import dev.oms.spi.CommandKeyConflictException;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.internal.JsonCodec;
import dev.oms.spi.inventory.ApplyResult;
import dev.oms.spi.inventory.ApplyResult.Shortfall;
import dev.oms.spi.inventory.BackorderAccount;
import dev.oms.spi.inventory.IncomingStock;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.BackorderDelta;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryChange.PositionDelta;
import dev.oms.spi.inventory.InventoryChange.ReservationWrite;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.LedgerTail;
import dev.oms.spi.inventory.LedgerTail.LedgerCheckpoint;
import dev.oms.spi.inventory.Movement;
import dev.oms.spi.inventory.Movement.MovementReason;
import dev.oms.spi.inventory.PositionConflictException;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.BackorderLine;
import dev.oms.spi.inventory.ReservationConflictException;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.inventory.UnknownPositionException;
import dev.oms.spi.store.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link InventoryStore} on PostgreSQL, where the atomicity of stock lives in the database.
 *
 * <p>A change is one transaction. The reservation is written first, by a conditional update on
 * its version (a stale one is a conflict, whatever the stock says). Then each position's summed
 * deltas are one conditional update, in {@link PositionKey} order (so concurrent changes lock
 * rows in one global order and cannot deadlock):
 * <pre>
 * UPDATE oms_stock_positions SET on_hand = on_hand + ?, reserved = reserved + ?, ...
 *  WHERE sku = ? AND location = ? AND on_hand + ? &gt;= 0 AND reserved + ? &gt;= 0 ...
 *    AND (NOT ? OR (on_hand + ?) - (reserved + ?) - safety_stock &gt;= 0)
 *    AND (? IS NULL OR on_hand = ?)
 *  RETURNING ...
 * </pre>
 * A hot SKU costs one such statement. If no row comes back, the row is read with
 * {@code FOR UPDATE} to learn why (unknown position, an expected count that moved, a shortfall,
 * or a concurrent change that now leaves room, which is then applied); the remaining positions
 * are only read, so every shortfall is reported, and the transaction is rolled back. Backorder
 * allowances follow in SKU order, then the operation key, the ledger, the outbox.
 */
public final class PostgresInventoryStore implements InventoryStore {
    private static final String SCOPE = "inventory";
    private static final String POSITION_COLUMNS = "sku, location, on_hand, reserved, damaged, quality_control, "
            + "safety_stock, reorder_point, reorder_quantity, version";

    private final Jdbc jdbc;

    /** @param jdbc where statements run */
    public PostgresInventoryStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static StockPosition position(ResultSet rs) throws SQLException {
        return new StockPosition(PositionKey.of(Sku.of(rs.getString("sku")), LocationId.of(rs.getString("location"))),
                Quantity.of(rs.getLong("on_hand")), Quantity.of(rs.getLong("reserved")), Quantity.of(rs.getLong("damaged")),
                Quantity.of(rs.getLong("quality_control")), new PositionSettings(Quantity.of(rs.getLong("safety_stock")),
                        Quantity.of(rs.getLong("reorder_point")), Quantity.of(rs.getLong("reorder_quantity"))),
                rs.getLong("version"));
    }

    @Override
    public StockPosition definePosition(PositionKey key, PositionSettings settings) {
        InvalidInputException.requireNonNull(key, "key");
        InvalidInputException.requireNonNull(settings, "settings");
        return jdbc.transaction("defining position " + key, c -> Jdbc.one(c, "INSERT INTO oms_stock_positions (sku, "
                + "location, safety_stock, reorder_point, reorder_quantity, version) VALUES (?, ?, ?, ?, ?, 0) "
                + "ON CONFLICT (sku, location) DO UPDATE SET safety_stock = EXCLUDED.safety_stock, "
                + "reorder_point = EXCLUDED.reorder_point, reorder_quantity = EXCLUDED.reorder_quantity, "
                + "version = oms_stock_positions.version + CASE WHEN (oms_stock_positions.safety_stock, "
                + "oms_stock_positions.reorder_point, oms_stock_positions.reorder_quantity) = (EXCLUDED.safety_stock, "
                + "EXCLUDED.reorder_point, EXCLUDED.reorder_quantity) THEN 0 ELSE 1 END RETURNING " + POSITION_COLUMNS,
                PostgresInventoryStore::position, key.sku().value(), key.location().value(),
                settings.safetyStock().value(), settings.reorderPoint().value(), settings.reorderQuantity().value())
                .orElseThrow());
    }

    @Override
    public Optional<StockPosition> position(PositionKey key) {
        InvalidInputException.requireNonNull(key, "key");
        return jdbc.read("reading position " + key, c -> Jdbc.one(c, "SELECT " + POSITION_COLUMNS
                + " FROM oms_stock_positions WHERE sku = ? AND location = ?", PostgresInventoryStore::position,
                key.sku().value(), key.location().value()));
    }

    @Override
    public List<StockPosition> positions(Sku sku) {
        InvalidInputException.requireNonNull(sku, "sku");
        return jdbc.read("reading positions of " + sku, c -> Jdbc.query(c, "SELECT " + POSITION_COLUMNS
                + " FROM oms_stock_positions WHERE sku = ? ORDER BY location", PostgresInventoryStore::position,
                sku.value()));
    }

    @Override
    public void setBackorderLimit(Sku sku, Quantity limit) {
        InvalidInputException.requireNonNull(sku, "sku");
        InvalidInputException.requireNonNull(limit, "limit");
        jdbc.transaction("setting the backorder limit of " + sku, c -> Jdbc.update(c, "INSERT INTO "
                + "oms_backorder_accounts (sku, backorder_limit) VALUES (?, ?) ON CONFLICT (sku) DO UPDATE SET "
                + "backorder_limit = EXCLUDED.backorder_limit", sku.value(), limit.value()));
    }

    @Override
    public BackorderAccount backorderAccount(Sku sku) {
        InvalidInputException.requireNonNull(sku, "sku");
        return jdbc.read("reading the backorder account of " + sku, c -> account(c, sku, false));
    }

    private static BackorderAccount account(Connection c, Sku sku, boolean lock) throws SQLException {
        return Jdbc.one(c, "SELECT backorder_limit, backordered FROM oms_backorder_accounts WHERE sku = ?"
                + (lock ? " FOR UPDATE" : ""), rs -> new BackorderAccount(sku, Quantity.of(rs.getLong(1)),
                        Quantity.of(rs.getLong(2))), sku.value())
                .orElse(new BackorderAccount(sku, Quantity.ZERO, Quantity.ZERO));
    }

    // ------------------------------------------------------------------ apply

    /** A refused change: thrown inside the transaction so that it rolls back, then turned into the result. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Shortfall> shortfalls;

        Refusal(List<Shortfall> shortfalls) {
            super(null, null, false, false);
            this.shortfalls = shortfalls;
        }
    }

    @Override
    public ApplyResult apply(InventoryChange change) {
        InvalidInputException.requireNonNull(change, "change");
        Map<PositionKey, long[]> totals = new TreeMap<>();
        Set<PositionKey> guarded = new TreeSet<>();
        Map<PositionKey, Long> expectedOnHand = new TreeMap<>();
        for (PositionDelta d : change.deltas()) {
            long[] t = totals.computeIfAbsent(d.key(), k -> new long[4]);
            t[0] += d.onHand();
            t[1] += d.reserved();
            t[2] += d.damaged();
            t[3] += d.qualityControl();
            if (d.requireAvailable()) {
                guarded.add(d.key());
            }
            if (d.expectedOnHand().isPresent()) {
                expectedOnHand.put(d.key(), d.expectedOnHand().getAsLong());
            }
        }
        Map<Sku, Long> backorderTotals = new TreeMap<>();
        for (BackorderDelta d : change.backorders()) {
            backorderTotals.merge(d.sku(), d.delta(), Long::sum);
        }
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
            CommandKeys.record(c, SCOPE, change.operation().get().key(), change.operation().get());
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
            StockPosition current = Jdbc.one(c, "SELECT " + POSITION_COLUMNS + " FROM oms_stock_positions "
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
            BackorderAccount account = account(c, e.getKey(), true);
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
                    r.expiresAt().orElse(null), JsonCodec.write(r, Reservation.class)));
        }
        if (change.operation().isPresent()) {
            sql.append("k AS (INSERT INTO oms_command_keys (scope, key, record) VALUES (?, ?, ?::jsonb) "
                    + "ON CONFLICT DO NOTHING RETURNING 1), ");
            params.addAll(List.of(SCOPE, change.operation().get().key().value(),
                    JsonCodec.write(change.operation().get(), OperationRecord.class)));
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
            StockPosition current = Jdbc.one(c, "SELECT " + POSITION_COLUMNS + " FROM oms_stock_positions "
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
                + "AND (?::bigint IS NULL OR on_hand = ?) RETURNING " + POSITION_COLUMNS,
                PostgresInventoryStore::position, t[0], t[1], t[2], t[3], key.sku().value(), key.location().value(),
                t[0], t[1], t[2], t[3], guard, t[0], t[1], t[0], t[1], t[2], t[3], expected, expected);
    }

    /** The same rules as the in-memory store, on the locked row. */
    private static Optional<Shortfall> shortfall(StockPosition p, long[] t, boolean guard) {
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
        String body = JsonCodec.write(r, Reservation.class);
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

    // ------------------------------------------------------------------ reads

    @Override
    public Optional<Reservation> reservation(ReservationId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("reading reservation " + id, c -> Jdbc.one(c,
                "SELECT body::text FROM oms_reservations WHERE id = ?", PostgresInventoryStore::reservation, id.value()));
    }

    private static Reservation reservation(ResultSet rs) throws SQLException {
        return JsonCodec.read(rs.getString(1), Reservation.class);
    }

    @Override
    public List<Reservation> reservationsOf(OrderId orderId) {
        InvalidInputException.requireNonNull(orderId, "orderId");
        return jdbc.read("reading reservations of " + orderId, c -> Jdbc.query(c,
                "SELECT body::text FROM oms_reservations WHERE order_id = ? ORDER BY created_seq",
                PostgresInventoryStore::reservation, orderId.value()));
    }

    @Override
    public List<Reservation> expiring(Instant notAfter, int limit) {
        InvalidInputException.requireNonNull(notAfter, "notAfter");
        return jdbc.read("finding expiring reservations", c -> Jdbc.query(c, "SELECT body::text FROM "
                + "oms_reservations WHERE status = 'ACTIVE' AND expires_at <= ? ORDER BY expires_at, id LIMIT ?",
                PostgresInventoryStore::reservation, notAfter, limit));
    }

    @Override
    public List<Reservation> openBackorders(Sku sku) {
        InvalidInputException.requireNonNull(sku, "sku");
        List<Reservation> waiting = jdbc.read("finding open backorders of " + sku, c -> Jdbc.query(c,
                "SELECT r.body::text FROM oms_open_backorders b JOIN oms_reservations r ON r.id = b.reservation_id "
                        + "WHERE b.sku = ? AND r.status = 'ACTIVE'", PostgresInventoryStore::reservation, sku.value()));
        return waiting.stream()
                .filter(r -> r.backorders().stream().anyMatch(b -> b.sku().equals(sku) && b.open().isPositive()))
                .sorted(Comparator.comparingInt(Reservation::priority).reversed()
                        .thenComparing(Reservation::createdAt).thenComparing(Reservation::id))
                .toList();
    }

    @Override
    public List<Movement> movements(PositionKey key) {
        InvalidInputException.requireNonNull(key, "key");
        return jdbc.read("reading the ledger of " + key, c -> movements(c, key));
    }

    private static List<Movement> movements(Connection c, PositionKey key) throws SQLException {
        return Jdbc.query(c, "SELECT sequence, reason, reference_type, reference_id, on_hand, reserved, damaged, "
                + "quality_control, at, change_id FROM oms_stock_movements WHERE sku = ? AND location = ? "
                + "ORDER BY sequence", rs -> new Movement(rs.getLong("sequence"), key,
                        MovementReason.valueOf(rs.getString("reason")),
                        Reference.of(Reference.Type.valueOf(rs.getString("reference_type")), rs.getString("reference_id")),
                        rs.getLong("on_hand"), rs.getLong("reserved"), rs.getLong("damaged"),
                        rs.getLong("quality_control"), Jdbc.instant(rs, "at"), rs.getString("change_id")),
                key.sku().value(), key.location().value());
    }

    @Override
    public Optional<LedgerTail> ledgerTail(PositionKey key) {
        InvalidInputException.requireNonNull(key, "key");
        return jdbc.snapshot("reading the ledger tail of " + key, c -> {
            Optional<StockPosition> position = Jdbc.one(c, "SELECT " + POSITION_COLUMNS
                    + " FROM oms_stock_positions WHERE sku = ? AND location = ?", PostgresInventoryStore::position,
                    key.sku().value(), key.location().value());
            if (position.isEmpty()) {
                return Optional.empty();
            }
            LedgerCheckpoint checkpoint = Jdbc.one(c, "SELECT movements, through_sequence, on_hand, reserved, damaged, "
                    + "quality_control FROM oms_ledger_checkpoints WHERE sku = ? AND location = ?",
                    rs -> new LedgerCheckpoint(key, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)), key.sku().value(), key.location().value())
                    .orElse(LedgerCheckpoint.none(key));
            return Optional.of(new LedgerTail(position.get(), checkpoint, movements(c, key)));
        });
    }

    @Override
    public int compactLedger(Duration olderThan, int limit) {
        dev.oms.spi.Purgeable.requireHorizon(olderThan, limit);
        return jdbc.transaction("compacting the ledger", c -> Jdbc.one(c, "WITH folded AS (DELETE FROM "
                + "oms_stock_movements WHERE sequence IN (SELECT sequence FROM oms_stock_movements WHERE at < now() - "
                + "? * interval '1 millisecond' ORDER BY sequence LIMIT ?) RETURNING sku, location, sequence, on_hand, "
                + "reserved, damaged, quality_control), sums AS (SELECT sku, location, count(*) AS n, "
                + "max(sequence) AS s, sum(on_hand)::bigint AS oh, sum(reserved)::bigint AS r, "
                + "sum(damaged)::bigint AS d, sum(quality_control)::bigint AS q FROM folded GROUP BY sku, location), "
                + "saved AS (INSERT INTO oms_ledger_checkpoints AS c (sku, location, movements, through_sequence, "
                + "on_hand, reserved, damaged, quality_control) SELECT sku, location, n, s, oh, r, d, q FROM sums "
                + "ON CONFLICT (sku, location) DO UPDATE SET movements = c.movements + EXCLUDED.movements, "
                + "through_sequence = GREATEST(c.through_sequence, EXCLUDED.through_sequence), "
                + "on_hand = c.on_hand + EXCLUDED.on_hand, reserved = c.reserved + EXCLUDED.reserved, "
                + "damaged = c.damaged + EXCLUDED.damaged, quality_control = c.quality_control + EXCLUDED.quality_control "
                + "RETURNING 1) SELECT coalesce(sum(n), 0)::int FROM sums", rs -> rs.getInt(1), olderThan.toMillis(),
                limit).orElse(0));
    }

    @Override
    public Optional<OperationRecord> findOperation(CommandKey key) {
        InvalidInputException.requireNonNull(key, "key");
        return jdbc.read("finding operation " + key, c -> CommandKeys.find(c, SCOPE, key, OperationRecord.class));
    }

    @Override
    public void expectIncoming(IncomingStock incoming) {
        InvalidInputException.requireNonNull(incoming, "incoming");
        jdbc.transaction("recording incoming stock", c -> Jdbc.update(c, "INSERT INTO oms_incoming_stock "
                + "(reference_type, reference_id, sku, location, quantity, expected_at) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (reference_type, reference_id) DO UPDATE SET sku = EXCLUDED.sku, location = "
                + "EXCLUDED.location, quantity = EXCLUDED.quantity, expected_at = EXCLUDED.expected_at",
                incoming.reference().type().name(), incoming.reference().id(), incoming.position().sku().value(),
                incoming.position().location().value(), incoming.quantity().value(), incoming.expectedAt()));
    }

    @Override
    public void removeIncoming(Reference reference) {
        InvalidInputException.requireNonNull(reference, "reference");
        jdbc.transaction("forgetting incoming stock", c -> Jdbc.update(c, "DELETE FROM oms_incoming_stock WHERE "
                + "reference_type = ? AND reference_id = ?", reference.type().name(), reference.id()));
    }

    @Override
    public List<IncomingStock> incoming(Sku sku) {
        InvalidInputException.requireNonNull(sku, "sku");
        return jdbc.read("reading incoming stock of " + sku, c -> Jdbc.query(c, "SELECT reference_type, "
                + "reference_id, location, quantity, expected_at FROM oms_incoming_stock WHERE sku = ? "
                + "ORDER BY expected_at, reference_type, reference_id", rs -> new IncomingStock(PositionKey.of(sku,
                        LocationId.of(rs.getString("location"))), Quantity.of(rs.getLong("quantity")),
                        Jdbc.instant(rs, "expected_at"), Reference.of(Reference.Type.valueOf(rs.getString(
                                "reference_type")), rs.getString("reference_id"))), sku.value()));
    }

    @Override
    public List<OutboxEntry<InventoryEvent>> unpublished(int limit) {
        PostgresOrderStore.requireLimit(limit);
        return jdbc.read("reading the inventory outbox", c -> Outbox.unpublished(c, Outbox.INVENTORY, limit,
                InventoryEvent.class, OutboxEntry::new));
    }

    @Override
    public void markPublished(Collection<EventId> eventIds) {
        InvalidInputException.requireNonNull(eventIds, "eventIds");
        jdbc.transaction("marking inventory events published", c -> {
            Outbox.markPublished(c, eventIds);
            return null;
        });
    }

    @Override
    public int purgeCommandKeys(Duration olderThan, int limit) {
        return Purges.commandKeys(jdbc, SCOPE, olderThan, limit);
    }

    @Override
    public int purgePublishedEvents(Duration olderThan, int limit) {
        return Purges.publishedEvents(jdbc, Outbox.INVENTORY, olderThan, limit);
    }

    @Override
    public int purgeClosedReservations(Duration olderThan, int limit) {
        return Purges.closedReservations(jdbc, olderThan, limit);
    }
}
