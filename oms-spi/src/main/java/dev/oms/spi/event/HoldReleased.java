package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.HoldType;

/**
 * A hold was released.
 *
 * @param metadata id, order, version, time and causing command
 * @param type the kind of hold
 * @param code the code within the kind
 * @param note why it was released
 */
public record HoldReleased(EventMetadata metadata, HoldType type, String code, String note) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public HoldReleased {
        InvalidInputException.requireNonNull(metadata, "HoldReleased.metadata");
        InvalidInputException.requireNonNull(type, "HoldReleased.type");
        InvalidInputException.requireNonNull(code, "HoldReleased.code");
        InvalidInputException.requireNonNull(note, "HoldReleased.note");
    }
}
