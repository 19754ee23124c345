package dev.oms.jdbc.internal;

import dev.oms.spi.Purgeable;
import java.time.Duration;

/**
 * The PostgreSQL stores' purges: one bounded {@code DELETE} each, oldest first by an index, in a
 * transaction of its own, measured by the database's clock ({@code now()}).
 */
public final class Purges {
    private Purges() {
    }

    /**
     * @param jdbc the adapter's transactions
     * @param scope the store's command key scope
     * @param olderThan the horizon
     * @param limit the batch size
     * @return keys deleted
     */
    public static int commandKeys(Jdbc jdbc, String scope, Duration olderThan, int limit) {
        return delete(jdbc, "purging " + scope + " command keys", olderThan, limit,
                "DELETE FROM oms_command_keys WHERE scope = ? AND key IN (SELECT key FROM oms_command_keys "
                        + "WHERE scope = ? AND recorded_at < now() - ? * interval '1 millisecond' "
                        + "ORDER BY recorded_at LIMIT ?)",
                scope, scope);
    }

    /**
     * @param jdbc the adapter's transactions
     * @param stream the store's outbox stream
     * @param olderThan the horizon
     * @param limit the batch size
     * @return rows deleted
     */
    public static int publishedEvents(Jdbc jdbc, String stream, Duration olderThan, int limit) {
        return delete(jdbc, "purging published " + stream + " events", olderThan, limit,
                "DELETE FROM oms_outbox WHERE sequence IN (SELECT sequence FROM oms_outbox WHERE stream = ? "
                        + "AND published AND published_at < now() - ? * interval '1 millisecond' "
                        + "ORDER BY published_at LIMIT ?)",
                stream);
    }

    /**
     * @param jdbc the adapter's transactions
     * @param olderThan the horizon
     * @param limit the batch size
     * @return reservations deleted
     */
    public static int closedReservations(Jdbc jdbc, Duration olderThan, int limit) {
        return delete(jdbc, "purging closed reservations", olderThan, limit,
                "DELETE FROM oms_reservations WHERE id IN (SELECT id FROM oms_reservations WHERE closed_at "
                        + "< now() - ? * interval '1 millisecond' ORDER BY closed_at LIMIT ?) AND status <> 'ACTIVE'");
    }

    /**
     * @param jdbc the adapter's transactions
     * @param olderThan the horizon
     * @param limit the batch size
     * @return set-aside outbox rows deleted
     */
    public static int setAsideEvents(Jdbc jdbc, Duration olderThan, int limit) {
        return delete(jdbc, "purging set-aside events", olderThan, limit,
                "DELETE FROM oms_outbox WHERE sequence IN (SELECT sequence FROM oms_outbox WHERE NOT published "
                        + "AND set_aside_at < now() - ? * interval '1 millisecond' ORDER BY set_aside_at LIMIT ?)");
    }

    /**
     * One bounded delete in a transaction of its own: the statement's parameters are {@code leading}
     * followed by the horizon in milliseconds and the limit.
     */
    private static int delete(Jdbc jdbc, String what, Duration olderThan, int limit, String sql, Object... leading) {
        Purgeable.requireHorizon(olderThan, limit);
        Object[] params = java.util.Arrays.copyOf(leading, leading.length + 2);
        params[leading.length] = olderThan.toMillis();
        params[leading.length + 1] = limit;
        return jdbc.transaction(what, c -> Jdbc.update(c, sql, params));
    }
}
