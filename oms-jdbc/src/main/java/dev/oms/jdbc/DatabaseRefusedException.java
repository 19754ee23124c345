package dev.oms.jdbc;

import dev.oms.spi.InvalidInputException;

/**
 * PostgreSQL refused a value (a data exception such as a number out of a column's range, or an
 * integrity constraint) that the oms rules let through. The operation changed nothing, and
 * repeating it fails the same way. Its field names the operation; its problem holds the
 * database's message and SQLSTATE.
 */
public class DatabaseRefusedException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    /**
     * @param operation what oms was doing
     * @param sqlState the SQLSTATE, class 22 or 23
     * @param message the database's message
     */
    public DatabaseRefusedException(String operation, String sqlState, String message) {
        super(operation, "the database refused a value (SQLSTATE " + sqlState + "): " + message);
        this.sqlState = sqlState;
    }

    /** @return the SQLSTATE, class 22 (data exception) or 23 (integrity constraint) */
    public String sqlState() {
        return sqlState;
    }
}
