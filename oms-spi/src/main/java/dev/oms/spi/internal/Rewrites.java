package dev.oms.spi.internal;

import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The check every change record of the contract makes of its rewrites (an erasure of personal
 * data rewriting earlier events of the log): they come only with the erasure's own event and
 * nothing else, each is an earlier event of the same aggregate holding no personal data, and none
 * appears twice.
 */
public final class Rewrites {
    private Rewrites() {
    }

    /**
     * @param field the change's field, named in an error
     * @param events the change's own events
     * @param rewrites the earlier events it rewrites
     * @param erasure the event type an erasure records
     * @param id an event's id
     * @param earlier whether an event is an earlier one of the changed aggregate
     * @param erase the family's erasure of an event: a rewrite must be erased already
     * @param <E> the event family
     * @throws InvalidInputException if a rewrite comes without an erasure, is not an earlier event,
     *     or appears twice
     */
    public static <E> void require(String field, List<E> events, List<E> rewrites, Class<? extends E> erasure,
            Function<E, EventId> id, Predicate<E> earlier, java.util.function.UnaryOperator<E> erase) {
        if (rewrites.isEmpty()) {
            return;
        }
        if (events.size() != 1 || !erasure.isInstance(events.get(0))) {
            throw new InvalidInputException(field, "only an erasure of personal data, alone in its change, rewrites "
                    + "earlier events; the log is append-only otherwise");
        }
        Set<EventId> seen = new HashSet<>();
        for (E event : rewrites) {
            if (!earlier.test(event)) {
                throw new InvalidInputException(field, "event " + id.apply(event) + " is not an earlier event of "
                        + "what this change saves");
            }
            if (!erase.apply(event).equals(event)) {
                throw new InvalidInputException(field, "event " + id.apply(event) + " still holds personal data; a "
                        + "rewrite is the erased form of the logged event");
            }
            if (!seen.add(id.apply(event))) {
                throw new InvalidInputException(field, "event " + id.apply(event) + " appears twice");
            }
        }
    }
}
