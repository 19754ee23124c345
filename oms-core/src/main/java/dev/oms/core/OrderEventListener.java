package dev.oms.core;

import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import java.util.List;

/**
 * Told, in the committing thread, about every change {@link OrderService} saved: for in-process
 * reactions (metrics, a cache, kicking off routing). A listener that throws is logged and does
 * not undo the saved change. Listeners are not a delivery guarantee: a crash right after the
 * save skips them; for at-least-once delivery read the store's outbox.
 */
@FunctionalInterface
public interface OrderEventListener {
    /**
     * @param order the order after the change
     * @param events the events of the change, in order
     */
    void onChange(Order order, List<OrderEvent> events);
}
