package dev.oms.spi.process;

import dev.oms.spi.InvalidInputException;

/**
 * The id of a durable process of the order flow. Derived from the host's command key, so a repeat
 * of an operation finds its process.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record ProcessId(String value) implements Comparable<ProcessId> {
    /** @throws InvalidInputException if {@code value} is null, blank, too long or malformed */
    public ProcessId {
        InvalidInputException.requireCode(value, "ProcessId");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static ProcessId of(String value) {
        return new ProcessId(value);
    }

    @Override
    public int compareTo(ProcessId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
