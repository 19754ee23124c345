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
 * data rewriting earlier events of the log): they come only with the erasure's own event, each is
 * an earlier event of the same aggregate, and none appears twice.
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
     * @param <E> the event family
     * @throws InvalidInputException if a rewrite comes without an erasure, is not an earlier event,
     *     or appears twice
     */
    public static <E> void require(String field, List<E> events, List<E> rewrites, Class<? extends E> erasure,
            Function<E, EventId> id, Predicate<E> earlier) {
        if (rewrites.isEmpty()) {
            return;
        }
        if (events.stream().noneMatch(erasure::isInstance)) {
            throw new InvalidInputException(field, "only an erasure of personal data rewrites earlier events; the log "
                    + "is append-only otherwise");
        }
        Set<EventId> seen = new HashSet<>();
        for (E event : rewrites) {
            if (!earlier.test(event)) {
                throw new InvalidInputException(field, "event " + id.apply(event) + " is not an earlier event of "
                        + "what this change saves");
            }
            if (!seen.add(id.apply(event))) {
                throw new InvalidInputException(field, "event " + id.apply(event) + " appears twice");
            }
        }
    }
}
