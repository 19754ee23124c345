package dev.oms.core.internal.memory;

import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongFunction;

/**
 * The outbox of an in-memory store: entries in save order, each found by its event's id, removed
 * once published. Shared by oms' in-memory stores (orders, inventory, fulfilment, returns), whose
 * outbox contracts are the same.
 *
 * <p>Thread-safe. {@link #append} takes the next sequence number and writes its entry in one short
 * critical section, so saves that run side by side (of different orders, of different positions)
 * never share a number and a reader never sees a number before a smaller one still being
 * written; the entries of saves a store serialises (of one order, one position) keep their save
 * order. Reads take no lock.
 *
 * @param <T> the store's outbox entry type
 */
public final class InMemoryOutbox<T> {
    private final ConcurrentSkipListMap<Long, T> entries = new ConcurrentSkipListMap<>();
    private final Map<EventId, Long> sequenceOf = new ConcurrentHashMap<>();
    /** The last number taken; guarded by {@code entries}' monitor. */
    private long last;

    /**
     * Appends an entry with the next sequence number.
     *
     * @param eventId the entry's event
     * @param entry makes the entry from its sequence number
     */
    public void append(EventId eventId, LongFunction<T> entry) {
        // the number and the entry together, so a reader never sees a later number before an
        // earlier one that is still on its way (the outbox hands entries on by number)
        synchronized (entries) {
            long sequence = ++last;
            sequenceOf.put(eventId, sequence);
            entries.put(sequence, entry.apply(sequence));
        }
    }

    /**
     * Replaces an entry not yet published, keeping its place; an unknown or published id is
     * ignored. Called under the lock that serialises the saves of the entry's order or position.
     *
     * @param eventId the entry's event
     * @param entry makes the new entry from the entry's sequence number
     */
    public void replace(EventId eventId, LongFunction<T> entry) {
        Long sequence = sequenceOf.get(eventId);
        if (sequence != null) {
            entries.computeIfPresent(sequence, (s, old) -> entry.apply(s));
        }
    }

    /**
     * @param limit the most to return, {@code > 0}
     * @return unpublished entries, in save order
     * @throws InvalidInputException if the limit is not positive
     */
    public List<T> unpublished(int limit) {
        if (limit <= 0) {
            throw new InvalidInputException("limit", "must be positive (was " + limit + ")");
        }
        List<T> out = new ArrayList<>(Math.min(limit, 256));
        for (T entry : entries.values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(entry);
        }
        return out;
    }

    /**
     * Forgets published entries; unknown or already published ids are ignored.
     *
     * @param eventIds the published events
     */
    public void markPublished(Collection<EventId> eventIds) {
        for (EventId id : InvalidInputException.requireNonNull(eventIds, "eventIds")) {
            Long sequence = sequenceOf.remove(id);
            if (sequence != null) {
                entries.remove(sequence);
            }
        }
    }

    /**
     * The purge of published entries: they are forgotten as they are marked, so nothing is left.
     *
     * @param olderThan the horizon, checked
     * @param limit the batch size, checked
     * @return 0
     */
    public int purgePublished(java.time.Duration olderThan, int limit) {
        dev.oms.spi.Purgeable.requireHorizon(olderThan, limit);
        return 0;
    }
}
