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

    /**
     * The key of one step of an operation that runs under this key, so that the step is recorded
     * once and a repeat of the whole operation replays it: {@code value + ":" + step}, or, if
     * that is longer than a key may be, the first 40 characters of this key, a colon and the
     * SHA-256 of the whole (still unique and the same on every call).
     *
     * @param step names the step within the operation, for example {@code "reserve:wh-1"}
     * @return the step's key
     * @throws InvalidInputException if {@code step} is null or blank
     */
    public CommandKey derive(String step) {
        InvalidInputException.requireNonNull(step, "step");
        if (step.isBlank()) {
            throw new InvalidInputException("step", "must not be blank");
        }
        String joined = value + ":" + step;
        if (joined.length() <= InvalidInputException.MAX_CODE_LENGTH) {
            return new CommandKey(joined);
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(joined.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new CommandKey(value.substring(0, 40) + ":" + java.util.HexFormat.of().formatHex(digest));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JVM", impossible);
        }
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
