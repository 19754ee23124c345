package dev.oms.jdbc.internal;

import dev.oms.json.StoredJson;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An erasure's rewrite of a logged event, shared by the stores with an event log (orders,
 * fulfilment orders, returns): the logged row (by id, owner and version, locked) must erase to
 * exactly the rewrite, or the whole save is refused; then the row and the event's outbox row get
 * the rewrite's body.
 */
final class EventRewrites {
    /**
     * One event log table.
     *
     * @param table the table
     * @param owner the column naming what the event belongs to
     * @param version the column of the event's version
     * @param field the change's field, named in an error
     */
    record Log(String table, String owner, String version, String field) {
    }

    static final Log ORDERS = new Log("oms_order_events", "order_id", "order_version", "OrderChange.rewrites");
    static final Log FULFILLMENT = new Log("oms_fulfillment_events", "fulfillment_order_id", "version",
            "FulfillmentChange.rewrites");
    static final Log RETURNS = new Log("oms_return_events", "return_id", "return_version", "ReturnChange.rewrites");

    private EventRewrites() {
    }

    /**
     * @param c the save's connection
     * @param log the event log
     * @param event the rewritten event
     * @param id its id
     * @param owner what it belongs to
     * @param version its version
     * @param type its family
     * @param erase the family's erasure: the rewrite must be the logged event, erased
     * @param <E> the event family
     * @throws InvalidInputException if the log has no such event, or the rewrite is not its erasure;
     *     the save's transaction then rolls back
     */
    static <E> void rewrite(Connection c, Log log, E event, EventId id, String owner, long version, Class<E> type,
            UnaryOperator<E> erase) throws SQLException {
        Optional<E> logged = Jdbc.one(c, "SELECT body::text FROM " + log.table() + " WHERE event_id = ? AND "
                + log.owner() + " = ? AND " + log.version() + " = ? FOR UPDATE", rs -> StoredJson.read(rs.getString(1),
                        type), id.value(), owner, version);
        if (logged.isEmpty() || !erase.apply(logged.get()).equals(event)) {
            throw new InvalidInputException(log.field(), "event " + id + " is not the erasure of an event in the log of "
                    + owner + " at version " + version);
        }
        String body = StoredJson.write(event, type);
        Jdbc.update(c, "UPDATE " + log.table() + " SET body = ?::jsonb WHERE event_id = ?", body, id.value());
        Outbox.rewrite(c, id, body);
    }
}
