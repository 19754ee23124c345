package dev.oms.core;

import dev.oms.spi.order.Order;
import java.util.Optional;

/**
 * A host rule that may refuse a command before the decider accepts it, for example "no confirm
 * without a passed fraud screen". Registered on {@link OrderDecider.Builder#guard} for the
 * command kinds it watches; the aggregate is never subclassed.
 *
 * <p>A guard should be fast and free of side effects; it runs on every decision of its kinds,
 * including retries after a version conflict. For {@link CommandKind#PLACE} it sees the order as
 * it would be placed.
 */
@FunctionalInterface
public interface CommandGuard {
    /**
     * @param order the order the command would change
     * @param command the command ({@link PlaceOrder} or an {@link OrderCommand})
     * @return empty to allow, or the reason to refuse
     */
    Optional<String> refusal(Order order, Object command);
}
