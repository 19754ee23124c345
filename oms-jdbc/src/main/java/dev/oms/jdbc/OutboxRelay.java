package dev.oms.jdbc;

import dev.oms.jdbc.internal.Jdbc;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.internal.JsonCodec;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.returns.ReturnEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Relays the outbox to the host's publisher (a message broker, a webhook sender, a notification
 * service), at least once.
 *
 * <p>{@link #relayBatch()} takes up to {@code batchSize} unpublished events in sequence order
 * with {@code FOR UPDATE SKIP LOCKED}, hands them to the publisher one by one, marks them
 * published and commits, all in one transaction. If the publisher throws (or the process dies),
 * the transaction rolls back and the events are relayed again later: some may reach the publisher
 * twice, none is lost; consumers de-duplicate on {@link RelayedEvent#eventId()}. Any number of
 * relays (threads or application instances) may run at once: each locks the rows it takes and
 * skips the rows others hold, so they share the work without waiting for each other. The order is
 * the save order within one relay's batch and for the events of one aggregate (they are saved
 * one version after the other); across concurrent relays there is no global order.
 *
 * <p>oms starts no thread: the host calls {@link #relayBatch()} or {@link #relayAll()} from its own
 * scheduler (every second, or after each request). Thread-safe.
 */
public final class OutboxRelay {
    /** Receives relayed events. */
    @FunctionalInterface
    public interface Publisher {
        /**
         * @param event an event to deliver
         * @throws Exception if it could not be delivered; the batch is relayed again later
         */
        void publish(RelayedEvent event) throws Exception;
    }

    private final DataSource dataSource;
    private final Publisher publisher;
    private final int batchSize;

    /**
     * @param dataSource the database
     * @param publisher where events go
     * @param batchSize most events per transaction, {@code > 0}
     */
    public OutboxRelay(DataSource dataSource, Publisher publisher, int batchSize) {
        this.dataSource = InvalidInputException.requireNonNull(dataSource, "dataSource");
        this.publisher = InvalidInputException.requireNonNull(publisher, "publisher");
        if (batchSize <= 0) {
            throw new InvalidInputException("batchSize", "must be positive (was " + batchSize + ")");
        }
        this.batchSize = batchSize;
    }

    /**
     * Relays one batch.
     *
     * @return events published (0 if there was nothing to relay, or every row was held by other relays)
     * @throws StorageException on a database failure (nothing was marked)
     * @throws RelayException if the publisher failed (nothing of the batch was marked)
     */
    public int relayBatch() {
        return new Jdbc(dataSource).transaction("relaying the outbox", c -> {
            List<RelayedEvent> batch = take(c);
            for (RelayedEvent event : batch) {
                try {
                    publisher.publish(event);
                } catch (Exception e) {
                    throw new RelayException(event, e);
                }
            }
            if (!batch.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE oms_outbox SET published = true WHERE sequence = ANY (?)")) {
                    ps.setArray(1, c.createArrayOf("bigint", batch.stream().map(RelayedEvent::sequence)
                            .toArray(Long[]::new)));
                    ps.executeUpdate();
                }
            }
            return batch.size();
        });
    }

    /**
     * Relays batches until none is left.
     *
     * @return events published
     */
    public int relayAll() {
        int total = 0;
        for (int n = relayBatch(); n > 0; n = relayBatch()) {
            total += n;
        }
        return total;
    }

    private List<RelayedEvent> take(Connection c) throws SQLException {
        List<RelayedEvent> batch = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT sequence, stream, event_id, body::text FROM oms_outbox "
                + "WHERE NOT published ORDER BY sequence LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setInt(1, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String stream = rs.getString(2);
                    batch.add(new RelayedEvent(stream, rs.getLong(1), EventId.of(rs.getString(3)),
                            JsonCodec.read(rs.getString(4), type(stream))));
                }
            }
        }
        return batch;
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

    /** The publisher failed; the batch stays unpublished and will be relayed again. */
    public static final class RelayException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient RelayedEvent event;

        RelayException(RelayedEvent event, Exception cause) {
            super("publishing " + event.stream() + " event " + event.eventId() + " failed: " + cause.getMessage(), cause);
            this.event = event;
        }

        /** @return the event the publisher failed on */
        public RelayedEvent event() {
            return event;
        }
    }
}
