package dev.oms.benchmarks.inventory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The recorded work of a reservation in plain Java, the reference oms' in-memory reservation is
 * measured against: a compare-and-set that takes the units only if they are there, a record of
 * the hold in a concurrent map under its key, and a movement appended to a ledger of chunked
 * arrays. No fingerprint, no validation, no availability cache, no reservation lines: what any
 * correct, recorded reservation has to do at the least.
 */
final class PlainReservations {
    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;

    /** A hold as the reference records it. */
    record Hold(String key, String order, String sku, long units) {
    }

    /** A ledger movement as the reference records it. */
    record Move(long sequence, String sku, long reserved, String key) {
    }

    private final String sku;
    private final AtomicLong available;
    private final ConcurrentHashMap<String, Hold> holds = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReferenceArray<Move[]> ledger = new AtomicReferenceArray<>(1 << 16);

    PlainReservations(String sku, long units) {
        this.sku = sku;
        this.available = new AtomicLong(units);
    }

    /**
     * @param key the idempotency key
     * @param order the order
     * @param units units to hold
     * @return the hold, the one recorded before under the key, or null if too few units were left
     */
    Hold reserve(String key, String order, long units) {
        Hold earlier = holds.get(key);
        if (earlier != null) {
            return earlier;
        }
        while (true) {
            long left = available.get();
            if (left < units) {
                return null;
            }
            if (available.compareAndSet(left, left - units)) {
                break;
            }
        }
        Hold hold = new Hold(key, order, sku, units);
        Hold raced = holds.putIfAbsent(key, hold);
        if (raced != null) { // a repeat of this key won meanwhile: give the units back
            available.addAndGet(units);
            return raced;
        }
        long at = sequence.getAndIncrement();
        int chunk = (int) (at >>> CHUNK_BITS);
        Move[] moves = ledger.get(chunk);
        if (moves == null) {
            ledger.compareAndSet(chunk, null, new Move[CHUNK]);
            moves = ledger.get(chunk);
        }
        moves[(int) (at & (CHUNK - 1))] = new Move(at, sku, units, key);
        return hold;
    }
}
