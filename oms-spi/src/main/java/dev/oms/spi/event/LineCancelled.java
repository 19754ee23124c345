package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineCancellation;

/**
 * Some units of one line were cancelled.
 *
 * @param metadata id, order, version, time and causing command
 * @param reason why
 * @param note free text, no personal data
 * @param cancellation the units and the buckets they left
 */
public record LineCancelled(EventMetadata metadata, CancelReason reason, String note,
        LineCancellation cancellation) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public LineCancelled {
        InvalidInputException.requireNonNull(metadata, "LineCancelled.metadata");
        InvalidInputException.requireNonNull(reason, "LineCancelled.reason");
        InvalidInputException.requireNonNull(note, "LineCancelled.note");
        InvalidInputException.requireNonNull(cancellation, "LineCancelled.cancellation");
    }
}
