package dev.oms.fulfillment;

import dev.oms.spi.CommandKey;
import dev.oms.spi.CommandKeyConflictException;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.fulfillment.FulfillmentConflictException;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.store.CommandRecord;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded {@link FulfillmentStore}: version-checked writes serialised by one lock, reads
 * without locks from immutable values. Nothing survives the JVM.
 */
public final class InMemoryFulfillmentStore implements FulfillmentStore {
    private static final Set<FulfillmentOrderStatus> OPEN = EnumSet.of(FulfillmentOrderStatus.CREATED,
            FulfillmentOrderStatus.PICKING, FulfillmentOrderStatus.PACKED, FulfillmentOrderStatus.PARTIALLY_SHIPPED,
            FulfillmentOrderStatus.READY_FOR_PICKUP);

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<FulfillmentOrderId, FulfillmentOrder> orders = new ConcurrentHashMap<>();
    private final Map<ShipmentId, Shipment> shipments = new ConcurrentHashMap<>();
    private final Map<String, ShipmentId> byTracking = new ConcurrentHashMap<>();
    private final Map<CommandKey, CommandRecord> commands = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryFulfillmentStore() {
    }

    @Override
    public void save(FulfillmentOrder order, long expectedVersion, Optional<ShipmentWrite> shipment,
            Optional<CommandRecord> command) {
        InvalidInputException.requireNonNull(order, "order");
        InvalidInputException.requireNonNull(shipment, "shipment");
        InvalidInputException.requireNonNull(command, "command");
        writeLock.lock();
        try {
            FulfillmentOrder stored = orders.get(order.id());
            long actual = stored == null ? 0 : stored.version();
            if (actual != expectedVersion || order.version() != expectedVersion + 1) {
                throw new FulfillmentConflictException(order.id().value(), expectedVersion, actual);
            }
            if (shipment.isPresent()) {
                checkShipment(shipment.get().shipment(), shipment.get().expectedVersion());
            }
            if (command.isPresent() && commands.containsKey(command.get().key())) {
                throw new CommandKeyConflictException(command.get().key(), "is already recorded");
            }
            orders.put(order.id(), order);
            shipment.ifPresent(w -> putShipment(w.shipment()));
            command.ifPresent(c -> commands.put(c.key(), c));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void saveShipment(Shipment shipment, long expectedVersion) {
        InvalidInputException.requireNonNull(shipment, "shipment");
        writeLock.lock();
        try {
            checkShipment(shipment, expectedVersion);
            putShipment(shipment);
        } finally {
            writeLock.unlock();
        }
    }

    private void checkShipment(Shipment shipment, long expectedVersion) {
        Shipment stored = shipments.get(shipment.id());
        long actual = stored == null ? 0 : stored.version();
        if (actual != expectedVersion || shipment.version() != expectedVersion + 1) {
            throw new FulfillmentConflictException(shipment.id().value(), expectedVersion, actual);
        }
        ShipmentId holder = byTracking.get(shipment.trackingNumber());
        if (holder != null && !holder.equals(shipment.id())) {
            throw new InvalidInputException("Shipment.trackingNumber", "tracking number " + shipment.trackingNumber()
                    + " already belongs to shipment " + holder);
        }
    }

    private void putShipment(Shipment shipment) {
        shipments.put(shipment.id(), shipment);
        byTracking.put(shipment.trackingNumber(), shipment.id());
    }

    @Override
    public Optional<FulfillmentOrder> load(FulfillmentOrderId id) {
        return Optional.ofNullable(orders.get(InvalidInputException.requireNonNull(id, "id")));
    }

    @Override
    public List<FulfillmentOrder> ofOrder(OrderId orderId) {
        InvalidInputException.requireNonNull(orderId, "orderId");
        return orders.values().stream().filter(f -> f.orderId().equals(orderId))
                .sorted(Comparator.comparing(FulfillmentOrder::createdAt).thenComparing(FulfillmentOrder::id)).toList();
    }

    @Override
    public List<FulfillmentOrder> openAt(LocationId location) {
        InvalidInputException.requireNonNull(location, "location");
        return orders.values().stream().filter(f -> f.location().equals(location) && OPEN.contains(f.status()))
                .sorted(Comparator.comparing(FulfillmentOrder::createdAt).thenComparing(FulfillmentOrder::id)).toList();
    }

    @Override
    public Optional<Shipment> shipment(ShipmentId id) {
        return Optional.ofNullable(shipments.get(InvalidInputException.requireNonNull(id, "id")));
    }

    @Override
    public Optional<Shipment> shipmentByTracking(String trackingNumber) {
        ShipmentId id = byTracking.get(InvalidInputException.requireNonNull(trackingNumber, "trackingNumber"));
        return id == null ? Optional.empty() : shipment(id);
    }

    @Override
    public List<Shipment> shipmentsOf(FulfillmentOrderId id) {
        InvalidInputException.requireNonNull(id, "id");
        return shipments.values().stream().filter(s -> s.fulfillmentOrderId().equals(id))
                .sorted(Comparator.comparing(Shipment::id)).toList();
    }

    @Override
    public Optional<CommandRecord> findCommand(CommandKey key) {
        return Optional.ofNullable(commands.get(InvalidInputException.requireNonNull(key, "key")));
    }
}
