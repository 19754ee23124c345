package dev.oms.core.internal.memory;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * One stream's event log in an in-memory store, as an immutable snapshot that appends in
 * amortised constant time: a snapshot is a prefix of a shared array, and appending to the newest
 * snapshot writes after that prefix instead of copying it (the array doubles when full). A
 * snapshot a reader holds never changes: appends go after its end, and a rewrite (the erasure of
 * personal data, rare) copies.
 *
 * <p>{@link #append} and {@link #rewritten} must be called under the store's write lock for the
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
     * A copy with events replaced in place (checked by {@link EventLogs#rewrite}).
     *
     * @param rewrite changes the copy in place or throws, leaving this log as it is
     * @return the rewritten log, or this one if the rewrite changes nothing
     */
    public EventLog<E> rewritten(java.util.function.Consumer<List<E>> rewrite) {
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
