package dev.oms.spi.fulfillment;

import dev.oms.spi.InvalidInputException;
import java.time.Instant;

/**
 * A hold on one fulfilment order (a damaged bin, an address check at the warehouse); any active
 * hold stops picking and shipping.
 *
 * @param code names the hold; unique among the order's active holds
 * @param reason why
 * @param placedAt when
 */
public record FulfillmentHold(String code, String reason, Instant placedAt) {
    /** @throws InvalidInputException if a field is null or the code blank */
    public FulfillmentHold {
        InvalidInputException.requireCode(code, "FulfillmentHold.code");
        InvalidInputException.requireText(reason, "FulfillmentHold.reason", 512);
        InvalidInputException.requireNonNull(placedAt, "FulfillmentHold.placedAt");
    }
}
