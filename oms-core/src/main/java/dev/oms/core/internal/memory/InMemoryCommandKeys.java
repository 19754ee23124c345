package dev.oms.core.internal.memory;

import dev.oms.spi.CommandKey;
import dev.oms.spi.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The command keys of an in-memory store with the time each was recorded (by the store's
 * clock), purged oldest first. Shared by oms' in-memory stores.
 *
 * <p>Reads are thread-safe without a lock; {@link #record} is atomic (of two saves recording one
 * key, one wins) and {@link #purge} may run at any time. A store that records a key before it
 * publishes the state saved with it names the lock such a save holds: {@link #find} then lets a
 * save in flight finish before it returns a key, and returns it only if the save kept it (a
 * save that fails after recording its key {@link #forget}s it), so whoever sees a key also sees
 * the state it was recorded with.
 *
 * @param <R> the store's record type
 */
public final class InMemoryCommandKeys<R> {
    private record Recorded<R>(CommandKey key, R record, Instant at) {
    }

    private final Clock clock;
    private final Function<R, ReentrantLock> saves;
    private final Map<CommandKey, R> records = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Recorded<R>> inOrder = new ConcurrentLinkedQueue<>();

    /** @param clock the store's clock, which stamps every key */
    public InMemoryCommandKeys(Clock clock) {
        this(clock, (Function<R, ReentrantLock>) null);
    }

    /**
     * @param clock the store's clock, which stamps every key
     * @param saves the store's save lock, held while a save records its key and publishes its state
     */
    public InMemoryCommandKeys(Clock clock, ReentrantLock saves) {
        this(clock, record -> saves);
    }

    /**
     * @param clock the store's clock, which stamps every key
     * @param saves the lock a save of a record holds while it records the key and publishes its
     *     state (a store that locks per order names the order's lock)
     */
    public InMemoryCommandKeys(Clock clock, Function<R, ReentrantLock> saves) {
        this.clock = InvalidInputException.requireNonNull(clock, "clock");
        this.saves = saves;
    }

    /**
     * @param key a key
     * @return its record, if recorded, kept and not purged
     */
    public Optional<R> find(CommandKey key) {
        R found = records.get(InvalidInputException.requireNonNull(key, "key"));
        while (found != null && saves != null) {
            // a save in flight may have recorded the key and not yet published its state, or may
            // fail and forget it: wait for the save that recorded what was found, and return the
            // record only if it is still the one recorded afterwards
            ReentrantLock save = saves.apply(found);
            save.lock();
            save.unlock();
            R again = records.get(key);
            if (again == found) {
                break;
            }
            found = again;
        }
        return Optional.ofNullable(found);
    }

    /**
     * @param key a key
     * @return whether it is recorded
     */
    public boolean contains(CommandKey key) {
        return records.containsKey(key);
    }

    /**
     * Records a key, unless it is recorded already.
     *
     * @param key the key
     * @param record its record
     * @return whether it was new (false: recorded before, nothing changed)
     */
    public boolean record(CommandKey key, R record) {
        if (records.putIfAbsent(key, record) != null) {
            return false;
        }
        inOrder.add(new Recorded<>(key, record, clock.instant()));
        return true;
    }

    /**
     * Forgets a key a failing save recorded (under the lock it named for the record).
     *
     * @param key the key
     * @param record the record that save recorded; a later record of the key stays
     */
    public void forget(CommandKey key, R record) {
        removeIfSame(key, record);
    }

    /** @return whether the key was mapped to this very record (not an equal one) and is no more */
    private boolean removeIfSame(CommandKey key, R record) {
        boolean[] removed = {false};
        records.computeIfPresent(key, (k, current) -> {
            removed[0] = current == record;
            return removed[0] ? null : current;
        });
        return removed[0];
    }

    /**
     * Forgets keys recorded more than {@code olderThan} ago, in the order they were recorded (saves
     * that run side by side may queue their stamps a little out of order: a key is then purged
     * late, never early).
     *
     * @param olderThan the horizon, not negative
     * @param limit the most to forget, {@code > 0}
     * @return how many were forgotten
     */
    public int purge(Duration olderThan, int limit) {
        Instant cutoff = Horizon.cutoff(clock, olderThan, limit);
        int purged = 0;
        while (purged < limit) {
            Recorded<R> oldest = inOrder.peek();
            if (oldest == null || !oldest.at().isBefore(cutoff)) {
                break;
            }
            // a record a failed save forgot is gone already; the key's later record is not this one
            if (inOrder.remove(oldest) && removeIfSame(oldest.key(), oldest.record())) {
                purged++;
            }
        }
        return purged;
    }
}
