package dev.oms.jdbc;

import dev.oms.spi.InvalidInputException;
import java.time.Duration;

/**
 * How the adapter runs its transactions on PostgreSQL.
 *
 * <p>Every transaction the adapter owns (not the host's, see {@link PostgresStores#inTransaction})
 * runs in the isolation level the adapter is written for, {@code READ COMMITTED} (conditional
 * updates and row locks decide every race): the pool's level is checked on the first transaction,
 * and if its connections start in another one, every transaction sets {@code READ COMMITTED} for
 * itself. A timeout that is not zero is set for each transaction ({@code SET LOCAL}), which costs
 * one round trip per transaction; zero (the default) leaves the server's setting, which is where
 * production timeouts cost nothing: {@code ALTER ROLE app SET statement_timeout = '30s'} and
 * {@code lock_timeout}. A transaction that fails with a retryable failure (see
 * {@link StorageException#isRetryable()}) before its commit was sent is run again, at most
 * {@link #retries()} times, after pauses of 10, 40 and 90 ms (a statement timeout is not run
 * again); what is still failing then reaches the caller.
 *
 * @param statementTimeout the longest one statement may run; {@link Duration#ZERO} for the server's setting
 * @param lockTimeout the longest a statement waits for a row lock; {@link Duration#ZERO} for the server's setting
 * @param retries how many times a transaction is run again after a retryable failure, 0 to 10
 */
public record PostgresSettings(Duration statementTimeout, Duration lockTimeout, int retries) {
    /** The most retries allowed. */
    public static final int MAX_RETRIES = 10;

    /**
     * @throws InvalidInputException if a timeout is null, negative or not whole milliseconds, or retries outside 0 to 10
     */
    public PostgresSettings {
        requireTimeout(statementTimeout, "statementTimeout");
        requireTimeout(lockTimeout, "lockTimeout");
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new InvalidInputException("retries", retries + " is outside 0 to " + MAX_RETRIES);
        }
    }

    /** @return the server's timeouts (set them on the database role), 3 retries */
    public static PostgresSettings defaults() {
        return new PostgresSettings(Duration.ZERO, Duration.ZERO, 3);
    }

    /**
     * @param value the longest one statement may run
     * @return these settings with it
     */
    public PostgresSettings withStatementTimeout(Duration value) {
        return new PostgresSettings(value, lockTimeout, retries);
    }

    /**
     * @param value the longest a statement waits for a lock
     * @return these settings with it
     */
    public PostgresSettings withLockTimeout(Duration value) {
        return new PostgresSettings(statementTimeout, value, retries);
    }

    /**
     * @param value how many times a transaction is run again after a retryable failure
     * @return these settings with it
     */
    public PostgresSettings withRetries(int value) {
        return new PostgresSettings(statementTimeout, lockTimeout, value);
    }

    private static void requireTimeout(Duration timeout, String field) {
        InvalidInputException.requireNonNull(timeout, field);
        if (timeout.isNegative() || timeout.getNano() % 1_000_000 != 0 || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new InvalidInputException(field, timeout + " is not a whole number of milliseconds from 0 to "
                    + Integer.MAX_VALUE);
        }
    }
}
