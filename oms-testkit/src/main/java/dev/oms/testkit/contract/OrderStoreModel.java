package dev.oms.testkit.contract;

import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.DuplicateExternalOrderException;
import dev.oms.spi.OrderId;
import dev.oms.spi.StaleVersionException.VersionConflictException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.OrderStore.OrderChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference model of the {@code OrderStore} contract: the rules, one at a time, in plain
 * maps, without any concern for threads or speed. The stateful contract check runs every
 * operation on the store under test and on this model and compares what both answer.
 */
final class OrderStoreModel {
    private final Map<OrderId, Order> orders = new HashMap<>();
    private final Map<String, OrderId> byChannelOrder = new HashMap<>();
    private final Map<OrderId, List<OrderEvent>> logs = new HashMap<>();
    private final Map<EventId, OrderEvent> outbox = new LinkedHashMap<>();
    private final Map<CommandKey, CommandRecord> commands = new HashMap<>();

    void save(OrderChange change) {
        Order order = change.order();
        long actual = orders.containsKey(order.id()) ? orders.get(order.id()).version() : 0;
        if (actual != change.expectedVersion()) {
            throw new VersionConflictException(order.id(), change.expectedVersion(), actual);
        }
        String channelOrder = key(order.header().channel(), order.header().externalOrderId());
        if (change.createsOrder() && byChannelOrder.containsKey(channelOrder)) {
            throw new DuplicateExternalOrderException(order.header().channel(), order.header().externalOrderId(),
                    byChannelOrder.get(channelOrder));
        }
        if (change.command().isPresent() && commands.containsKey(change.command().get().key())) {
            throw new CommandKeyConflictException(change.command().get().key(), "is already recorded");
        }
        orders.put(order.id(), order);
        byChannelOrder.put(channelOrder, order.id());
        logs.computeIfAbsent(order.id(), id -> new ArrayList<>()).addAll(change.events());
        change.events().forEach(e -> outbox.put(e.eventId(), e));
        change.command().ifPresent(c -> commands.put(c.key(), c));
    }

    Optional<Order> load(OrderId id) {
        return Optional.ofNullable(orders.get(id));
    }

    Optional<Order> findByExternalId(ChannelId channel, ExternalOrderId externalOrderId) {
        return Optional.ofNullable(byChannelOrder.get(key(channel, externalOrderId))).map(orders::get);
    }

    List<OrderEvent> events(OrderId id) {
        return List.copyOf(logs.getOrDefault(id, List.of()));
    }

    Optional<CommandRecord> findCommand(CommandKey key) {
        return Optional.ofNullable(commands.get(key));
    }

    List<EventId> unpublished() {
        return List.copyOf(outbox.keySet());
    }

    void markPublished(List<EventId> ids) {
        ids.forEach(outbox::remove);
    }

    private static String key(ChannelId channel, ExternalOrderId externalOrderId) {
        return channel.value() + "\u0000" + externalOrderId.value();
    }
}
