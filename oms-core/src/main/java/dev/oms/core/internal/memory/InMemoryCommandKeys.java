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

/**
 * The command keys of an in-memory store with the time each was recorded (by the store's
 * clock), purged oldest first. Shared by oms' in-memory stores.
 *
 * <p>Reads are thread-safe without a lock; {@link #record} must be called under the store's
 * write lock (it does not check the key again); {@link #purge} may run at any time. A store that
 * records a key before it publishes the state saved with it gives its save lock: {@link #find}
 * then lets a save in flight finish before it returns a key, so whoever sees the key also sees
 * the state it was recorded with.
 *
 * @param <R> the store's record type
 */
public final class InMemoryCommandKeys<R> {
    private record Recorded(CommandKey key, Instant at) {
    }

    private final Clock clock;
    private final ReentrantLock saves;
    private final Map<CommandKey, R> records = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Recorded> inOrder = new ConcurrentLinkedQueue<>();

    /** @param clock the store's clock, which stamps every key */
    public InMemoryCommandKeys(Clock clock) {
        this(clock, null);
    }

    /**
     * @param clock the store's clock, which stamps every key
     * @param saves the store's save lock, held while a save records its key and publishes its state
     */
    public InMemoryCommandKeys(Clock clock, ReentrantLock saves) {
        this.clock = InvalidInputException.requireNonNull(clock, "clock");
        this.saves = saves;
    }

    /**
     * @param key a key
     * @return its record, if recorded and not purged
     */
    public Optional<R> find(CommandKey key) {
        Optional<R> found = Optional.ofNullable(records.get(InvalidInputException.requireNonNull(key, "key")));
        if (found.isPresent() && saves != null && saves.isLocked()) {
            saves.lock(); // a save in flight may have recorded the key and not yet published its state
            saves.unlock();
        }
        return found;
    }

    /**
     * @param key a key
     * @return whether it is recorded
     */
    public boolean contains(CommandKey key) {
        return records.containsKey(key);
    }

    /**
     * Records a key (under the store's write lock).
     *
     * @param key the key
     * @param record its record
     * @return whether it was new (false: recorded before, nothing changed)
     */
    public boolean record(CommandKey key, R record) {
        if (records.putIfAbsent(key, record) != null) {
            return false;
        }
        inOrder.add(new Recorded(key, clock.instant()));
        return true;
    }

    /**
     * Forgets keys recorded more than {@code olderThan} ago, oldest first.
     *
     * @param olderThan the horizon, not negative
     * @param limit the most to forget, {@code > 0}
     * @return how many were forgotten
     */
    public int purge(Duration olderThan, int limit) {
        Instant cutoff = Horizon.cutoff(clock, olderThan, limit);
        int purged = 0;
        while (purged < limit) {
            Recorded oldest = inOrder.peek();
            if (oldest == null || !oldest.at().isBefore(cutoff)) {
                break;
            }
            if (inOrder.remove(oldest)) {
                records.remove(oldest.key());
                purged++;
            }
        }
        return purged;
    }
}
