package dev.oms.flow.internal;

/** The steps of one kind of process, run (and re-run after a crash) through a {@link Run}. */
interface Script {
    /**
     * Runs the process to its end or until it parks; every step through {@link Run#once}.
     *
     * @param run the execution
     */
    void run(Run run);
}
