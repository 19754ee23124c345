package dev.oms.jdbc.internal;

import dev.oms.spi.EventId;
import dev.oms.spi.internal.JsonCodec;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The outbox table, shared by the order, inventory, fulfilment and return streams: events are inserted in
 * the transaction of the change they describe; a stream's unpublished events are read in
 * sequence order; publishing marks them. One class for the four stores that have an outbox.
 */
public final class Outbox {
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
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO oms_outbox (stream, event_id, body) VALUES (?, ?, ?::jsonb)")) {
            for (E event : events) {
                ps.setString(1, stream);
                ps.setString(2, id.apply(event).value());
                ps.setString(3, JsonCodec.write(event, type));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** An unpublished row: its sequence and its JSON body. */
    public record Row(long sequence, String body) {
    }

    /**
     * @return the oldest unpublished events of the stream, in sequence order
     */
    public static List<Row> unpublished(Connection c, String stream, int limit) throws SQLException {
        return Jdbc.query(c, "SELECT sequence, body::text FROM oms_outbox WHERE stream = ? AND NOT published "
                + "ORDER BY sequence LIMIT ?", rs -> new Row(rs.getLong(1), rs.getString(2)), stream, limit);
    }

    /** Marks events published; unknown ids are ignored. */
    public static void markPublished(Connection c, Collection<EventId> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Jdbc.update(c, "UPDATE oms_outbox SET published = true WHERE event_id = ANY (?) AND NOT published",
                (Object) ids.stream().map(EventId::value).toArray(String[]::new));
    }
}
