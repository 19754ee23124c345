package dev.oms.spi.process;

/** Where a durable process is. */
public enum ProcessStatus {
    /** Steps are left to do now; a resume drives it on. */
    RUNNING,
    /** Parked until something happens (a review, a payment, stock, a collection) or its time is due. */
    WAITING,
    /** Finished: every step done (what could not be done is named in its steps). */
    DONE,
    /** Ended without its effect: refused part-way, and what it had done was compensated. */
    FAILED;

    /** @return whether the process ended (done or failed) */
    public boolean isFinished() {
        return this == DONE || this == FAILED;
    }
}
