package dev.oms.testkit.broken;

import dev.oms.core.memory.InMemoryOrderStore;
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
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Deliberately broken: everything is right except the outbox, which loses the events of every
 * change after an order's first (as an adapter that writes the outbox outside the save's
 * transaction, and loses the write when it fails). The kit's outbox rules must catch it.
 */
public final class DroppingOutboxOrderStore implements OrderStore {
    private final InMemoryOrderStore delegate = new InMemoryOrderStore();

    @Override
    public Optional<Order> load(OrderId id) {
        return delegate.load(id);
    }

    @Override
    public Optional<Order> findByExternalId(ChannelId channel, ExternalOrderId externalOrderId) {
        return delegate.findByExternalId(channel, externalOrderId);
    }

    @Override
    public void save(OrderChange change) {
        delegate.save(change);
        if (!change.createsOrder()) {
            delegate.markPublished(change.events().stream().map(OrderEvent::eventId).toList()); // the defect
        }
    }

    @Override
    public List<OrderEvent> events(OrderId id) {
        return delegate.events(id);
    }

    @Override
    public Optional<CommandRecord> findCommand(CommandKey key) {
        return delegate.findCommand(key);
    }

    @Override
    public List<OutboxEntry<OrderEvent>> unpublished(int limit) {
        return delegate.unpublished(limit);
    }

    @Override
    public void markPublished(Collection<EventId> eventIds) {
        delegate.markPublished(eventIds);
    }

    @Override
    public int purgeCommandKeys(Duration olderThan, int limit) {
        return delegate.purgeCommandKeys(olderThan, limit);
    }

    @Override
    public int purgePublishedEvents(Duration olderThan, int limit) {
        return delegate.purgePublishedEvents(olderThan, limit);
    }
}
