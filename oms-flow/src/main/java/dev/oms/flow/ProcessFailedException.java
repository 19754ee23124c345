package dev.oms.flow;

import dev.oms.spi.OmsException;
import dev.oms.spi.process.ProcessId;

/**
 * A call repeated the key of a process that ended without its effect (refused part-way and
 * compensated): its first answer was this failure, and a repeat gives it again. Use a new key to
 * try again.
 */
public class ProcessFailedException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final ProcessId processId;

    /**
     * @param processId the process
     * @param failure why it failed, as recorded
     */
    public ProcessFailedException(ProcessId processId, String failure) {
        super("process " + processId + " failed: " + failure + "; use a new key to try again");
        this.processId = processId;
    }

    /** @return the process */
    public ProcessId processId() {
        return processId;
    }
}
