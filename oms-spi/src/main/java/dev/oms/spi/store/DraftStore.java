package dev.oms.spi.store;

import dev.oms.spi.DraftId;
import dev.oms.spi.StaleVersionException.DraftConflictException;
import dev.oms.spi.order.Draft;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where draft orders and quotes live.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Optimistic versions.</b> {@link #save} writes a draft only if its stored version is
 *       {@code draft.version() - 1} (none stored for version 1); otherwise it throws
 *       {@link DraftConflictException} and writes nothing. Across any number of threads and JVMs
 *       at most one save per version succeeds.</li>
 *   <li><b>Reads</b> return what the last successful save wrote.</li>
 *   <li><b>Expiring quotes.</b> {@link #quotesExpiredBy} returns the drafts whose status is
 *       {@link Draft.Status#QUOTED} and whose quote expires at or before the time, soonest first,
 *       ties by id in code point order (PostgreSQL's {@code COLLATE "C"}).</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface DraftStore {
    /**
     * @param draft the draft at its new version
     * @throws DraftConflictException if the stored version is not {@code draft.version() - 1}
     */
    void save(Draft draft);

    /** @return the draft as last saved, if it was */
    Optional<Draft> load(DraftId id);

    /**
     * @param at a time
     * @param limit at most this many
     * @return quoted drafts whose quote expired by {@code at}, soonest first
     */
    List<Draft> quotesExpiredBy(Instant at, int limit);
}
