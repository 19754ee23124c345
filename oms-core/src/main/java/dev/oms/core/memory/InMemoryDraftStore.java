package dev.oms.core.memory;

import dev.oms.spi.DraftId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.StaleVersionException.DraftConflictException;
import dev.oms.spi.order.Draft;
import dev.oms.spi.store.DraftStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The embedded draft store: drafts in a concurrent map, each save a compare-and-set on the
 * draft's entry (so one save per version wins). Nothing survives the JVM; the quotes due to
 * expire are found by a scan, which suits the few open quotes a seller has at a time.
 */
public final class InMemoryDraftStore implements DraftStore {
    private final ConcurrentMap<DraftId, Draft> drafts = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryDraftStore() {
    }

    @Override
    public void save(Draft draft) {
        InvalidInputException.requireNonNull(draft, "draft");
        long expected = draft.version() - 1;
        boolean[] saved = {false};
        Draft stored = drafts.compute(draft.id(), (id, current) -> {
            long at = current == null ? 0 : current.version();
            if (at != expected) {
                return current;
            }
            saved[0] = true;
            return draft;
        });
        if (!saved[0]) {
            throw new DraftConflictException(draft.id(), expected, stored == null ? 0 : stored.version());
        }
    }

    @Override
    public Optional<Draft> load(DraftId id) {
        return Optional.ofNullable(drafts.get(InvalidInputException.requireNonNull(id, "id")));
    }

    @Override
    public List<Draft> quotesExpiredBy(Instant at, int limit) {
        InvalidInputException.requireNonNull(at, "at");
        if (limit < 1) {
            throw new InvalidInputException("limit", "must be at least 1, was " + limit);
        }
        return drafts.values().stream()
                .filter(d -> d.status() == Draft.Status.QUOTED && d.quote().orElseThrow().isExpiredAt(at))
                .sorted(Comparator.comparing((Draft d) -> d.quote().orElseThrow().expiresAt()).thenComparing((a, b) ->
                        dev.oms.spi.store.OrderQuery.compareIds(dev.oms.spi.OrderId.of(a.id().value()),
                                dev.oms.spi.OrderId.of(b.id().value()))))
                .limit(limit).toList();
    }
}
