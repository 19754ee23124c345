package dev.oms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The reference model of a store whose records are saved with optimistic versions: the versions
 * of each record, in order. A save is accepted exactly when it was decided on the latest version;
 * the stateful contracts check the store against it.
 *
 * @param <I> the record's id
 * @param <R> the record
 */
final class VersionedModel<I, R> {
    private final Map<I, List<R>> versions = new LinkedHashMap<>();
    private final List<I> ids = new ArrayList<>();
    private final Function<R, I> idOf;
    private final Consumer<R> save;
    private final Class<? extends RuntimeException> conflict;

    /**
     * Saves the initial records (version 1 each) in the store and the model.
     *
     * @param initial the records
     * @param idOf a record's id
     * @param save how the store saves one
     * @param conflict what the store throws for a stale save
     */
    VersionedModel(List<R> initial, Function<R, I> idOf, Consumer<R> save, Class<? extends RuntimeException> conflict) {
        this.idOf = idOf;
        this.save = save;
        this.conflict = conflict;
        for (R r : initial) {
            save.accept(r);
            versions.put(idOf.apply(r), new ArrayList<>(List.of(r)));
            ids.add(idOf.apply(r));
        }
    }

    /**
     * @param which the record's place among the initial ones
     * @param stale whether the next save is decided on the version before the latest (a stale read)
     * @return the version the next save is decided on
     */
    R base(int which, boolean stale) {
        List<R> vs = versions.get(ids.get(which));
        return stale && vs.size() > 1 ? vs.get(vs.size() - 2) : vs.get(vs.size() - 1);
    }

    /** @return how many versions the record has */
    int size(int which) {
        return versions.get(ids.get(which)).size();
    }

    /**
     * Saves {@code next}, decided on {@code base}, in the store and checks that it succeeded exactly
     * when the model accepts it (decided on the latest version), else threw the conflict.
     *
     * @param base the version it was decided on
     * @param next the version to save
     * @param what the save, for a failure's message
     */
    void save(R base, R next, String what) {
        List<R> vs = versions.get(idOf.apply(base));
        boolean accepts = base == vs.get(vs.size() - 1);
        Class<?> outcome = Outcome.of(() -> save.accept(next));
        assertThat(outcome).as(what).isEqualTo(accepts ? Void.class : conflict);
        if (accepts) {
            vs.add(next);
        }
    }

    /** Checks that every record reads back from the store as its latest version. */
    void compare(Function<I, Optional<R>> load) {
        versions.forEach((id, vs) -> assertThat(load.apply(id)).contains(vs.get(vs.size() - 1)));
    }

    /** @return the latest version of each record */
    List<R> latest() {
        return versions.values().stream().map(vs -> vs.get(vs.size() - 1)).toList();
    }

    /** @return the records' ids */
    List<I> ids() {
        return List.copyOf(ids);
    }

    @Override
    public String toString() {
        return "model of " + ids;
    }
}
