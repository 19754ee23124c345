package dev.oms.flow.internal;

/** Thrown by {@link Run#park} to leave a script once its process is saved as waiting; never escapes the flow. */
final class Parked extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Parked() {
        super("parked", null, false, false);
    }
}
