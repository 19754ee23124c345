package dev.oms.json;

import dev.oms.spi.InvalidInputException;

/**
 * JSON that oms refuses: malformed, too deep or too large, of an unknown type, or with a value a
 * record's validation refuses. {@link #field()} is the JSON path ({@code $.lines[1].quantity}).
 * Nothing was changed.
 */
public class JsonInputException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param path the JSON path of the problem
     * @param problem what was wrong
     */
    public JsonInputException(String path, String problem) {
        super(path, problem);
    }
}
