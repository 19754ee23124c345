package dev.oms.jdbc.internal;

import dev.oms.json.StoredJson;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException.DuplicateExternalOrderException;
import dev.oms.spi.OrderId;
import dev.oms.spi.StaleVersionException.VersionConflictException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import dev.oms.spi.store.OrderQueries;
import dev.oms.spi.store.OrderQuery;
import dev.oms.spi.store.OrderQuery.Sort;
import dev.oms.spi.store.OrderStore;
import dev.oms.spi.store.OrderStore.OrderChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link OrderStore} on PostgreSQL. A save is one transaction: the snapshot by a conditional
 * update on the version column ({@code WHERE version = expected}; zero rows is a conflict) or an
 * insert that does nothing on a conflict (then the id or the channel order says which), the
 * events into the log and the outbox, the command key; any refusal rolls all of it back. The row
 * carries what queries filter and sort by ({@link OrderFacets}), written by the same statement.
 */
public final class PostgresOrderStore implements OrderStore, OrderQueries {
    private static final String SCOPE = "order";
    /** How many decoded orders the store keeps ({@link SnapshotCache}). */
    static final int CACHED_ORDERS = 1024;

    private final Jdbc jdbc;
    private final SnapshotCache<OrderId, Order> cache = new SnapshotCache<>(CACHED_ORDERS);

    /** @param jdbc where statements run */
    public PostgresOrderStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The committed row, in one round trip; its JSON is sent and decoded only if the row is not
     * the one this JVM last saw ({@link SnapshotCache}).
     */
    @Override
    public Optional<Order> load(OrderId id) {
        InvalidInputException.requireNonNull(id, "id");
        SnapshotCache.Entry<OrderId, Order> seen = cache.get(id);
        boolean host = jdbc.inHostTransaction();
        return jdbc.read("loading order " + id, c -> Jdbc.one(c,
                "SELECT xmin::text::bigint, CASE WHEN version = ? AND xmin::text::bigint = ? THEN NULL "
                        + "ELSE snapshot::text END FROM oms_orders WHERE id = ?", rs -> {
                    String text = rs.getString(2);
                    if (text == null && seen != null) {
                        return seen.value();
                    }
                    Order order = StoredJson.read(text, Order.class);
                    if (!host) {
                        cache.put(id, order.version(), rs.getLong(1), order);
                    }
                    return order;
                }, seen == null ? -1L : seen.version(), seen == null ? -1L : seen.rowVersion(), id.value()));
    }

    @Override
    public Optional<Order> findByExternalId(ChannelId channel, ExternalOrderId externalOrderId) {
        InvalidInputException.requireNonNull(channel, "channel");
        InvalidInputException.requireNonNull(externalOrderId, "externalOrderId");
        return jdbc.read("finding a channel order", c -> Jdbc.one(c,
                "SELECT snapshot::text FROM oms_orders WHERE channel = ? AND external_id = ?",
                rs -> StoredJson.read(rs.getString(1), Order.class), channel.value(), externalOrderId.value()));
    }

    @Override
    public void save(OrderChange change) {
        InvalidInputException.requireNonNull(change, "change");
        Order order = change.order();
        long rowVersion = jdbc.transaction("saving order " + order.id(), c -> {
            String snapshot = StoredJson.write(order, Order.class);
            Optional<Long> written;
            if (change.createsOrder()) {
                written = Jdbc.one(c, "INSERT INTO oms_orders (id, version, channel, external_id, snapshot, "
                        + "updated_at, " + OrderFacets.COLUMNS + ") VALUES (?, ?, ?, ?, ?::jsonb, ?, "
                        + OrderFacets.VALUES + ") ON CONFLICT DO NOTHING RETURNING xmin::text::bigint",
                        rs -> rs.getLong(1), OrderFacets.params(new Object[] {order.id().value(),
                            order.version(), order.header().channel().value(), order.header().externalOrderId().value(),
                            snapshot, order.updatedAt()}, change));
                if (written.isEmpty()) {
                    Optional<Long> existing = version(c, order.id());
                    if (existing.isPresent()) {
                        throw new VersionConflictException(order.id(), 0, existing.get());
                    }
                    OrderId taken = Jdbc.one(c, "SELECT id FROM oms_orders WHERE channel = ? AND external_id = ?",
                            rs -> OrderId.of(rs.getString(1)), order.header().channel().value(),
                            order.header().externalOrderId().value()).orElse(order.id());
                    throw new DuplicateExternalOrderException(order.header().channel(), order.header().externalOrderId(),
                            taken);
                }
            } else {
                written = Jdbc.one(c, "UPDATE oms_orders SET version = ?, snapshot = ?::jsonb, updated_at = ?, ("
                        + OrderFacets.COLUMNS + ") = (" + OrderFacets.VALUES + ") WHERE id = ? AND version = ? "
                        + "RETURNING xmin::text::bigint", rs -> rs.getLong(1), OrderFacets.params(
                        new Object[] {order.version(), snapshot, order.updatedAt()}, change, order.id().value(),
                        change.expectedVersion()));
                if (written.isEmpty()) {
                    throw new VersionConflictException(order.id(), change.expectedVersion(),
                            version(c, order.id()).orElse(0L));
                }
            }
            Outbox.log(c, "INSERT INTO oms_order_events (event_id, order_id, order_version, position, body) "
                    + "VALUES (?, ?, ?, ?, ?::jsonb)", Outbox.ORDERS, order.id().value(), change.events(),
                    OrderEvent::eventId, OrderEvent::orderVersion, OrderEvent.class);
            for (OrderEvent event : change.rewrites()) {
                EventRewrites.rewrite(c, EventRewrites.ORDERS, event, event.eventId(), order.id().value(),
                        event.orderVersion(), OrderEvent.class, PersonalData::erased);
            }
            if (change.command().isPresent()) {
                CommandKeys.record(c, SCOPE, change.command().get().key(), change.command().get());
            }
            return written.get();
        });
        if (!jdbc.inHostTransaction()) {
            cache.put(order.id(), order.version(), rowVersion, order); // committed
        }
    }

    /** One statement: the filter, the keyset condition, the sort and one more row than the page. */
    @Override
    public OrderQuery.Page find(OrderQuery query) {
        InvalidInputException.requireNonNull(query, "query");
        PageSql page = pageOf(query);
        return query.page(jdbc.read("finding orders", c -> Jdbc.query(c, page.sql(),
                rs -> StoredJson.read(rs.getString(1), Order.class), page.params())));
    }

    /**
     * @param query a query
     * @return the plan PostgreSQL runs its page by ({@code EXPLAIN (ANALYZE, BUFFERS)}: it runs the query)
     */
    public String explain(OrderQuery query) {
        InvalidInputException.requireNonNull(query, "query");
        PageSql page = pageOf(query);
        List<String> plan = jdbc.read("explaining an order query", c -> Jdbc.query(c,
                "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF) " + page.sql(),
                rs -> rs.getString(1), page.params()));
        return String.join("\n", plan);
    }

    private record PageSql(String sql, Object[] params) {
    }

    private static PageSql pageOf(OrderQuery query) {
        OrderFacets.Where where = OrderFacets.where(query.filter());
        Sort sort = query.sort();
        String key = sort.byPlacement() ? "placed_nanos" : "updated_nanos";
        String direction = sort.ascending() ? "ASC" : "DESC";
        StringBuilder sql = new StringBuilder("SELECT snapshot::text FROM oms_orders WHERE ").append(where.sql());
        List<Object> params = new ArrayList<>(where.params());
        if (query.after().isPresent()) {
            sql.append(" AND (").append(key).append(", id COLLATE \"C\") ").append(sort.ascending() ? ">" : "<")
                    .append(" (?, ?)");
            params.add(query.after().get().epochNanos());
            params.add(query.after().get().orderId().value());
        }
        sql.append(" ORDER BY ").append(key).append(' ').append(direction).append(", id COLLATE \"C\" ")
                .append(direction).append(" LIMIT ?");
        params.add(query.pageSize() + 1);
        return new PageSql(sql.toString(), params.toArray());
    }

    @Override
    public Map<OrderStatus, Long> countByStatus(OrderQuery.Filter filter) {
        InvalidInputException.requireNonNull(filter, "filter");
        OrderFacets.Where where = OrderFacets.where(filter);
        Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
        jdbc.read("counting orders", c -> Jdbc.query(c, "SELECT status, count(*) FROM oms_orders WHERE " + where.sql()
                + " AND status IS NOT NULL GROUP BY status", rs -> counts.put(OrderStatus.valueOf(rs.getString(1)),
                        rs.getLong(2)),
                where.params().toArray()));
        return OrderQueries.everyStatus(counts);
    }

    private static Optional<Long> version(Connection c, OrderId id) throws SQLException {
        return Jdbc.one(c, "SELECT version FROM oms_orders WHERE id = ?", rs -> rs.getLong(1), id.value());
    }

    @Override
    public List<OrderEvent> events(OrderId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("reading events of " + id, c -> Jdbc.query(c, "SELECT body::text FROM oms_order_events "
                + "WHERE order_id = ? ORDER BY order_version, position",
                rs -> StoredJson.read(rs.getString(1), OrderEvent.class), id.value()));
    }

    @Override
    public Optional<CommandRecord> findCommand(CommandKey key) {
        InvalidInputException.requireNonNull(key, "key");
        return jdbc.read("finding command " + key, c -> CommandKeys.find(c, SCOPE, key, CommandRecord.class));
    }

    @Override
    public List<OutboxEntry<OrderEvent>> unpublished(int limit) {
        requireLimit(limit);
        return jdbc.read("reading the order outbox", c -> Outbox.unpublished(c, Outbox.ORDERS, limit, OrderEvent.class,
                OutboxEntry::new));
    }

    @Override
    public void markPublished(Collection<EventId> eventIds) {
        InvalidInputException.requireNonNull(eventIds, "eventIds");
        jdbc.transaction("marking events published", c -> {
            Outbox.markPublished(c, eventIds);
            return null;
        });
    }

    static void requireLimit(int limit) {
        if (limit <= 0) {
            throw new InvalidInputException("limit", "must be positive (was " + limit + ")");
        }
    }

    @Override
    public int purgeCommandKeys(Duration olderThan, int limit) {
        return Purges.commandKeys(jdbc, SCOPE, olderThan, limit);
    }

    @Override
    public int purgePublishedEvents(Duration olderThan, int limit) {
        return Purges.publishedEvents(jdbc, Outbox.ORDERS, olderThan, limit);
    }
}
