package dev.oms.jdbc.internal;

import dev.oms.json.StoredJson;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.BackorderAccount;
import dev.oms.spi.inventory.IncomingStock;
import dev.oms.spi.inventory.InventoryChange;
import dev.oms.spi.inventory.InventoryChange.OperationRecord;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.InventoryStore.ApplyResult;
import dev.oms.spi.inventory.Movement;
import dev.oms.spi.inventory.Movement.MovementReason;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.StockLedger.LedgerTail;
import dev.oms.spi.inventory.StockLedger.LedgerTail.LedgerCheckpoint;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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
    static final String SCOPE = "inventory";
    static final String POSITION_COLUMNS = "sku, location, on_hand, reserved, damaged, quality_control, "
            + "safety_stock, reorder_point, reorder_quantity, version";

    private final Jdbc jdbc;
    private final InventoryChanges changes;

    /**
     * @param jdbc where statements run
     * @param groupCommitLimit the most concurrent reservations written together; 1 writes each alone
     */
    public PostgresInventoryStore(Jdbc jdbc, int groupCommitLimit) {
        this.jdbc = jdbc;
        this.changes = new InventoryChanges(jdbc, groupCommitLimit);
    }

    static StockPosition position(ResultSet rs) throws SQLException {
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

    static BackorderAccount account(Connection c, Sku sku, boolean lock) throws SQLException {
        return Jdbc.one(c, "SELECT backorder_limit, backordered FROM oms_backorder_accounts WHERE sku = ?"
                + (lock ? " FOR UPDATE" : ""), rs -> new BackorderAccount(sku, Quantity.of(rs.getLong(1)),
                        Quantity.of(rs.getLong(2))), sku.value())
                .orElse(new BackorderAccount(sku, Quantity.ZERO, Quantity.ZERO));
    }

    @Override
    public ApplyResult apply(InventoryChange change) {
        return changes.apply(change);
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Optional<Reservation> reservation(ReservationId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("reading reservation " + id, c -> Jdbc.one(c,
                "SELECT body::text FROM oms_reservations WHERE id = ?", PostgresInventoryStore::reservation, id.value()));
    }

    private static Reservation reservation(ResultSet rs) throws SQLException {
        return StoredJson.read(rs.getString(1), Reservation.class);
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
