package dev.oms.spi;

/**
 * A command key was already used: by a concurrent save of the same key (the store refuses the
 * second), or for a different command (the service refuses to treat it as a repeat).
 */
public class CommandKeyConflictException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final CommandKey key;

    /**
     * @param key the key
     * @param detail why it conflicts
     */
    public CommandKeyConflictException(CommandKey key, String detail) {
        super("command key " + key + " " + detail);
        this.key = key;
    }

    /** @return the key */
    public CommandKey key() {
        return key;
    }
}
