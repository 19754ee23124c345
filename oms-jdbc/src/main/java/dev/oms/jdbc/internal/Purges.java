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
        Purgeable.requireHorizon(olderThan, limit);
        return jdbc.transaction("purging " + scope + " command keys", c -> Jdbc.update(c,
                "DELETE FROM oms_command_keys WHERE scope = ? AND key IN (SELECT key FROM oms_command_keys "
                        + "WHERE scope = ? AND recorded_at < now() - ? * interval '1 millisecond' "
                        + "ORDER BY recorded_at LIMIT ?)",
                scope, scope, olderThan.toMillis(), limit));
    }

    /**
     * @param jdbc the adapter's transactions
     * @param stream the store's outbox stream
     * @param olderThan the horizon
     * @param limit the batch size
     * @return rows deleted
     */
    public static int publishedEvents(Jdbc jdbc, String stream, Duration olderThan, int limit) {
        Purgeable.requireHorizon(olderThan, limit);
        return jdbc.transaction("purging published " + stream + " events", c -> Jdbc.update(c,
                "DELETE FROM oms_outbox WHERE sequence IN (SELECT sequence FROM oms_outbox WHERE stream = ? "
                        + "AND published AND published_at < now() - ? * interval '1 millisecond' "
                        + "ORDER BY published_at LIMIT ?)",
                stream, olderThan.toMillis(), limit));
    }

    /**
     * @param jdbc the adapter's transactions
     * @param olderThan the horizon
     * @param limit the batch size
     * @return reservations deleted
     */
    public static int closedReservations(Jdbc jdbc, Duration olderThan, int limit) {
        Purgeable.requireHorizon(olderThan, limit);
        return jdbc.transaction("purging closed reservations", c -> Jdbc.update(c,
                "DELETE FROM oms_reservations WHERE id IN (SELECT id FROM oms_reservations WHERE closed_at "
                        + "< now() - ? * interval '1 millisecond' ORDER BY closed_at LIMIT ?) AND status <> 'ACTIVE'",
                olderThan.toMillis(), limit));
    }

    /**
     * @param jdbc the adapter's transactions
     * @param olderThan the horizon
     * @param limit the batch size
     * @return set-aside outbox rows deleted
     */
    public static int setAsideEvents(Jdbc jdbc, Duration olderThan, int limit) {
        Purgeable.requireHorizon(olderThan, limit);
        return jdbc.transaction("purging set-aside events", c -> Jdbc.update(c,
                "DELETE FROM oms_outbox WHERE sequence IN (SELECT sequence FROM oms_outbox WHERE NOT published "
                        + "AND set_aside_at < now() - ? * interval '1 millisecond' ORDER BY set_aside_at LIMIT ?)",
                olderThan.toMillis(), limit));
    }
}
