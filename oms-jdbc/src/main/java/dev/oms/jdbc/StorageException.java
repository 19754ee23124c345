package dev.oms.jdbc;

/**
 * The database failed (connection lost, statement failed, timeout): a technical failure, not a
 * rule of oms. The operation's transaction was rolled back (or, inside a host's transaction, its
 * savepoint), so nothing of it was written; repeating it with the same command key is safe.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what oms was doing
     * @param cause the driver's exception
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
