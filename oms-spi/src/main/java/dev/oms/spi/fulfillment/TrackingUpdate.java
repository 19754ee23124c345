package dev.oms.spi.fulfillment;

import dev.oms.spi.InvalidInputException;
import java.time.Instant;

/**
 * What a carrier reports about a parcel, fed in by the host (from a webhook or a poll). Applied
 * idempotently by {@link #updateId()} and in order by {@link #occurredAt()}: a repeat changes
 * nothing, and an update older than the latest one applied never overrides it.
 *
 * @param updateId the carrier's id for this update (or a digest of it)
 * @param trackingNumber the parcel
 * @param status what happened
 * @param occurredAt when it happened, by the carrier's clock
 * @param detail the carrier's text (no personal data)
 */
public record TrackingUpdate(String updateId, String trackingNumber, ShipmentStatus status, Instant occurredAt,
        String detail) {
    /** @throws InvalidInputException if a field is null or an id blank */
    public TrackingUpdate {
        InvalidInputException.requireCode(updateId, "TrackingUpdate.updateId");
        InvalidInputException.requireCode(trackingNumber, "TrackingUpdate.trackingNumber");
        InvalidInputException.requireNonNull(status, "TrackingUpdate.status");
        InvalidInputException.requireNonNull(occurredAt, "TrackingUpdate.occurredAt");
        InvalidInputException.requireText(detail, "TrackingUpdate.detail", 512);
    }
}
