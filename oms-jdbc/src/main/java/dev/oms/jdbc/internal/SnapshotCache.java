package dev.oms.jdbc.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Decoded snapshots this JVM has seen committed, so a load whose row has not changed since need
 * not decode its JSON again: a load asks the database for the order's version and the row's
 * {@code xmin} (the transaction that wrote the row as it now is) and for the text
 * only if they differ from the cached ones ({@code CASE WHEN ...}), so every load still reads the
 * committed row, from any JVM, in its one round trip.
 *
 * <p>Only committed snapshots enter: those read outside a host's transaction and those saved by a
 * transaction of the adapter's own that committed. Every change of a row, by oms or by hand (a
 * repair, a migration that rewrites snapshots), gives it the {@code xmin} of the transaction that
 * made it, so a row that was changed is never taken for the cached one. The exceptions: a change
 * by hand that keeps the version and comes from a transaction whose 32-bit id is the cached one's
 * again after a wraparound (four billion transactions later), and a database restored to an
 * earlier point in time while this JVM runs: restart the JVM after a restore.
 *
 * <p>Direct-mapped: a fixed number of slots, a key's slot by its hash, a newer entry replacing
 * whatever held the slot; so it is bounded, takes no lock, and two keys sharing a slot only miss.
 * Thread-safe.
 *
 * @param <K> the key (an id)
 * @param <V> the decoded snapshot, immutable
 */
final class SnapshotCache<K, V> {
    /** What a slot holds. */
    record Entry<K, V>(K key, long version, long rowVersion, V value) {
    }

    private final AtomicReferenceArray<Entry<K, V>> slots;
    private final int mask;

    /** @param slots how many snapshots it holds at most: a power of two */
    SnapshotCache(int slots) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two (was " + slots + ")");
        }
        this.slots = new AtomicReferenceArray<>(slots);
        this.mask = slots - 1;
    }

    /** @return the cached entry of the key, or null */
    Entry<K, V> get(K key) {
        Entry<K, V> entry = slots.get(slot(key));
        return entry != null && entry.key().equals(key) ? entry : null;
    }

    /** Caches a committed snapshot, unless its slot holds a later version of the same key. */
    void put(K key, long version, long rowVersion, V value) {
        int slot = slot(key);
        Entry<K, V> next = new Entry<>(key, version, rowVersion, value);
        for (;;) {
            Entry<K, V> held = slots.get(slot);
            if (held != null && held.key().equals(key) && held.version() >= version) {
                return;
            }
            if (slots.compareAndSet(slot, held, next)) {
                return;
            }
        }
    }

    private int slot(K key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }
}
