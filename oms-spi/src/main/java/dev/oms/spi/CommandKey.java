package dev.oms.spi;

/**
 * An idempotency key: repeating a command with the same key returns the first result and changes nothing.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * @param value the identifier
 */
public record CommandKey(String value) implements Comparable<CommandKey> {
    /**
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public CommandKey {
        InvalidInputException.requireCode(value, "CommandKey");
    }

    /**
     * @param value the identifier
     * @return the id
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed
     */
    public static CommandKey of(String value) {
        return new CommandKey(value);
    }

    @Override
    public int compareTo(CommandKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
