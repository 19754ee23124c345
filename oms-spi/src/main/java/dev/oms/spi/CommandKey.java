package dev.oms.spi;

/**
 * An idempotency key: repeating a command with the same key returns the first result and changes nothing.
 *
 * <p>A validated, immutable identifier: not blank, at most 128 characters, no control
 * characters, no surrounding white space. {@link #toString()} returns the bare value.
 *
 * <p>Keys that begin with {@value #RESERVED_PREFIX} are reserved for the steps oms derives for its
 * own processes ({@link #reserved}); {@link #of} refuses them, so a host's keys (made with
 * {@code of}) can never collide with them.
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

    /** The prefix of the keys oms derives for its own steps. */
    public static final String RESERVED_PREFIX = "oms/";

    /**
     * A host's key.
     *
     * @param value the identifier
     * @return the key
     * @throws InvalidInputException if {@code value} is null, blank, too long or malformed, or
     *     begins with {@value #RESERVED_PREFIX}
     */
    public static CommandKey of(String value) {
        CommandKey key = new CommandKey(value);
        if (key.isReserved()) {
            throw new InvalidInputException("CommandKey", "keys beginning with \"" + RESERVED_PREFIX
                    + "\" are reserved for the steps oms derives");
        }
        return key;
    }

    /**
     * A key oms derives for a step of its own: {@code "oms/" + scope + "/" + name}, or, if that
     * is longer than a key may be, the first 40 characters, a colon and the SHA-256 of the whole.
     *
     * @param scope what the step belongs to, for example a process id
     * @param name the step
     * @return the key, in the reserved namespace
     * @throws InvalidInputException if a part is null or blank
     */
    public static CommandKey reserved(String scope, String name) {
        InvalidInputException.requireCode(scope, "scope");
        InvalidInputException.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new InvalidInputException("name", "must not be blank");
        }
        return shortened(RESERVED_PREFIX + scope + "/" + name);
    }

    /** @return whether this key is in the namespace oms reserves for its own steps */
    public boolean isReserved() {
        return value.startsWith(RESERVED_PREFIX);
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
        return shortened(value + ":" + step);
    }

    /** The key itself if short enough, else its first 40 characters, a colon and the SHA-256 of the whole. */
    private static CommandKey shortened(String joined) {
        if (joined.length() <= InvalidInputException.MAX_CODE_LENGTH) {
            return new CommandKey(joined);
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(joined.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new CommandKey(joined.substring(0, 40) + ":" + java.util.HexFormat.of().formatHex(digest));
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
