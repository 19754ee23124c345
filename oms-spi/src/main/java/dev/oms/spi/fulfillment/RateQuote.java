package dev.oms.spi.fulfillment;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.ServiceLevel;
import javax.money.MonetaryAmount;

/**
 * A carrier's price for one service.
 *
 * @param carrier the carrier's code
 * @param service the carrier's service code
 * @param serviceLevel the service level it meets
 * @param price what it costs
 * @param transitDays expected days in transit
 */
public record RateQuote(String carrier, String service, ServiceLevel serviceLevel, MonetaryAmount price,
        int transitDays) {
    /** @throws InvalidInputException if a field is null or blank, or the days negative */
    public RateQuote {
        InvalidInputException.requireCode(carrier, "RateQuote.carrier");
        InvalidInputException.requireCode(service, "RateQuote.service");
        InvalidInputException.requireNonNull(serviceLevel, "RateQuote.serviceLevel");
        InvalidInputException.requireNonNull(price, "RateQuote.price");
        if (transitDays < 0) {
            throw new InvalidInputException("RateQuote.transitDays", "must not be negative (was " + transitDays + ")");
        }
    }
}
