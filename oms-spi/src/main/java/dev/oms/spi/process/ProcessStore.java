package dev.oms.spi.process;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.StaleVersionException.ProcessConflictException;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the order flow keeps its durable processes.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Versions.</b> {@link #save} writes a record of version 1 only if no record has its id,
 *       and a record of version {@code n > 1} only over the stored version {@code n - 1};
 *       otherwise {@link ProcessConflictException} and nothing is written. Across threads and
 *       JVMs at most one save per version succeeds: two runners of one process never both
 *       record a decision.</li>
 *   <li><b>Reads</b> return what the last successful save wrote, every field exactly.</li>
 *   <li><b>Queries.</b> {@link #running} lists running processes not saved since a time, oldest
 *       update first (what a resume picks up); {@link #waiting} lists the processes waiting for
 *       one reason in the order they started (then by id), after a cursor; {@link #due} lists
 *       waiting processes whose time is due, earliest first; {@link #ofOrder} lists an order's
 *       processes in the order they started.</li>
 *   <li><b>Retention.</b> {@link #purgeFinished} deletes records that finished before a time.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface ProcessStore {
    /**
     * Saves a record (see the contract above).
     *
     * @param record the record
     * @throws ProcessConflictException if the stored version is not the one before it
     */
    void save(ProcessRecord record);

    /** @return the process, if saved */
    Optional<ProcessRecord> load(ProcessId id);

    /** @return the processes of an order, oldest first */
    List<ProcessRecord> ofOrder(OrderId orderId);

    /**
     * @param updatedBefore only processes not saved since this time
     * @param limit the most to return, {@code > 0}
     * @return running processes, oldest update first
     */
    List<ProcessRecord> running(Instant updatedBefore, int limit);

    /**
     * @param reason what they wait for
     * @param after continue after this process (in start order), or from the first
     * @param limit the most to return, {@code > 0}
     * @return waiting processes, in the order they started, then by id
     */
    List<ProcessRecord> waiting(WaitReason reason, Optional<ProcessId> after, int limit);

    /**
     * @param now the time
     * @param limit the most to return, {@code > 0}
     * @return waiting processes whose due time is not after {@code now}, earliest first
     */
    List<ProcessRecord> due(Instant now, int limit);

    /**
     * Deletes finished (done or failed) processes last saved before a time.
     *
     * @param finishedBefore the time
     * @param limit the most to delete, {@code > 0}
     * @return how many were deleted
     * @throws InvalidInputException if the limit is not positive
     */
    int purgeFinished(Instant finishedBefore, int limit);
}
