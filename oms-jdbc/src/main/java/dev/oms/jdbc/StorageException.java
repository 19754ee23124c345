package dev.oms.jdbc;

/**
 * The database failed: a technical failure, not a rule of oms. The operation's transaction was
 * rolled back (or, inside a host's transaction, its savepoint), so nothing of it was written,
 * unless {@link #isOutcomeUnknown()}.
 *
 * <p>{@link #isRetryable()} says whether repeating the same call (with the same command key) may
 * succeed: true for connection loss, serialization failures, deadlocks, lock and statement
 * timeouts, a server shutting down or out of connections; false for everything else (a broken
 * schema, missing permissions). The adapter has already run a retryable transaction again the
 * number of times {@link PostgresSettings#retries()} allows. A value the database refuses (a
 * check or range the oms rules did not catch) is not a {@code StorageException} but a typed
 * {@link DatabaseRefusedException}.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final boolean outcomeUnknown;

    /**
     * A failure that repeating does not cure.
     *
     * @param message what oms was doing
     * @param cause the driver's exception
     */
    public StorageException(String message, Throwable cause) {
        this(message, cause, false, false);
    }

    /**
     * @param message what oms was doing
     * @param cause the driver's exception
     * @param retryable whether repeating the call may succeed
     * @param outcomeUnknown whether the connection was lost while the commit was under way, so the
     *     transaction may or may not have been committed
     */
    public StorageException(String message, Throwable cause, boolean retryable, boolean outcomeUnknown) {
        super(message, cause);
        this.retryable = retryable;
        this.outcomeUnknown = outcomeUnknown;
    }

    /** @return whether repeating the call with the same command key may succeed */
    public boolean isRetryable() {
        return retryable;
    }

    /**
     * @return whether the commit may have gone through: repeat the call with the same command key,
     *     which returns the first result if it did
     */
    public boolean isOutcomeUnknown() {
        return outcomeUnknown;
    }
}
