package dev.oms.spi.store;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.PersonalDataErased;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.internal.Rewrites;
import dev.oms.spi.order.Order;
import java.util.List;
import java.util.Optional;

/**
 * One change to save atomically: the new snapshot, the version it replaces, the events that
 * describe it (for the event log and the outbox) and, if the command had a key, its record.
 *
 * <p>Checked on construction: {@code order.version() == expectedVersion + 1}; at least one event;
 * every event belongs to this order and carries the new version; the command record, if any,
 * names this order, this version and exactly these events; rewrites come only with a
 * {@link PersonalDataErased} event, and each is an earlier event of this order, once.
 *
 * <p><b>Rewrites</b> are the one way an event of the log changes: an erasure of personal data
 * stores each in place of the logged event with the same id, and in place of its outbox entry,
 * published or not, in the same atomic save.
 *
 * @param order the new snapshot
 * @param expectedVersion the version the change was decided on; {@code 0} for a new order
 * @param events the events of this change, in order
 * @param command the command record to keep under its key, if the command had a key
 * @param rewrites earlier events of the order to store in place of the logged ones with the same
 *     ids; empty except for an erasure of personal data
 */
public record OrderChange(Order order, long expectedVersion, List<OrderEvent> events, Optional<CommandRecord> command,
        List<OrderEvent> rewrites) {
    /**
     * @throws InvalidInputException if a field is null or the parts do not belong together
     */
    public OrderChange {
        InvalidInputException.requireNonNull(order, "OrderChange.order");
        events = List.copyOf(InvalidInputException.requireNonNull(events, "OrderChange.events"));
        InvalidInputException.requireNonNull(command, "OrderChange.command");
        rewrites = List.copyOf(InvalidInputException.requireNonNull(rewrites, "OrderChange.rewrites"));
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
        Rewrites.require("OrderChange.rewrites", events, rewrites, PersonalDataErased.class, OrderEvent::eventId,
                e -> e.orderId().equals(order.id()) && e.orderVersion() < order.version(), PersonalData::erased);
    }

    /**
     * A change that rewrites no earlier event: every change but an erasure of personal data.
     *
     * @param order the new snapshot
     * @param expectedVersion the version the change was decided on; {@code 0} for a new order
     * @param events the events of this change, in order
     * @param command the command record to keep under its key, if the command had a key
     * @throws InvalidInputException if a field is null or the parts do not belong together
     */
    public OrderChange(Order order, long expectedVersion, List<OrderEvent> events, Optional<CommandRecord> command) {
        this(order, expectedVersion, events, command, List.of());
    }

    /** @return whether this change creates the order */
    public boolean createsOrder() {
        return expectedVersion == 0;
    }
}
