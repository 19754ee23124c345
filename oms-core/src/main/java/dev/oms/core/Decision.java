package dev.oms.core;

import dev.oms.spi.OmsException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import java.util.List;

/**
 * What the {@link OrderDecider} decided: the events a command produces and the order they lead
 * to, or the typed reason it was refused. Nothing has been saved either way.
 */
public sealed interface Decision {
    /**
     * The command is accepted.
     *
     * @param order the order after applying the events
     * @param events the events, at least one
     */
    record Accepted(Order order, List<OrderEvent> events) implements Decision {
        /** Copies the events. */
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /**
     * The command is refused.
     *
     * @param reason the typed exception that says why
     */
    record Rejected(OmsException reason) implements Decision {
    }

    /** @return whether the command was accepted */
    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    /**
     * @return the accepted decision
     * @throws OmsException the rejection's reason, if it was refused
     */
    default Accepted orThrow() {
        if (this instanceof Rejected rejected) {
            throw rejected.reason();
        }
        return (Accepted) this;
    }
}
