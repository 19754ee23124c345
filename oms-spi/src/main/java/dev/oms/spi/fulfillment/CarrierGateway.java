package dev.oms.spi.fulfillment;

import dev.oms.spi.Address;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.order.ServiceLevel;
import java.time.Instant;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * The host's carriers.
 *
 * <p>Contract: {@link #createLabel} is idempotent by the request's shipment id (a repeat returns
 * the first label and buys no second one); a refusal is a {@link LabelResult.Failed}, a
 * technical failure an exception; {@link #cancelLabel} is idempotent. Tracking updates do not
 * come through this interface: the host feeds them in as {@link TrackingUpdate}s. Implementations
 * are thread-safe.
 */
public interface CarrierGateway {
    /**
     * @param from where the parcel leaves
     * @param to where it goes
     * @param units units in the parcel
     * @return prices per service, cheapest first
     */
    List<RateQuote> quote(LocationId from, Address to, long units);

    /**
     * @param request what to label
     * @return the label or the carrier's refusal
     */
    LabelResult createLabel(LabelRequest request);

    /**
     * Voids an unused label. Idempotent: voiding a void label again answers true again.
     *
     * @param trackingNumber the label's tracking number
     * @return true if the label is void after the call; false if the parcel is already moving
     */
    boolean cancelLabel(String trackingNumber);

    /**
     * What a carrier needs to print a label: between one of the merchant's locations and a
     * customer's address, in the direction the parcel travels.
     *
     * @param shipmentId the shipment or return parcel (also the idempotency key: a repeat returns the
     *     same label)
     * @param location the merchant's location: where an outbound parcel leaves, where a return arrives
     * @param address the customer's address: where an outbound parcel goes, where a return leaves
     * @param serviceLevel the service level to meet
     * @param units units in the parcel
     * @param direction outbound to the customer, or a return to the location
     */
    record LabelRequest(ShipmentId shipmentId, LocationId location, Address address, ServiceLevel serviceLevel,
            long units, Direction direction) {
        /** Which way a parcel travels. */
        public enum Direction {
            /** From the location to the customer. */
            OUTBOUND,
            /** From the customer back to the location (a prepaid return label). */
            RETURN
        }

        /** @throws InvalidInputException if a field is null or the units not positive */
        public LabelRequest {
            InvalidInputException.requireNonNull(shipmentId, "LabelRequest.shipmentId");
            InvalidInputException.requireNonNull(location, "LabelRequest.location");
            InvalidInputException.requireNonNull(address, "LabelRequest.address");
            InvalidInputException.requireNonNull(serviceLevel, "LabelRequest.serviceLevel");
            InvalidInputException.requireNonNull(direction, "LabelRequest.direction");
            if (units <= 0) {
                throw new InvalidInputException("LabelRequest.units", "must be positive (was " + units + ")");
            }
        }

        /**
         * @param shipmentId the shipment
         * @param from where it leaves
         * @param to where it goes
         * @param serviceLevel the service level
         * @param units units in the parcel
         * @return an outbound label request
         */
        public static LabelRequest outbound(ShipmentId shipmentId, LocationId from, Address to,
                ServiceLevel serviceLevel, long units) {
            return new LabelRequest(shipmentId, from, to, serviceLevel, units, Direction.OUTBOUND);
        }

        /**
         * @param parcelId the return parcel
         * @param from the customer's address
         * @param to the location receiving it
         * @param units units in the parcel
         * @return a return label request (standard service)
         */
        public static LabelRequest returnLabel(ShipmentId parcelId, Address from, LocationId to, long units) {
            return new LabelRequest(parcelId, to, from, ServiceLevel.STANDARD, units, Direction.RETURN);
        }
    }

    /** A carrier's answer to a label request. */
    sealed interface LabelResult {
        /**
         * The label exists.
         *
         * @param carrier the carrier's code
         * @param service the service used
         * @param trackingNumber the parcel's tracking number
         * @param labelReference where the label document is
         */
        record Created(String carrier, String service, String trackingNumber, String labelReference)
                implements LabelResult {
            /** @throws InvalidInputException if a field is null or blank */
            public Created {
                InvalidInputException.requireCode(carrier, "Created.carrier");
                InvalidInputException.requireCode(service, "Created.service");
                InvalidInputException.requireCode(trackingNumber, "Created.trackingNumber");
                InvalidInputException.requireCode(labelReference, "Created.labelReference");
            }
        }

        /**
         * The carrier refused (address not serviceable, parcel too heavy).
         *
         * @param reason the carrier's reason
         */
        record Failed(String reason) implements LabelResult {
            /** @throws InvalidInputException if the reason is null */
            public Failed {
                InvalidInputException.requireNonNull(reason, "Failed.reason");
            }
        }
    }

    /**
     * A carrier's price for one service.
     *
     * @param carrier the carrier's code
     * @param service the carrier's service code
     * @param serviceLevel the service level it meets
     * @param price what it costs
     * @param transitDays expected days in transit
     */
    record RateQuote(String carrier, String service, ServiceLevel serviceLevel, MonetaryAmount price,
            int transitDays) {
        /** @throws InvalidInputException if a field is null or blank, or the days negative */
        public RateQuote {
            InvalidInputException.requireCode(carrier, "RateQuote.carrier");
            InvalidInputException.requireCode(service, "RateQuote.service");
            InvalidInputException.requireNonNull(serviceLevel, "RateQuote.serviceLevel");
            InvalidInputException.requireNonNull(price, "RateQuote.price");
            if (transitDays < 0) {
                throw new InvalidInputException("RateQuote.transitDays", "must not be negative (was " + transitDays
                        + ")");
            }
        }
    }

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
    record TrackingUpdate(String updateId, String trackingNumber, ShipmentStatus status, Instant occurredAt,
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
}
