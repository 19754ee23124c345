package dev.oms.core.internal.memory;

import dev.oms.spi.EventId;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

/**
 * One stream's event log in an in-memory store, as an immutable snapshot that appends in
 * amortised constant time: a snapshot is a prefix of a shared array, and appending to the newest
 * snapshot writes after that prefix instead of copying it (the array doubles when full). A
 * snapshot a reader holds never changes: appends go after its end, and a rewrite (the erasure of
 * personal data, rare) copies.
 *
 * <p>{@link #append} and {@link #next} must be called under the store's write lock for the
 * stream, and the new snapshot published through a concurrent map (whose put and get order the
 * writes to the array before any read of them). Reads need no lock.
 *
 * @param <E> the event family
 */
public final class EventLog<E> {
    /** The shared array; {@code used} is touched only under the store's write lock. */
    private static final class Buffer {
        final Object[] items;
        int used;

        Buffer(int capacity) {
            items = new Object[capacity];
        }
    }

    private static final EventLog<?> EMPTY = new EventLog<>(new Buffer(0), 0);

    private final Buffer buffer;
    private final int size;
    private final List<E> view = new View();

    private EventLog(Buffer buffer, int size) {
        this.buffer = buffer;
        this.size = size;
    }

    /**
     * @param <E> the event family
     * @return a log with nothing in it
     */
    @SuppressWarnings("unchecked")
    public static <E> EventLog<E> empty() {
        return (EventLog<E>) EMPTY;
    }

    /**
     * @param events events to add after this snapshot's last
     * @return the longer log; this snapshot is unchanged
     */
    public EventLog<E> append(List<? extends E> events) {
        if (events.isEmpty()) {
            return this;
        }
        int needed = size + events.size();
        Buffer target = buffer;
        if (buffer.used != size || needed > buffer.items.length) {
            target = new Buffer(Math.max(needed, Math.max(8, 2 * size)));
            System.arraycopy(buffer.items, 0, target.items, 0, size);
        }
        for (int i = 0; i < events.size(); i++) {
            target.items[size + i] = events.get(i);
        }
        target.used = needed;
        return new EventLog<>(target, needed);
    }

    /**
     * The log a save leaves: the erasure rewrites put in place (checked by
     * {@link EventLogs#rewrite}, on a copy), then the new events appended.
     *
     * @param rewrites erased events to put in place of logged ones; usually none
     * @param events the new events
     * @param id an event's id
     * @param version an event's version
     * @param erase the family's erasure of an event
     * @param field the change's field, named in an error
     * @return the new log; this one is unchanged, also when a rewrite is refused
     * @throws dev.oms.spi.InvalidInputException if a rewrite is not the erasure of a logged event
     */
    public EventLog<E> next(List<E> rewrites, List<? extends E> events, Function<E, EventId> id,
            ToLongFunction<E> version, UnaryOperator<E> erase, String field) {
        EventLog<E> base = rewrites.isEmpty() ? this
                : rewritten(log -> EventLogs.rewrite(log, rewrites, id, version, erase, field));
        return base.append(events);
    }

    /**
     * @param rewrite changes a copy of the events in place, or throws and leaves this log as it is
     * @return a new log of the changed copy
     */
    EventLog<E> rewritten(java.util.function.Consumer<List<E>> rewrite) {
        List<E> copy = new java.util.ArrayList<>(view);
        rewrite.accept(copy);
        return EventLog.<E>empty().append(copy);
    }

    /** @return the events, oldest first, as an unmodifiable list */
    public List<E> asList() {
        return view;
    }

    private final class View extends AbstractList<E> implements RandomAccess {
        @Override
        @SuppressWarnings("unchecked")
        public E get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("index " + index + ", size " + size);
            }
            return (E) buffer.items[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
