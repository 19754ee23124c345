package dev.oms.spi.fulfillment;

import dev.oms.spi.Address;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.order.ServiceLevel;

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
public record LabelRequest(ShipmentId shipmentId, LocationId location, Address address, ServiceLevel serviceLevel,
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
    public static LabelRequest outbound(ShipmentId shipmentId, LocationId from, Address to, ServiceLevel serviceLevel,
            long units) {
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
