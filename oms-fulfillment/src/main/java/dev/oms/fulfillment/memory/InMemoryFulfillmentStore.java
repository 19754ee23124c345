package dev.oms.fulfillment.memory;

import dev.oms.core.internal.memory.EventLog;
import dev.oms.core.internal.memory.InMemoryCommandKeys;
import dev.oms.core.internal.memory.InMemoryOutbox;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.StaleVersionException.FulfillmentConflictException;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.fulfillment.FulfillmentStore.FulfillmentChange;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * without locks from immutable values, events kept per fulfilment order and in an outbox in save
 * order. Nothing survives the JVM.
 */
public final class InMemoryFulfillmentStore implements FulfillmentStore {
    private static final Set<FulfillmentOrderStatus> OPEN = EnumSet.of(FulfillmentOrderStatus.CREATED,
            FulfillmentOrderStatus.PICKING, FulfillmentOrderStatus.PACKED, FulfillmentOrderStatus.PARTIALLY_SHIPPED,
            FulfillmentOrderStatus.READY_FOR_PICKUP);

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<FulfillmentOrderId, FulfillmentOrder> orders = new ConcurrentHashMap<>();
    private final Map<FulfillmentOrderId, Long> created = new ConcurrentHashMap<>();
    private final Map<OrderId, List<FulfillmentOrderId>> byOrder = new ConcurrentHashMap<>();
    private final Map<FulfillmentOrderId, List<ShipmentId>> shipmentsByOrder = new ConcurrentHashMap<>();
    private final Map<FulfillmentOrderId, EventLog<FulfillmentEvent>> events = new ConcurrentHashMap<>();
    private final Map<ShipmentId, Shipment> shipments = new ConcurrentHashMap<>();
    private final Map<String, ShipmentId> byTracking = new ConcurrentHashMap<>();
    private final InMemoryCommandKeys<CommandRecord> commands;
    private final InMemoryOutbox<OutboxEntry<FulfillmentEvent>> outbox = new InMemoryOutbox<>();
    private long sequence;

    /** Creates an empty store on the system clock (UTC), which stamps command keys for {@link #purgeCommandKeys}. */
    public InMemoryFulfillmentStore() {
        this(Clock.systemUTC());
    }

    /**
     * Creates an empty store.
     *
     * @param clock stamps command keys for the purge calls
     */
    public InMemoryFulfillmentStore(Clock clock) {
        this.commands = new InMemoryCommandKeys<>(InvalidInputException.requireNonNull(clock, "clock"), writeLock);
    }

    @Override
    public void save(FulfillmentChange change) {
        InvalidInputException.requireNonNull(change, "change");
        FulfillmentOrder order = change.order();
        writeLock.lock();
        try {
            FulfillmentOrder stored = orders.get(order.id());
            long actual = stored == null ? 0 : stored.version();
            if (actual != change.expectedVersion()) {
                throw new FulfillmentConflictException(order.id().value(), change.expectedVersion(), actual);
            }
            if (change.shipment().isPresent()) {
                checkShipment(change.shipment().get());
            }
            if (change.command().isPresent() && commands.contains(change.command().get().key())) {
                throw new CommandKeyConflictException(change.command().get().key(), "is already recorded");
            }
            EventLog<FulfillmentEvent> log = events.getOrDefault(order.id(), EventLog.empty()).next(change.rewrites(),
                    change.events(), FulfillmentEvent::eventId, e -> e.metadata().version(),
                    dev.oms.spi.internal.PersonalData::erased, "FulfillmentChange.rewrites");
            // the key before the order: a reader that sees the new fulfilment order also sees its key
            change.command().ifPresent(c -> commands.record(c.key(), c));
            events.put(order.id(), log);
            for (FulfillmentEvent event : change.events()) {
                outbox.append(event.eventId(), seq -> new OutboxEntry<>(seq, event));
            }
            for (FulfillmentEvent event : change.rewrites()) {
                outbox.replace(event.eventId(), seq -> new OutboxEntry<>(seq, event));
            }
            orders.put(order.id(), order);
            if (stored == null) {
                created.put(order.id(), ++sequence);
                byOrder.merge(order.orderId(), List.of(order.id()), (a, b) -> {
                    List<FulfillmentOrderId> all = new ArrayList<>(a);
                    all.addAll(b);
                    return List.copyOf(all);
                });
            }
            change.shipment().ifPresent(this::putShipment);
        } finally {
            writeLock.unlock();
        }
    }

    private void checkShipment(Shipment shipment) {
        Shipment stored = shipments.get(shipment.id());
        long actual = stored == null ? 0 : stored.version();
        if (actual != shipment.version() - 1) {
            throw new FulfillmentConflictException(shipment.id().value(), shipment.version() - 1, actual);
        }
        ShipmentId holder = byTracking.get(shipment.trackingNumber());
        if (holder != null && !holder.equals(shipment.id())) {
            throw new InvalidInputException("Shipment.trackingNumber", "tracking number " + shipment.trackingNumber()
                    + " already belongs to shipment " + holder);
        }
    }

    private void putShipment(Shipment shipment) {
        boolean fresh = !shipments.containsKey(shipment.id());
        shipments.put(shipment.id(), shipment);
        if (fresh) {
            shipmentsByOrder.merge(shipment.fulfillmentOrderId(), List.of(shipment.id()), (a, b) -> {
                List<ShipmentId> all = new ArrayList<>(a);
                all.addAll(b);
                return List.copyOf(all);
            });
        }
        byTracking.put(shipment.trackingNumber(), shipment.id());
    }

    @Override
    public Optional<FulfillmentOrder> load(FulfillmentOrderId id) {
        return Optional.ofNullable(orders.get(InvalidInputException.requireNonNull(id, "id")));
    }

    @Override
    public List<FulfillmentOrder> ofOrder(OrderId orderId) {
        InvalidInputException.requireNonNull(orderId, "orderId");
        return byOrder.getOrDefault(orderId, List.of()).stream().map(orders::get).toList();
    }

    @Override
    public List<FulfillmentOrder> openAt(LocationId location) {
        InvalidInputException.requireNonNull(location, "location");
        return orders.values().stream().filter(f -> f.location().equals(location) && OPEN.contains(f.status()))
                .sorted(Comparator.comparingLong(f -> created.getOrDefault(f.id(), 0L))).toList();
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
        return shipmentsByOrder.getOrDefault(id, List.of()).stream().map(shipments::get).toList();
    }

    @Override
    public List<FulfillmentEvent> events(FulfillmentOrderId id) {
        EventLog<FulfillmentEvent> log = events.get(InvalidInputException.requireNonNull(id, "id"));
        return log == null ? List.of() : log.asList();
    }

    @Override
    public Optional<CommandRecord> findCommand(CommandKey key) {
        return commands.find(key);
    }

    @Override
    public List<OutboxEntry<FulfillmentEvent>> unpublished(int limit) {
        return outbox.unpublished(limit);
    }

    @Override
    public void markPublished(Collection<EventId> eventIds) {
        outbox.markPublished(eventIds);
    }

    @Override
    public int purgeCommandKeys(Duration olderThan, int limit) {
        return commands.purge(olderThan, limit);
    }

    /** Published events are forgotten as they are marked, so there is nothing to purge. */
    @Override
    public int purgePublishedEvents(Duration olderThan, int limit) {
        return outbox.purgePublished(olderThan, limit);
    }
}
