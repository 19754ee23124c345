package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineCancellation;
import java.util.List;

/**
 * The whole order was cancelled: every unit not yet shipped (listed per line) and the order's status.
 *
 * @param metadata id, order, version, time and causing command
 * @param reason why
 * @param note free text, no personal data
 * @param lines the units each line lost (empty when a line cancellation already took the last units)
 */
public record OrderCancelled(EventMetadata metadata, CancelReason reason, String note,
        List<LineCancellation> lines) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public OrderCancelled {
        InvalidInputException.requireNonNull(metadata, "OrderCancelled.metadata");
        InvalidInputException.requireNonNull(reason, "OrderCancelled.reason");
        InvalidInputException.requireNonNull(note, "OrderCancelled.note");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "OrderCancelled.lines"));
    }
}
