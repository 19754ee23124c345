package dev.oms.inventory.internal;

import dev.oms.spi.inventory.Movement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One position's movements since its checkpoint, oldest first, in chunks of {@value #CHUNK}:
 * appending never copies what is there (an {@code ArrayList} copies its whole array each time it
 * grows, and a hot position's ledger grows by a movement per reservation), and compaction drops
 * whole chunks from the front. Not thread-safe: guarded by its position's lock.
 */
public final class MovementLog {
    private static final int CHUNK = 256;

    private final List<Movement[]> chunks = new ArrayList<>();
    /** Where the oldest movement sits in the first chunk. */
    private int head;
    private int size;

    /** @param movement appended as the newest */
    public void add(Movement movement) {
        int slot = head + size;
        if (slot == chunks.size() * CHUNK) {
            chunks.add(new Movement[CHUNK]);
        }
        chunks.get(slot / CHUNK)[slot % CHUNK] = movement;
        size++;
    }

    /** @return how many movements it holds */
    public int size() {
        return size;
    }

    /** @param index 0 for the oldest @return that movement */
    public Movement get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        int slot = head + index;
        return chunks.get(slot / CHUNK)[slot % CHUNK];
    }

    /** @param count how many of the oldest to forget, at most {@link #size} */
    public void dropOldest(int count) {
        if (count < 0 || count > size) {
            throw new IndexOutOfBoundsException(count);
        }
        for (int i = 0; i < count; i++) {
            int slot = head + i;
            chunks.get(slot / CHUNK)[slot % CHUNK] = null;
        }
        head += count;
        size -= count;
        int emptied = head / CHUNK;
        if (emptied > 0) {
            chunks.subList(0, emptied).clear();
            head -= emptied * CHUNK;
        }
    }

    /** @return its movements, oldest first, as an unmodifiable copy */
    public List<Movement> toList() {
        Movement[] out = new Movement[size];
        int copied = 0;
        for (int c = 0; copied < size; c++) {
            int from = c == 0 ? head : 0;
            int n = Math.min(CHUNK - from, size - copied);
            System.arraycopy(chunks.get(c), from, out, copied, n);
            copied += n;
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }
}
