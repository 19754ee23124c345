package dev.oms.jdbc;

import dev.oms.jdbc.PostgresStores.PostgresSettings;
import dev.oms.jdbc.PostgresStores.StorageException;
import dev.oms.jdbc.internal.Jdbc;
import dev.oms.json.StoredJson;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.returns.ReturnEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Relays the outbox to the host's publisher (a message broker, a webhook sender, a notification
 * service), at least once, in save order, and never stalled by one bad row.
 *
 * <p>{@link #relayBatch()} takes up to {@code batchSize} unpublished events in sequence order,
 * decodes and hands each to the publisher on its own, marks the published ones and commits, in
 * one transaction. <b>One relay at a time</b>: a batch first takes a PostgreSQL advisory lock
 * (transaction-scoped); a relay that does not get it returns 0 at once, so any number of relays
 * (threads, application instances) may be scheduled and the events of each order, fulfilment
 * order, return or reservation still reach the publisher in the order they were saved (their
 * versions). Across aggregates they go in sequence order, which is the order rows were inserted,
 * not quite the order transactions committed: a transaction that committed later with a lower
 * sequence is relayed after rows of other aggregates with higher ones.
 *
 * <p><b>Failures.</b> If a row cannot be decoded or the publisher throws, the rows before it are
 * marked published, the failing row's attempt is counted with its error, the batch ends and
 * {@link RelayException} says which row failed. A publisher that is down (any exception) holds the
 * relay where it is, in order, however long the outage lasts. A row that can never be delivered
 * (it cannot be decoded, or the publisher throws {@link Rejected} for it, say a message the broker
 * refuses for its size) is <b>set aside</b> when such a failure is its {@code maxAttempts}-th: it no longer
 * blocks the rows after it, which flow on (so the events after a set-aside event of the same
 * aggregate are delivered without it; its sequence and id say where it belonged). {@link #setAside(int)} lists set-aside rows with their errors, {@link #retry(long)}
 * puts one back in line, {@link #drop(long)} gives one up. A process that dies before the commit
 * marks nothing, so events are relayed again: consumers de-duplicate on
 * {@link RelayedEvent#eventId()}.
 *
 * <p>oms starts no thread: the host calls {@link #relayBatch()} or {@link #relayAll()} from its own
 * scheduler (every second, or after each request); each call counts at most one failed attempt,
 * so the scheduler's pace is the retry pace. Thread-safe.
 */
public final class OutboxRelay {
    /** Failed attempts after which a row is set aside, unless the host chooses otherwise. */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    /** The advisory lock key that lets one relay at a time take the outbox ("oms-outb"). */
    private static final long LOCK = 0x6f6d732d6f757462L;

    /** Receives relayed events. */
    @FunctionalInterface
    public interface Publisher {
        /**
         * @param event an event to deliver
         * @throws Rejected if this event can never be delivered (it is set aside after the relay's
         *     {@code maxAttempts} such answers)
         * @throws Exception if it could not be delivered now; it is relayed again later, and the
         *     events after it wait
         */
        void publish(RelayedEvent event) throws Exception;
    }

    /** Thrown by a {@link Publisher} for an event that can never be delivered, so it is set aside. */
    public static class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param reason why the event cannot be delivered */
        public Rejected(String reason) {
            super(reason);
        }
    }

    /**
     * An outbox row the relay set aside after too many failed attempts.
     *
     * @param sequence its place in save order
     * @param stream its stream ({@code order}, {@code inventory}, {@code fulfillment}, {@code return})
     * @param eventId the event's id
     * @param attempts failed attempts
     * @param lastError the last failure, as the relay saw it
     * @param setAsideAt when it was set aside
     * @param body the stored JSON, as it is (it may be what could not be decoded)
     */
    public record SetAside(long sequence, String stream, EventId eventId, int attempts, String lastError,
            Instant setAsideAt, String body) {
    }

    private final DataSource dataSource;
    private final Publisher publisher;
    private final int batchSize;
    private final int maxAttempts;

    /**
     * A relay that sets a row aside after {@link #DEFAULT_MAX_ATTEMPTS} failed attempts.
     *
     * @param dataSource the database
     * @param publisher where events go
     * @param batchSize most events per transaction, {@code > 0}
     */
    public OutboxRelay(DataSource dataSource, Publisher publisher, int batchSize) {
        this(dataSource, publisher, batchSize, DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * @param dataSource the database
     * @param publisher where events go
     * @param batchSize most events per transaction, {@code > 0}
     * @param maxAttempts failed attempts after which a row is set aside, {@code > 0}
     */
    public OutboxRelay(DataSource dataSource, Publisher publisher, int batchSize, int maxAttempts) {
        this.dataSource = InvalidInputException.requireNonNull(dataSource, "dataSource");
        this.publisher = InvalidInputException.requireNonNull(publisher, "publisher");
        if (batchSize <= 0) {
            throw new InvalidInputException("batchSize", "must be positive (was " + batchSize + ")");
        }
        if (maxAttempts <= 0) {
            throw new InvalidInputException("maxAttempts", "must be positive (was " + maxAttempts + ")");
        }
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
    }

    private record Row(long sequence, String stream, String eventId, String body, int attempts) {
    }

    private record Batch(int published, Optional<RelayException> failure) {
    }

    /**
     * Relays one batch.
     *
     * @return events published (0 if there was nothing to relay, or another relay is relaying)
     * @throws StorageException on a database failure (nothing was marked)
     * @throws RelayException if a row could not be decoded or published (the rows before it were
     *     marked; its attempt was counted, and it was set aside if that was its last)
     */
    public int relayBatch() {
        // never run again by the adapter: the publisher has been called inside
        Batch batch = new Jdbc(dataSource, PostgresSettings.defaults().withRetries(0)).transaction(
                "relaying the outbox", c -> {
            if (!Jdbc.one(c, "SELECT pg_try_advisory_xact_lock(?)", rs -> rs.getBoolean(1), LOCK).orElse(false)) {
                return new Batch(0, Optional.empty());
            }
            List<Long> done = new ArrayList<>();
            for (Row row : take(c)) {
                RelayedEvent event = null;
                try {
                    event = new RelayedEvent(row.stream(), row.sequence(), EventId.of(row.eventId()),
                            StoredJson.read(row.body(), type(row.stream())));
                    publisher.publish(event);
                    done.add(row.sequence());
                } catch (Exception failed) {
                    markPublished(c, done);
                    boolean poison = event == null || failed instanceof Rejected;
                    boolean setAside = poison && row.attempts() + 1 >= maxAttempts;
                    String error = describe(failed);
                    Jdbc.update(c, "UPDATE oms_outbox SET attempts = attempts + 1, last_error = ?, set_aside_at = "
                            + (setAside ? "now()" : "NULL") + " WHERE sequence = ?", error, row.sequence());
                    return new Batch(done.size(), Optional.of(new RelayException(row.sequence(), row.stream(),
                            row.eventId(), event, row.attempts() + 1, setAside, failed)));
                }
            }
            markPublished(c, done);
            return new Batch(done.size(), Optional.empty());
        });
        if (batch.failure().isPresent()) {
            throw batch.failure().get();
        }
        return batch.published();
    }

    /**
     * Relays batches until none is left, or until a row fails (thrown; the next call goes on).
     *
     * @return events published
     * @throws RelayException as {@link #relayBatch()}
     */
    public int relayAll() {
        int total = 0;
        for (int n = relayBatch(); n > 0; n = relayBatch()) {
            total += n;
        }
        return total;
    }

    /**
     * @param limit the most to list, {@code > 0}
     * @return set-aside rows, oldest first
     */
    public List<SetAside> setAside(int limit) {
        if (limit <= 0) {
            throw new InvalidInputException("limit", "must be positive (was " + limit + ")");
        }
        return new Jdbc(dataSource).transaction("listing set-aside outbox rows", c -> Jdbc.query(c,
                "SELECT sequence, stream, event_id, attempts, last_error, set_aside_at, body::text FROM oms_outbox "
                        + "WHERE NOT published AND set_aside_at IS NOT NULL ORDER BY sequence LIMIT ?",
                rs -> new SetAside(rs.getLong(1), rs.getString(2), EventId.of(rs.getString(3)), rs.getInt(4),
                        rs.getString(5), Jdbc.instant(rs, "set_aside_at"), rs.getString(7)), limit));
    }

    /**
     * Puts a set-aside row back in line, its attempts counted from zero again (after the consumer
     * or the data was fixed).
     *
     * @param sequence the row
     * @return whether a set-aside row was put back
     */
    public boolean retry(long sequence) {
        return new Jdbc(dataSource).transaction("retrying an outbox row", c -> Jdbc.update(c,
                "UPDATE oms_outbox SET attempts = 0, set_aside_at = NULL WHERE sequence = ? AND NOT published "
                        + "AND set_aside_at IS NOT NULL", sequence) == 1);
    }

    /**
     * Gives a set-aside row up: it is marked published without being delivered (it stays in the
     * table, with its error, until {@code purgePublishedEvents} of its store deletes it).
     *
     * @param sequence the row
     * @return whether a set-aside row was dropped
     */
    public boolean drop(long sequence) {
        return new Jdbc(dataSource).transaction("dropping an outbox row", c -> Jdbc.update(c,
                "UPDATE oms_outbox SET published = true, published_at = now() "
                        + "WHERE sequence = ? AND NOT published AND set_aside_at IS NOT NULL",
                sequence) == 1);
    }

    /**
     * Deletes rows set aside more than {@code olderThan} ago (by the database's clock) and never
     * retried or dropped: at most {@code limit}, oldest first. A dropped row is published and goes
     * with the stores' {@code purgePublishedEvents}.
     *
     * @param olderThan how long a set-aside row is kept for the host to look at, not negative
     * @param limit the most to delete, {@code > 0}
     * @return how many were deleted
     * @throws dev.oms.spi.InvalidInputException if the horizon is negative or the limit not positive
     */
    public int purgeSetAside(java.time.Duration olderThan, int limit) {
        return dev.oms.jdbc.internal.Purges.setAsideEvents(new Jdbc(dataSource), olderThan, limit);
    }

    private List<Row> take(Connection c) throws SQLException {
        return Jdbc.query(c, "SELECT sequence, stream, event_id, body::text, attempts FROM oms_outbox "
                + "WHERE NOT published AND set_aside_at IS NULL ORDER BY sequence LIMIT ? FOR UPDATE",
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)),
                batchSize);
    }

    private static void markPublished(Connection c, List<Long> sequences) throws SQLException {
        if (sequences.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE oms_outbox SET published = true, published_at = now() WHERE sequence = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", sequences.toArray(Long[]::new)));
            ps.executeUpdate();
        }
    }

    private static String describe(Exception failed) {
        String text = failed.getClass().getName() + ": " + failed.getMessage();
        return text.length() <= 2_000 ? text : text.substring(0, 2_000);
    }

    private static Class<?> type(String stream) {
        return switch (stream) {
            case "order" -> OrderEvent.class;
            case "inventory" -> InventoryEvent.class;
            case "return" -> ReturnEvent.class;
            case "fulfillment" -> FulfillmentEvent.class;
            default -> throw new IllegalStateException("unknown outbox stream " + stream);
        };
    }

    /** A row could not be decoded or published; the rows before it were relayed. */
    public static final class RelayException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final long sequence;
        private final String stream;
        private final String eventId;
        private final transient RelayedEvent event;
        private final int attempts;
        private final boolean setAside;

        RelayException(long sequence, String stream, String eventId, RelayedEvent event, int attempts,
                boolean setAside, Exception cause) {
            super((event == null ? "decoding " : "publishing ") + stream + " event " + eventId + " (outbox row "
                    + sequence + ") failed, attempt " + attempts + (setAside ? ", set aside" : "") + ": "
                    + cause.getMessage(), cause);
            this.sequence = sequence;
            this.stream = stream;
            this.eventId = eventId;
            this.event = event;
            this.attempts = attempts;
            this.setAside = setAside;
        }

        /** @return the failing row's sequence */
        public long sequence() {
            return sequence;
        }

        /** @return its stream */
        public String stream() {
            return stream;
        }

        /** @return its event id, as stored */
        public String eventId() {
            return eventId;
        }

        /** @return the event, if it could be decoded */
        public Optional<RelayedEvent> event() {
            return Optional.ofNullable(event);
        }

        /** @return failed attempts of the row so far */
        public int attempts() {
            return attempts;
        }

        /** @return whether this failure set the row aside */
        public boolean setAside() {
            return setAside;
        }
    }

    /**
     * An event handed to the host by the {@link OutboxRelay}.
     *
     * @param stream {@code "order"}, {@code "inventory"} or {@code "return"}
     * @param sequence its place in the outbox (increasing in save order)
     * @param eventId its unique id: consumers de-duplicate on it (delivery is at least once)
     * @param event the event: an {@code OrderEvent}, an {@code InventoryEvent}, a
     *     {@code FulfillmentEvent} or a {@code ReturnEvent}
     */
    public record RelayedEvent(String stream, long sequence, EventId eventId, Object event) {
    }
}
