package dev.oms.jdbc.internal;

import dev.oms.jdbc.PostgresStores.DatabaseRefusedException;
import dev.oms.jdbc.PostgresStores.StorageException;
import java.sql.SQLException;
import java.util.Set;

/**
 * What a driver's {@link SQLException} means for the caller, by its SQLSTATE: a value the
 * database refuses (class 22, data exception; class 23, integrity constraint) is a typed
 * {@link DatabaseRefusedException}; connection loss (class 08), serialization failures (40001),
 * deadlocks (40P01), lock timeouts (55P03), cancelled statements and statement timeouts (57014),
 * a server shutting down (57P01 to 57P03) and too many connections (53300) are retryable
 * {@link StorageException}s; anything else is a {@code StorageException} that repeating does
 * not cure.
 */
final class SqlFailures {
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03",
            "53300");

    private SqlFailures() {
    }

    /**
     * @param what what oms was doing
     * @param e the driver's exception
     * @return the exception to throw
     */
    static RuntimeException of(String what, SQLException e) {
        String state = state(e);
        if (state.startsWith("22") || state.startsWith("23")) {
            return new DatabaseRefusedException(what, state, e.getMessage());
        }
        return new StorageException(what + " failed: " + e.getMessage(), e, retryable(state), false);
    }

    /**
     * @param what what oms was doing
     * @param e the driver's exception thrown by the commit
     * @return the exception to throw: if the connection broke, the transaction may have committed
     */
    static RuntimeException ofCommit(String what, SQLException e) {
        String state = state(e);
        if (state.startsWith("08")) {
            return new StorageException(what + ": the connection broke during the commit, which may or may not "
                    + "have gone through: " + e.getMessage(), e, true, true);
        }
        return of(what, e);
    }

    private static boolean retryable(String state) {
        return state.startsWith("08") || RETRYABLE.contains(state);
    }

    /** The SQLSTATE of the exception or of the first exception chained to it that has one. */
    static String state(SQLException e) {
        for (SQLException at = e; at != null; at = at.getNextException()) {
            if (at.getSQLState() != null) {
                return at.getSQLState();
            }
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }
}
