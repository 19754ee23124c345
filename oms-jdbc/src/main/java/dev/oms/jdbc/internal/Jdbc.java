package dev.oms.jdbc.internal;

import dev.oms.jdbc.PostgresStores.PostgresSettings;
import dev.oms.jdbc.PostgresStores.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Where every statement of the adapter runs: in a transaction of its own (a connection from the
 * host's {@link DataSource}, committed at the end, rolled back on any exception), or inside the
 * host's transaction when the host bound its connection with {@link #withHostConnection}; then
 * each operation runs under a savepoint, so a refused operation is undone without aborting the
 * host's transaction, and the host commits or rolls back as a whole.
 *
 * <p>Every value reaches the database as a parameter of a prepared statement, never in SQL text.
 * Thread-safe; the host connection is bound per thread.
 */
public final class Jdbc {
    private final DataSource dataSource;
    private final PostgresSettings settings;
    /** The timeouts to set in each transaction, empty for the server's own. */
    private final String timeouts;
    private final String snapshotStatements;
    /** Whether the pool's connections start in another isolation than READ COMMITTED; null until checked. */
    private volatile Boolean otherIsolation;
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    /** @param dataSource the host's pool, with the default {@link PostgresSettings} */
    public Jdbc(DataSource dataSource) {
        this(dataSource, PostgresSettings.defaults());
    }

    /**
     * @param dataSource the host's pool
     * @param settings isolation, timeouts and retries of the transactions this adapter owns
     */
    public Jdbc(DataSource dataSource, PostgresSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        StringBuilder timeouts = new StringBuilder();
        if (!settings.statementTimeout().isZero()) {
            timeouts.append("; SET LOCAL statement_timeout = ").append(settings.statementTimeout().toMillis());
        }
        if (!settings.lockTimeout().isZero()) {
            timeouts.append("; SET LOCAL lock_timeout = ").append(settings.lockTimeout().toMillis());
        }
        this.timeouts = timeouts.length() == 0 ? "" : timeouts.substring(2);
        this.snapshotStatements = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY" + timeouts;
    }

    /** A piece of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param c the connection (in a transaction)
         * @return the result
         * @throws SQLException on a database failure
         */
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs the work in its own transaction, or under a savepoint of the host's. A transaction of
     * its own runs in {@code READ COMMITTED} with the settings' timeouts, and is run again after a
     * retryable failure (at most {@link PostgresSettings#retries()} times) unless its commit was
     * under way; inside the host's transaction nothing is retried (the host's transaction is
     * what would have to run again).
     *
     * @param <T> the result type
     * @param what what it does, for the message of a {@link StorageException}
     * @param work the work; it may run more than once, so it changes nothing outside the database
     * @return its result
     * @throws StorageException on a technical failure (see {@link StorageException#isRetryable()})
     * @throws dev.oms.jdbc.PostgresStores.DatabaseRefusedException if the database refused a value
     */
    public <T> T transaction(String what, Work<T> work) {
        Connection host = bound.get();
        if (host != null) {
            return underSavepoint(host, what, work);
        }
        return retried(() -> ownTransaction(what, work));
    }

    /**
     * Runs reads on one snapshot: a {@code REPEATABLE READ READ ONLY} transaction of its own (which
     * never fails with a serialization failure), or under a savepoint of the host's transaction
     * (on the host's isolation). Retried like {@link #transaction}.
     *
     * @param <T> the result type
     * @param what what it reads, for the message of a {@link StorageException}
     * @param work the reads
     * @return their result
     */
    public <T> T snapshot(String what, Work<T> work) {
        Connection host = bound.get();
        if (host != null) {
            return underSavepoint(host, what, work);
        }
        return retried(() -> ownTransaction(what, work, snapshotStatements));
    }

    private <T> T retried(Supplier<T> run) {
        for (int attempt = 1;; attempt++) {
            try {
                return run.get();
            } catch (StorageException failed) {
                if (!failed.isRetryable() || failed.isOutcomeUnknown() || attempt > settings.retries()
                        || timedOut(failed)) {
                    throw failed;
                }
                pause(attempt, failed);
            }
        }
    }

    private <T> T ownTransaction(String what, Work<T> work) {
        return ownTransaction(what, work, null);
    }

    /** @param begin what starts the transaction; null for READ COMMITTED and the settings' timeouts */
    private <T> T ownTransaction(String what, Work<T> work, String begin) {
        try (Connection c = dataSource.getConnection()) {
            try {
                return inTransaction(c, begin, work, x -> commit(x, what));
            } catch (SQLException | RuntimeException | Error e) {
                throw wrap(what, e);
            }
        } catch (SQLException e) {
            throw SqlFailures.of(what, e);
        }
    }

    /** How a transaction's work is committed. */
    private interface Commit {
        void run(Connection c) throws SQLException;
    }

    /**
     * The work in a transaction on the connection, rolled back on any failure, which comes back
     * as it was thrown; the connection's auto-commit restored.
     *
     * @param begin what starts the transaction; null for READ COMMITTED and the settings' timeouts
     */
    private <T> T inTransaction(Connection c, String begin, Work<T> work, Commit commit) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String statements = begin != null ? begin : beginStatements(c);
            if (!statements.isEmpty()) {
                begin(c, statements);
            }
            T result = work.run(c);
            commit.run(c);
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(c, e);
            throw e;
        } finally {
            restore(c, auto);
        }
    }

    /**
     * What starts a READ COMMITTED transaction with the settings' timeouts, costing no round trip
     * when there is nothing to set: the pool's isolation is checked once, on the first
     * transaction (a pool in another isolation gets {@code SET TRANSACTION ISOLATION LEVEL READ
     * COMMITTED} in every transaction from then on), and the timeouts only if the settings have
     * any.
     */
    private String beginStatements(Connection c) throws SQLException {
        Boolean other = otherIsolation;
        if (other == null) {
            other = !Jdbc.one(c, "SHOW transaction_isolation", rs -> rs.getString(1)).orElse("").equals("read committed");
            c.rollback(); // the check began the transaction; the work begins its own
            otherIsolation = other;
        }
        if (!other) {
            return timeouts;
        }
        return "SET TRANSACTION ISOLATION LEVEL READ COMMITTED" + (timeouts.isEmpty() ? "" : "; " + timeouts);
    }

    /**
     * One round trip: the isolation level and the timeouts, for this transaction only (numbers
     * from the settings, never input, so they can be part of the text).
     */
    private static void begin(Connection c, String statements) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }

    private static void commit(Connection c, String what) {
        try {
            c.commit();
        } catch (SQLException e) {
            throw SqlFailures.ofCommit(what, e);
        }
    }

    /** A statement that ran out of time would likely run out again: the caller decides, not the adapter. */
    private static boolean timedOut(StorageException failed) {
        return failed.getCause() instanceof SQLException sql && "57014".equals(sql.getSQLState());
    }

    /** 10, 40, 90 ms: long enough for a lock holder to commit or a connection slot to free. */
    private static void pause(int attempt, StorageException failed) {
        try {
            Thread.sleep(10L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed;
        }
    }

    /** @return whether this thread's work runs inside a host's transaction ({@link #withHostConnection}) */
    public boolean inHostTransaction() {
        return bound.get() != null;
    }

    /**
     * Runs work that is one writing statement as a transaction of its own: in autocommit (one
     * round trip, no BEGIN and COMMIT) once the pool is known to start in READ COMMITTED and the
     * settings set no timeouts; otherwise in a transaction begun with them. Not retried, and the
     * driver's failure comes back as it is, so the caller can tell by its SQLSTATE what happened
     * (a connection that broke, class 08, leaves the outcome unknown). Not inside a host's
     * transaction.
     *
     * @param <T> the result type
     * @param work the statement
     * @return its result
     * @throws SQLException as the driver threw it
     */
    public <T> T statement(Work<T> work) throws SQLException {
        if (bound.get() != null) {
            throw new IllegalStateException("a statement of its own cannot run inside the host's transaction");
        }
        try (Connection c = dataSource.getConnection()) {
            if (otherIsolation == Boolean.FALSE && timeouts.isEmpty()) {
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                return work.run(c);
            }
            return inTransaction(c, null, work, Connection::commit);
        }
    }

    /**
     * Runs work that is one writing statement as a transaction of its own, in autocommit when
     * {@link #statement} would (the statement is its own commit: one round trip instead of two),
     * otherwise as {@link #transaction}. Retried like {@link #transaction}: a statement that
     * failed was rolled back by the server and can run again, except when the connection broke
     * while it ran, which leaves its outcome unknown ({@link StorageException#isOutcomeUnknown()}).
     * Inside the host's transaction it runs under a savepoint, as {@link #transaction}.
     *
     * @param <T> the result type
     * @param what what it does, for the message of a {@link StorageException}
     * @param work one statement, and reads that change nothing
     * @return its result
     */
    public <T> T write(String what, Work<T> work) {
        if (bound.get() != null || otherIsolation != Boolean.FALSE || !timeouts.isEmpty()) {
            return transaction(what, work);
        }
        return retried(() -> {
            Connection c;
            try {
                c = dataSource.getConnection();
            } catch (SQLException e) {
                throw SqlFailures.of(what, e); // nothing was sent
            }
            try (c) {
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                return work.run(c);
            } catch (SQLException e) {
                throw SqlFailures.ofCommit(what, e);
            }
        });
    }

    /**
     * Runs one reading statement: in autocommit on a connection of its own (one round trip, no
     * BEGIN and COMMIT around it, under the server's statement timeout), or under a savepoint of
     * the host's transaction. Only for work that is a single statement, which PostgreSQL runs on
     * one snapshot anyway. A retryable failure is read again, at most
     * {@link PostgresSettings#retries()} times, outside a host's transaction.
     *
     * @param <T> the result type
     * @param what what it reads, for the message of a {@link StorageException}
     * @param work the read
     * @return its result
     */
    public <T> T read(String what, Work<T> work) {
        Connection host = bound.get();
        if (host != null) {
            return underSavepoint(host, what, work);
        }
        for (int attempt = 1;; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                if (!c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
                return work.run(c);
            } catch (SQLException e) {
                RuntimeException failed = SqlFailures.of(what, e);
                if (!(failed instanceof StorageException storage) || !storage.isRetryable()
                        || attempt > settings.retries() || timedOut(storage)) {
                    throw failed;
                }
                pause(attempt, storage);
            }
        }
    }

    private static <T> T underSavepoint(Connection host, String what, Work<T> work) {
        Savepoint savepoint;
        try {
            savepoint = host.setSavepoint();
        } catch (SQLException e) {
            throw SqlFailures.of(what, e);
        }
        try {
            T result = work.run(host);
            host.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                host.rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw wrap(what, e);
        }
    }

    private static RuntimeException wrap(String what, Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return SqlFailures.of(what, (SQLException) e);
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
    }

    private static void restore(Connection c, boolean auto) {
        try {
            c.setAutoCommit(auto);
        } catch (SQLException ignored) {
            // the connection goes back to the pool, which resets or discards it
        }
    }

    /**
     * Runs the work with oms operations on the host's connection (in the host's transaction).
     *
     * @param <T> the result type
     * @param connection the host's connection, with auto-commit off
     * @param work oms calls
     * @return the work's result
     */
    public <T> T withHostConnection(Connection connection, Supplier<T> work) {
        Connection before = bound.get();
        bound.set(connection);
        try {
            return work.get();
        } finally {
            if (before == null) {
                bound.remove();
            } else {
                bound.set(before);
            }
        }
    }

    // ------------------------------------------------------------------ statement helpers

    /** Binds parameters by position: strings, longs, ints, booleans, instants, string arrays, null. */
    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                bind(c, ps, i + 1, params[i]);
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    static void bind(Connection c, PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setObject(index, null);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof Long l) {
            ps.setLong(index, l);
        } else if (value instanceof Integer n) {
            ps.setInt(index, n);
        } else if (value instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else if (value instanceof Instant t) {
            ps.setObject(index, t.atOffset(ZoneOffset.UTC));
        } else if (value instanceof java.math.BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof String[] array) {
            ps.setArray(index, c.createArrayOf("text", array));
        } else {
            throw new IllegalArgumentException("cannot bind " + value.getClass());
        }
    }

    /** @return rows changed */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** A row mapper. */
    @FunctionalInterface
    public interface Row<T> {
        /**
         * @param rs the current row
         * @return its value
         * @throws SQLException on a database failure
         */
        T map(ResultSet rs) throws SQLException;
    }

    /** @return every row, mapped */
    public static <T> List<T> query(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    /** @return the first row, mapped, if any */
    public static <T> java.util.Optional<T> one(Connection c, String sql, Row<T> row, Object... params)
            throws SQLException {
        List<T> rows = query(c, sql, row, params);
        return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(rows.get(0));
    }

    /** @return a {@code timestamptz} column as an instant */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
