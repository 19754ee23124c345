package dev.oms.channels;

import dev.oms.spi.InvalidInputException;
import java.util.List;

/**
 * A channel order document oms refuses: every problem found, each with the JSON path of the field
 * and what was wrong, in one exception, so the channel can fix them all at once. Nothing was
 * stored.
 */
public class OrderImportException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /**
     * One problem of the document.
     *
     * @param path the JSON path ({@code $.lines[1].quantity})
     * @param problem what was wrong
     */
    public record Problem(String path, String problem) {
        @Override
        public String toString() {
            return path + ": " + problem;
        }
    }

    /** @param problems every problem, at least one */
    public OrderImportException(List<Problem> problems) {
        super("$", problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in the order document: "
                + problems);
        this.problems = List.copyOf(problems);
    }

    /** @return every problem, in document order */
    public List<Problem> problems() {
        return problems;
    }

    /** @return the paths of the problems */
    public List<String> paths() {
        return problems.stream().map(Problem::path).toList();
    }
}
