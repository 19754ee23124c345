package dev.oms.jdbc.internal;

import dev.oms.spi.CommandKey;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.fulfillment.FulfillmentConflictException;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.internal.JsonCodec;
import dev.oms.spi.store.CommandRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@link FulfillmentStore} on PostgreSQL: each fulfilment order and shipment is a row with a
 * version column and its snapshot as {@code jsonb}; a save is one transaction of conditional
 * updates (or inserts that do nothing on a conflict), the unique tracking number checked by the
 * database.
 */
public final class PostgresFulfillmentStore implements FulfillmentStore {
    private static final String SCOPE = "fulfillment";

    private final Jdbc jdbc;

    /** @param jdbc where statements run */
    public PostgresFulfillmentStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(FulfillmentOrder order, long expectedVersion, Optional<ShipmentWrite> shipment,
            Optional<CommandRecord> command) {
        InvalidInputException.requireNonNull(order, "order");
        InvalidInputException.requireNonNull(shipment, "shipment");
        InvalidInputException.requireNonNull(command, "command");
        jdbc.transaction("saving fulfilment order " + order.id(), c -> {
            if (order.version() != expectedVersion + 1) {
                throw new FulfillmentConflictException(order.id().value(), expectedVersion, currentVersion(c, order.id()));
            }
            String body = JsonCodec.write(order, FulfillmentOrder.class);
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
            if (shipment.isPresent()) {
                writeShipment(c, shipment.get().shipment(), shipment.get().expectedVersion());
            }
            if (command.isPresent()) {
                CommandKeys.record(c, SCOPE, command.get().key(), command.get());
            }
            return null;
        });
    }

    private static long currentVersion(Connection c, FulfillmentOrderId id) throws SQLException {
        return Jdbc.one(c, "SELECT version FROM oms_fulfillment_orders WHERE id = ?", rs -> rs.getLong(1), id.value())
                .orElse(0L);
    }

    @Override
    public void saveShipment(Shipment shipment, long expectedVersion) {
        InvalidInputException.requireNonNull(shipment, "shipment");
        jdbc.transaction("saving shipment " + shipment.id(), c -> {
            writeShipment(c, shipment, expectedVersion);
            return null;
        });
    }

    private static void writeShipment(Connection c, Shipment s, long expectedVersion) throws SQLException {
        long actual = Jdbc.one(c, "SELECT version FROM oms_shipments WHERE id = ?", rs -> rs.getLong(1), s.id().value())
                .orElse(0L);
        if (s.version() != expectedVersion + 1 || actual != expectedVersion) {
            throw new FulfillmentConflictException(s.id().value(), expectedVersion, actual);
        }
        Optional<String> holder = Jdbc.one(c, "SELECT id FROM oms_shipments WHERE tracking_number = ?",
                rs -> rs.getString(1), s.trackingNumber());
        if (holder.isPresent() && !holder.get().equals(s.id().value())) {
            throw new InvalidInputException("Shipment.trackingNumber", "tracking number " + s.trackingNumber()
                    + " already belongs to shipment " + holder.get());
        }
        String body = JsonCodec.write(s, Shipment.class);
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
                + "oms_fulfillment_orders WHERE id = ?", rs -> JsonCodec.read(rs.getString(1), FulfillmentOrder.class),
                id.value()));
    }

    @Override
    public List<FulfillmentOrder> ofOrder(OrderId orderId) {
        InvalidInputException.requireNonNull(orderId, "orderId");
        return jdbc.read("reading fulfilment orders of " + orderId, c -> Jdbc.query(c, "SELECT body::text FROM "
                + "oms_fulfillment_orders WHERE order_id = ? ORDER BY created_seq",
                rs -> JsonCodec.read(rs.getString(1), FulfillmentOrder.class), orderId.value()));
    }

    @Override
    public List<FulfillmentOrder> openAt(LocationId location) {
        InvalidInputException.requireNonNull(location, "location");
        return jdbc.read("reading open fulfilment orders at " + location, c -> Jdbc.query(c, "SELECT body::text "
                + "FROM oms_fulfillment_orders WHERE location = ? AND status IN ('CREATED', 'PICKING', 'PACKED', "
                + "'PARTIALLY_SHIPPED', 'READY_FOR_PICKUP') ORDER BY created_seq",
                rs -> JsonCodec.read(rs.getString(1), FulfillmentOrder.class), location.value()));
    }

    @Override
    public Optional<Shipment> shipment(ShipmentId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("loading shipment " + id, c -> Jdbc.one(c, "SELECT body::text FROM oms_shipments "
                + "WHERE id = ?", rs -> JsonCodec.read(rs.getString(1), Shipment.class), id.value()));
    }

    @Override
    public Optional<Shipment> shipmentByTracking(String trackingNumber) {
        InvalidInputException.requireNonNull(trackingNumber, "trackingNumber");
        return jdbc.read("finding a shipment by tracking number", c -> Jdbc.one(c, "SELECT body::text FROM "
                + "oms_shipments WHERE tracking_number = ?", rs -> JsonCodec.read(rs.getString(1), Shipment.class),
                trackingNumber));
    }

    @Override
    public List<Shipment> shipmentsOf(FulfillmentOrderId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("reading shipments of " + id, c -> Jdbc.query(c, "SELECT body::text FROM oms_shipments "
                + "WHERE fulfillment_order_id = ? ORDER BY created_seq",
                rs -> JsonCodec.read(rs.getString(1), Shipment.class), id.value()));
    }

    @Override
    public Optional<CommandRecord> findCommand(CommandKey key) {
        InvalidInputException.requireNonNull(key, "key");
        return jdbc.read("finding command " + key, c -> CommandKeys.find(c, SCOPE, key, CommandRecord.class));
    }
}
