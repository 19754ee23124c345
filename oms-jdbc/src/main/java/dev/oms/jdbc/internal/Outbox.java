package dev.oms.jdbc.internal;

import dev.oms.json.StoredJson;
import dev.oms.spi.EventId;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The outbox table, shared by the order, inventory, fulfilment and return streams: events are inserted in
 * the transaction of the change they describe; a stream's unpublished events are read in
 * sequence order; publishing marks them. One class for the four stores that have an outbox.
 */
public final class Outbox {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Outbox.class);

    /** The order events' stream. */
    public static final String ORDERS = "order";
    /** The inventory events' stream. */
    public static final String INVENTORY = "inventory";
    /** The return events' stream. */
    public static final String RETURNS = "return";
    /** The fulfilment events' stream. */
    public static final String FULFILLMENT = "fulfillment";

    private Outbox() {
    }

    /**
     * Inserts events in the given order.
     *
     * @param c the connection of the change's transaction
     * @param stream the stream
     * @param events the events
     * @param id each event's id
     * @param type the declared event type (for the JSON type tag)
     */
    public static <E> void append(Connection c, String stream, List<E> events, Function<E, EventId> id, Type type)
            throws SQLException {
        append(c, stream, events, id, bodies(events, type));
    }

    /**
     * Inserts events in the given order into the stream's own log and into the outbox, each
     * encoded once for both.
     *
     * @param c the connection of the change's transaction
     * @param insert the log's insert: event id, owner id, owner version, position, body
     * @param stream the outbox stream
     * @param owner the id of the order, fulfilment order or return they belong to
     * @param events the events
     * @param id each event's id
     * @param version the owner's version each event made
     * @param type the declared event type (for the JSON type tag)
     */
    public static <E> void log(Connection c, String insert, String stream, String owner, List<E> events,
            Function<E, EventId> id, ToLongFunction<E> version, Type type) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        List<String> bodies = bodies(events, type);
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (int i = 0; i < events.size(); i++) {
                E event = events.get(i);
                ps.setString(1, id.apply(event).value());
                ps.setString(2, owner);
                ps.setLong(3, version.applyAsLong(event));
                ps.setInt(4, i);
                ps.setString(5, bodies.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        append(c, stream, events, id, bodies);
    }

    private static <E> List<String> bodies(List<E> events, Type type) {
        List<String> bodies = new ArrayList<>(events.size());
        for (E event : events) {
            bodies.add(StoredJson.write(event, type));
        }
        return bodies;
    }

    private static <E> void append(Connection c, String stream, List<E> events, Function<E, EventId> id,
            List<String> bodies) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO oms_outbox (stream, event_id, body) VALUES (?, ?, ?::jsonb)")) {
            for (int i = 0; i < events.size(); i++) {
                ps.setString(1, stream);
                ps.setString(2, id.apply(events.get(i)).value());
                ps.setString(3, bodies.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** An unpublished row: its sequence and its JSON body. */
    private record Row(long sequence, String body) {
    }

    /**
     * The oldest unpublished events of the stream that are not set aside, in sequence order,
     * decoded one by one: a row that cannot be decoded is set aside (and logged), so it never stops
     * the events after it and rows like it never fill a batch ({@code OutboxRelay.setAside} lists it).
     *
     * @param <E> the event family
     * @param <T> the store's outbox entry
     * @param type the event family
     * @param entry makes an entry of a sequence and an event
     * @return the entries
     */
    public static <E, T> List<T> unpublished(Connection c, String stream, int limit, Class<E> type,
            BiFunction<Long, E, T> entry) throws SQLException {
        List<Row> rows = Jdbc.query(c, "SELECT sequence, body::text FROM oms_outbox WHERE stream = ? AND NOT published "
                + "AND set_aside_at IS NULL ORDER BY sequence LIMIT ?", rs -> new Row(rs.getLong(1), rs.getString(2)),
                stream, limit);
        List<T> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            E event;
            try {
                event = StoredJson.read(row.body(), type);
            } catch (RuntimeException undecodable) {
                // no reader can ever decode it: set it aside, so rows like it never fill the batch
                LOG.warn("{} outbox row {} cannot be decoded and is set aside: {}", stream, row.sequence(),
                        undecodable.getMessage());
                Jdbc.update(c, "UPDATE oms_outbox SET attempts = attempts + 1, last_error = ?, set_aside_at = now() "
                        + "WHERE sequence = ? AND NOT published", String.valueOf(undecodable.getMessage()),
                        row.sequence());
                continue;
            }
            out.add(entry.apply(row.sequence(), event));
        }
        return out;
    }

    /**
     * Stores an erasure's rewrite of an event in its outbox row, published, unpublished or set
     * aside, so no copy of the old body stays; an event without a row (purged) is ignored.
     */
    public static void rewrite(Connection c, EventId id, String body) throws SQLException {
        Jdbc.update(c, "UPDATE oms_outbox SET body = ?::jsonb WHERE event_id = ?", body, id.value());
    }

    /** Marks events published; unknown ids are ignored. */
    public static void markPublished(Connection c, Collection<EventId> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Jdbc.update(c, "UPDATE oms_outbox SET published = true, published_at = now() "
                + "WHERE event_id = ANY (?) AND NOT published",
                (Object) ids.stream().map(EventId::value).toArray(String[]::new));
    }
}
