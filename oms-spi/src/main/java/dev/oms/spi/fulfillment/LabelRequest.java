package dev.oms.spi.fulfillment;

import dev.oms.spi.Address;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.order.ServiceLevel;

/**
 * What a carrier needs to print a label.
 *
 * @param shipmentId the shipment (also the idempotency key: a repeat returns the same label)
 * @param from the location it leaves from
 * @param to the destination
 * @param serviceLevel the service level to meet
 * @param units units in the parcel
 */
public record LabelRequest(ShipmentId shipmentId, LocationId from, Address to, ServiceLevel serviceLevel,
        long units) {
    /** @throws InvalidInputException if a field is null or the units not positive */
    public LabelRequest {
        InvalidInputException.requireNonNull(shipmentId, "LabelRequest.shipmentId");
        InvalidInputException.requireNonNull(from, "LabelRequest.from");
        InvalidInputException.requireNonNull(to, "LabelRequest.to");
        InvalidInputException.requireNonNull(serviceLevel, "LabelRequest.serviceLevel");
        if (units <= 0) {
            throw new InvalidInputException("LabelRequest.units", "must be positive (was " + units + ")");
        }
    }
}
