package dev.oms.spi.returns;

import dev.oms.spi.InvalidInputException;

/**
 * A prepaid return label bought from a carrier.
 *
 * @param carrier the carrier's code
 * @param trackingNumber the parcel's tracking number
 * @param labelReference where the host stored the label document
 */
public record ReturnLabel(String carrier, String trackingNumber, String labelReference) {
    /** @throws InvalidInputException if a field is null or blank */
    public ReturnLabel {
        InvalidInputException.requireCode(carrier, "ReturnLabel.carrier");
        InvalidInputException.requireCode(trackingNumber, "ReturnLabel.trackingNumber");
        InvalidInputException.requireText(labelReference, "ReturnLabel.labelReference", 1024);
    }
}
