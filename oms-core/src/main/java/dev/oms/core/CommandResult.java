package dev.oms.core;

import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import java.util.List;

/**
 * What a command did.
 *
 * @param order the order after the command; for a repeat ({@code replayed}), the order as it is
 *     now, which later commands may have changed
 * @param events the events the command produced (for a repeat, those of its first run)
 * @param replayed whether this is the stored result of an earlier run with the same key (or,
 *     for a placement, of the same channel order); a replay changed nothing
 */
public record CommandResult(Order order, List<OrderEvent> events, boolean replayed) {
    /** Copies the events. */
    public CommandResult {
        events = List.copyOf(events);
    }
}
