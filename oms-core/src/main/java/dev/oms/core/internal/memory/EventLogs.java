package dev.oms.core.internal.memory;

import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The erasure rewrite of an in-memory event log, shared by oms' in-memory stores (orders,
 * fulfilment, returns), whose rewrite contracts are the same.
 */
public final class EventLogs {
    private EventLogs() {
    }

    /**
     * Puts each rewrite in place of the logged event with its id, checking them all before it
     * changes any: a rewrite must be a logged event (by id and version), erased.
     *
     * @param log the log, changed in place
     * @param rewrites the events to put in
     * @param id an event's id
     * @param version an event's version
     * @param erase the family's erasure of an event
     * @param field the change's field, named in an error
     * @param <E> the event family
     * @throws InvalidInputException if a rewrite is not in the log; the log is then unchanged
     */
    public static <E> void rewrite(List<E> log, List<E> rewrites, Function<E, EventId> id, ToLongFunction<E> version,
            java.util.function.UnaryOperator<E> erase, String field) {
        if (rewrites.isEmpty()) {
            return;
        }
        Map<EventId, Integer> at = new HashMap<>();
        for (int i = 0; i < log.size(); i++) {
            at.put(id.apply(log.get(i)), i);
        }
        for (E event : rewrites) {
            Integer i = at.get(id.apply(event));
            if (i == null || version.applyAsLong(log.get(i)) != version.applyAsLong(event)
                    || !erase.apply(log.get(i)).equals(event)) {
                throw new InvalidInputException(field, "event " + id.apply(event) + " is not the erasure of an event "
                        + "in the log at version " + version.applyAsLong(event));
            }
        }
        for (E event : rewrites) {
            log.set(at.get(id.apply(event)), event);
        }
    }
}
