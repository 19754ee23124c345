package dev.oms.jdbc.internal;

import dev.oms.json.StoredJson;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.StaleVersionException.FulfillmentConflictException;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.fulfillment.FulfillmentStore.FulfillmentChange;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link FulfillmentStore} on PostgreSQL: each fulfilment order and shipment is a row with a
 * version column and its snapshot as {@code jsonb}; a save is one transaction of conditional
 * updates (or inserts that do nothing on a conflict), the events into the fulfilment order's log
 * and the shared outbox, the unique tracking number checked by the database.
 */
public final class PostgresFulfillmentStore implements FulfillmentStore {
    private static final String SCOPE = "fulfillment";

    private final Jdbc jdbc;

    /** @param jdbc where statements run */
    public PostgresFulfillmentStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(FulfillmentChange change) {
        InvalidInputException.requireNonNull(change, "change");
        FulfillmentOrder order = change.order();
        long expectedVersion = change.expectedVersion();
        jdbc.transaction("saving fulfilment order " + order.id(), c -> {
            String body = StoredJson.write(order, FulfillmentOrder.class);
            int rows = expectedVersion == 0
                    ? Jdbc.update(c, "INSERT INTO oms_fulfillment_orders (id, order_id, location, status, version, body) "
                            + "VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING", order.id().value(),
                            order.orderId().value(), order.location().value(), order.status().name(), order.version(), body)
                    : Jdbc.update(c, "UPDATE oms_fulfillment_orders SET status = ?, version = ?, body = ?::jsonb "
                            + "WHERE id = ? AND version = ?", order.status().name(), order.version(), body,
                            order.id().value(), expectedVersion);
            if (rows == 0) {
                throw new FulfillmentConflictException(order.id().value(), expectedVersion, currentVersion(c, order.id()));
            }
            if (change.shipment().isPresent()) {
                writeShipment(c, change.shipment().get());
            }
            Outbox.log(c, "INSERT INTO oms_fulfillment_events (event_id, fulfillment_order_id, version, position, "
                    + "body) VALUES (?, ?, ?, ?, ?::jsonb)", Outbox.FULFILLMENT, order.id().value(), change.events(),
                    FulfillmentEvent::eventId, e -> e.metadata().version(), FulfillmentEvent.class);
            for (FulfillmentEvent e : change.rewrites()) {
                EventRewrites.rewrite(c, EventRewrites.FULFILLMENT, e, e.eventId(), order.id().value(),
                        e.metadata().version(), FulfillmentEvent.class, PersonalData::erased);
            }
            if (change.command().isPresent()) {
                CommandKeys.record(c, SCOPE, change.command().get().key(), change.command().get());
            }
            return null;
        });
    }

    private static long currentVersion(Connection c, FulfillmentOrderId id) throws SQLException {
        return Jdbc.one(c, "SELECT version FROM oms_fulfillment_orders WHERE id = ?", rs -> rs.getLong(1), id.value())
                .orElse(0L);
    }

    private static void writeShipment(Connection c, Shipment s) throws SQLException {
        long expectedVersion = s.version() - 1;
        long actual = Jdbc.one(c, "SELECT version FROM oms_shipments WHERE id = ?", rs -> rs.getLong(1), s.id().value())
                .orElse(0L);
        if (actual != expectedVersion) {
            throw new FulfillmentConflictException(s.id().value(), expectedVersion, actual);
        }
        Optional<String> holder = Jdbc.one(c, "SELECT id FROM oms_shipments WHERE tracking_number = ?",
                rs -> rs.getString(1), s.trackingNumber());
        if (holder.isPresent() && !holder.get().equals(s.id().value())) {
            throw new InvalidInputException("Shipment.trackingNumber", "tracking number " + s.trackingNumber()
                    + " already belongs to shipment " + holder.get());
        }
        String body = StoredJson.write(s, Shipment.class);
        int rows = expectedVersion == 0
                ? Jdbc.update(c, "INSERT INTO oms_shipments (id, fulfillment_order_id, tracking_number, version, body) "
                        + "VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING", s.id().value(),
                        s.fulfillmentOrderId().value(), s.trackingNumber(), s.version(), body)
                : Jdbc.update(c, "UPDATE oms_shipments SET version = ?, tracking_number = ?, body = ?::jsonb "
                        + "WHERE id = ? AND version = ?", s.version(), s.trackingNumber(), body, s.id().value(),
                        expectedVersion);
        if (rows == 0) {
            // a racing insert or update won: its id or its tracking number is taken now
            throw new FulfillmentConflictException(s.id().value(), expectedVersion, Jdbc.one(c,
                    "SELECT version FROM oms_shipments WHERE id = ?", rs -> rs.getLong(1), s.id().value()).orElse(0L));
        }
    }

    @Override
    public Optional<FulfillmentOrder> load(FulfillmentOrderId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("loading fulfilment order " + id, c -> Jdbc.one(c, "SELECT body::text FROM "
                + "oms_fulfillment_orders WHERE id = ?", rs -> StoredJson.read(rs.getString(1), FulfillmentOrder.class),
                id.value()));
    }

    @Override
    public List<FulfillmentOrder> ofOrder(OrderId orderId) {
        InvalidInputException.requireNonNull(orderId, "orderId");
        return jdbc.read("reading fulfilment orders of " + orderId, c -> Jdbc.query(c, "SELECT body::text FROM "
                + "oms_fulfillment_orders WHERE order_id = ? ORDER BY created_seq",
                rs -> StoredJson.read(rs.getString(1), FulfillmentOrder.class), orderId.value()));
    }

    @Override
    public List<FulfillmentOrder> openAt(LocationId location) {
        InvalidInputException.requireNonNull(location, "location");
        return jdbc.read("reading open fulfilment orders at " + location, c -> Jdbc.query(c, "SELECT body::text "
                + "FROM oms_fulfillment_orders WHERE location = ? AND status IN ('CREATED', 'PICKING', 'PACKED', "
                + "'PARTIALLY_SHIPPED', 'READY_FOR_PICKUP') ORDER BY created_seq",
                rs -> StoredJson.read(rs.getString(1), FulfillmentOrder.class), location.value()));
    }

    @Override
    public Optional<Shipment> shipment(ShipmentId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("loading shipment " + id, c -> Jdbc.one(c, "SELECT body::text FROM oms_shipments "
                + "WHERE id = ?", rs -> StoredJson.read(rs.getString(1), Shipment.class), id.value()));
    }

    @Override
    public Optional<Shipment> shipmentByTracking(String trackingNumber) {
        InvalidInputException.requireNonNull(trackingNumber, "trackingNumber");
        return jdbc.read("finding a shipment by tracking number", c -> Jdbc.one(c, "SELECT body::text FROM "
                + "oms_shipments WHERE tracking_number = ?", rs -> StoredJson.read(rs.getString(1), Shipment.class),
                trackingNumber));
    }

    @Override
    public List<Shipment> shipmentsOf(FulfillmentOrderId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("reading shipments of " + id, c -> Jdbc.query(c, "SELECT body::text FROM oms_shipments "
                + "WHERE fulfillment_order_id = ? ORDER BY created_seq",
                rs -> StoredJson.read(rs.getString(1), Shipment.class), id.value()));
    }

    @Override
    public List<FulfillmentEvent> events(FulfillmentOrderId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("reading events of fulfilment order " + id, c -> Jdbc.query(c, "SELECT body::text FROM "
                + "oms_fulfillment_events WHERE fulfillment_order_id = ? ORDER BY version, position",
                rs -> StoredJson.read(rs.getString(1), FulfillmentEvent.class), id.value()));
    }

    @Override
    public List<OutboxEntry<FulfillmentEvent>> unpublished(int limit) {
        PostgresOrderStore.requireLimit(limit);
        return jdbc.read("reading the fulfilment outbox", c -> Outbox.unpublished(c, Outbox.FULFILLMENT, limit,
                FulfillmentEvent.class, OutboxEntry::new));
    }

    @Override
    public void markPublished(Collection<EventId> eventIds) {
        InvalidInputException.requireNonNull(eventIds, "eventIds");
        jdbc.transaction("marking fulfilment events published", c -> {
            Outbox.markPublished(c, eventIds);
            return null;
        });
    }

    @Override
    public Optional<CommandRecord> findCommand(CommandKey key) {
        InvalidInputException.requireNonNull(key, "key");
        return jdbc.read("finding command " + key, c -> CommandKeys.find(c, SCOPE, key, CommandRecord.class));
    }

    @Override
    public int purgeCommandKeys(Duration olderThan, int limit) {
        return Purges.commandKeys(jdbc, SCOPE, olderThan, limit);
    }

    @Override
    public int purgePublishedEvents(Duration olderThan, int limit) {
        return Purges.publishedEvents(jdbc, Outbox.FULFILLMENT, olderThan, limit);
    }
}
