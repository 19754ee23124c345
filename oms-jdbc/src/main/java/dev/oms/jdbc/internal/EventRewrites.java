package dev.oms.jdbc.internal;

import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * An erasure's rewrite of a logged event, shared by the stores with an event log (orders,
 * fulfilment orders, returns): the log's row is updated only where id, owner, version and type
 * match, and any mismatch refuses the whole save; then the event's outbox row gets the same body.
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
     * @param id the event
     * @param owner what it belongs to
     * @param version its version
     * @param type its type's simple name
     * @param body its rewritten body
     * @throws InvalidInputException if the log has no such event; the save's transaction then rolls back
     */
    static void rewrite(Connection c, Log log, EventId id, String owner, long version, String type, String body)
            throws SQLException {
        int updated = Jdbc.update(c, "UPDATE " + log.table() + " SET body = ?::jsonb WHERE event_id = ? AND "
                + log.owner() + " = ? AND " + log.version() + " = ? AND body->>'@type' = ?", body, id.value(), owner,
                version, type);
        if (updated != 1) {
            throw new InvalidInputException(log.field(), "event " + id + " is not in the log of " + owner
                    + " at version " + version + " as a " + type);
        }
        Outbox.rewrite(c, id, body);
    }
}
