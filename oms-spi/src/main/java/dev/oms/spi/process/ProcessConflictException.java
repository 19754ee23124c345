package dev.oms.spi.process;

import dev.oms.spi.StaleVersionException;

/**
 * A process record was saved concurrently (or created twice); nothing was written. Read it again
 * and go on from what it says.
 */
public class ProcessConflictException extends StaleVersionException {
    private static final long serialVersionUID = 1L;

    private final ProcessId processId;

    /**
     * @param processId the process
     * @param expectedVersion the version the save was based on
     * @param actualVersion the stored version (0 if none)
     */
    public ProcessConflictException(ProcessId processId, long expectedVersion, long actualVersion) {
        super("process " + processId, expectedVersion, actualVersion);
        this.processId = processId;
    }

    /** @return the process */
    public ProcessId processId() {
        return processId;
    }
}
