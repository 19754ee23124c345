package dev.oms.core.internal.shared;

import dev.oms.core.TransitionTable;
import dev.oms.spi.InvalidInputException;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders a lifecycle declared as data (status, then step, then the statuses the step can lead
 * to) as a Mermaid state diagram: one arrow per change of status labelled with the steps that
 * cause it, {@code [*]} after every status no step leaves, and a note per status listing the
 * steps that keep it. The order lifecycle ({@link TransitionTable}) and the return lifecycle of
 * oms-returns render through it, so their README diagrams read alike. Stateless and thread-safe.
 */
public final class StateDiagram {
    private StateDiagram() {
    }

    /**
     * @param <S> the status type
     * @param <K> the step type
     * @param statuses every status, in the order to render
     * @param initial where the lifecycle starts
     * @param initialStep the label of the step that creates it
     * @param table for every status, its steps and the statuses each can lead to, in the order
     *     to list them
     * @param label the label of a step
     * @return the diagram source, starting with {@code stateDiagram-v2}
     */
    public static <S extends Enum<S>, K> String mermaid(S[] statuses, S initial, String initialStep,
            Map<S, ? extends Map<K, Set<S>>> table, Function<K, String> label) {
        InvalidInputException.requireNonNull(statuses, "statuses");
        InvalidInputException.requireNonNull(table, "table");
        InvalidInputException.requireNonNull(label, "label");
        StringBuilder out = new StringBuilder("stateDiagram-v2\n");
        out.append("    [*] --> ").append(initial).append(": ").append(initialStep).append('\n');
        for (S from : statuses) {
            Map<S, StringJoiner> edges = new TreeMap<>();
            table.get(from).forEach((kind, targets) -> {
                for (S to : targets) {
                    if (to != from) {
                        edges.computeIfAbsent(to, k -> new StringJoiner(", ")).add(label.apply(kind));
                    }
                }
            });
            edges.forEach((to, steps) -> out.append("    ").append(from).append(" --> ").append(to).append(": ")
                    .append(steps).append('\n'));
        }
        for (S s : statuses) {
            if (table.get(s).values().stream().allMatch(targets -> targets.equals(Set.of(s)))) {
                out.append("    ").append(s).append(" --> [*]\n");
            }
        }
        for (S s : statuses) {
            StringJoiner stays = new StringJoiner(", ");
            table.get(s).forEach((kind, targets) -> {
                if (targets.contains(s)) {
                    stays.add(label.apply(kind));
                }
            });
            if (stays.length() > 0) {
                out.append("    note right of ").append(s).append(": also ").append(stays).append('\n');
            }
        }
        return out.toString();
    }
}
