package dev.oms.testkit.broken;

import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.OrderId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import dev.oms.spi.store.OrderStore;
import dev.oms.spi.store.OrderStore.OrderChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deliberately broken: saves whatever it is given, without checking the expected version (the
 * classic "read, change, write" adapter). Concurrent writers overwrite each other and stale saves
 * succeed: updates are lost. The kit's version rules must catch it.
 */
public final class LosingUpdatesOrderStore implements OrderStore {
    private final Map<OrderId, Order> orders = new HashMap<>();
    private final Map<String, OrderId> byChannelOrder = new HashMap<>();
    private final Map<OrderId, List<OrderEvent>> logs = new HashMap<>();
    private final Map<EventId, OutboxEntry<OrderEvent>> outbox = new LinkedHashMap<>();
    private final Map<CommandKey, CommandRecord> commands = new HashMap<>();
    private long sequence;

    @Override
    public Optional<Order> load(OrderId id) {
        Optional<Order> read;
        synchronized (this) {
            read = Optional.ofNullable(orders.get(id));
        }
        try {
            Thread.sleep(1); // a slow database: concurrent writers read the same version, so the defect always shows
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return read;
    }

    @Override
    public synchronized Optional<Order> findByExternalId(ChannelId channel, ExternalOrderId externalOrderId) {
        return Optional.ofNullable(byChannelOrder.get(channel + "/" + externalOrderId)).map(orders::get);
    }

    @Override
    public synchronized void save(OrderChange change) {
        Order order = change.order();
        orders.put(order.id(), order); // no version check: the defect
        byChannelOrder.put(order.header().channel() + "/" + order.header().externalOrderId(), order.id());
        logs.computeIfAbsent(order.id(), k -> new ArrayList<>()).addAll(change.events());
        change.events().forEach(e -> outbox.put(e.eventId(), new OutboxEntry<>(++sequence, e)));
        change.command().ifPresent(c -> commands.put(c.key(), c));
    }

    @Override
    public synchronized List<OrderEvent> events(OrderId id) {
        return List.copyOf(logs.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized Optional<CommandRecord> findCommand(CommandKey key) {
        return Optional.ofNullable(commands.get(key));
    }

    @Override
    public synchronized List<OutboxEntry<OrderEvent>> unpublished(int limit) {
        return outbox.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized void markPublished(Collection<EventId> eventIds) {
        eventIds.forEach(outbox::remove);
    }

    /** Retention is not what this store breaks: with no time of its own, a zero horizon forgets every key. */
    @Override
    public synchronized int purgeCommandKeys(Duration olderThan, int limit) {
        dev.oms.spi.Purgeable.requireHorizon(olderThan, limit);
        if (!olderThan.isZero()) {
            return 0;
        }
        int purged = 0;
        for (var it = commands.keySet().iterator(); it.hasNext() && purged < limit; purged++) {
            it.next();
            it.remove();
        }
        return purged;
    }

    @Override
    public int purgePublishedEvents(Duration olderThan, int limit) {
        dev.oms.spi.Purgeable.requireHorizon(olderThan, limit);
        return 0;
    }
}
