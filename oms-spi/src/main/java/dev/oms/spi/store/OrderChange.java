package dev.oms.spi.store;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import java.util.List;
import java.util.Optional;

/**
 * One change to save atomically: the new snapshot, the version it replaces, the events that
 * describe it (for the event log and the outbox) and, if the command had a key, its record.
 *
 * <p>Checked on construction: {@code order.version() == expectedVersion + 1}; at least one event;
 * every event belongs to this order and carries the new version; the command record, if any,
 * names this order, this version and exactly these events.
 *
 * @param order the new snapshot
 * @param expectedVersion the version the change was decided on; {@code 0} for a new order
 * @param events the events of this change, in order
 * @param command the command record to keep under its key, if the command had a key
 */
public record OrderChange(Order order, long expectedVersion, List<OrderEvent> events, Optional<CommandRecord> command) {
    /**
     * @throws InvalidInputException if a field is null or the parts do not belong together
     */
    public OrderChange {
        InvalidInputException.requireNonNull(order, "OrderChange.order");
        events = List.copyOf(InvalidInputException.requireNonNull(events, "OrderChange.events"));
        InvalidInputException.requireNonNull(command, "OrderChange.command");
        if (order.version() != expectedVersion + 1) {
            throw new InvalidInputException("OrderChange.expectedVersion", "order version " + order.version()
                    + " must be expectedVersion + 1 (expectedVersion was " + expectedVersion + ")");
        }
        if (events.isEmpty()) {
            throw new InvalidInputException("OrderChange.events", "a change has at least one event");
        }
        for (OrderEvent event : events) {
            if (!event.orderId().equals(order.id()) || event.orderVersion() != order.version()) {
                throw new InvalidInputException("OrderChange.events", "event " + event.eventId()
                        + " does not belong to order " + order.id() + " version " + order.version());
            }
        }
        if (command.isPresent()) {
            CommandRecord record = command.get();
            if (!record.orderId().equals(order.id()) || record.orderVersion() != order.version()
                    || !record.eventIds().equals(events.stream().map(OrderEvent::eventId).toList())) {
                throw new InvalidInputException("OrderChange.command",
                        "command record " + record.key() + " does not describe this change");
            }
        }
    }

    /** @return whether this change creates the order */
    public boolean createsOrder() {
        return expectedVersion == 0;
    }
}
