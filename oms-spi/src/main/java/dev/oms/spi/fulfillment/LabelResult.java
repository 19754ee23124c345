package dev.oms.spi.fulfillment;

import dev.oms.spi.InvalidInputException;

/** A carrier's answer to a label request. */
public sealed interface LabelResult {
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
