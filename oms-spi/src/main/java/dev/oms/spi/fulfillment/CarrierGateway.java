package dev.oms.spi.fulfillment;

import dev.oms.spi.Address;
import dev.oms.spi.LocationId;
import java.util.List;

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
}
