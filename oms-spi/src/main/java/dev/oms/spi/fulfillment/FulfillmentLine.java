package dev.oms.spi.fulfillment;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;

/**
 * Units of one order line that one fulfilment order fulfils: {@code quantity = shipped +
 * cancelled + open}.
 *
 * @param lineId the order line
 * @param sku the SKU
 * @param quantity units assigned to this fulfilment order
 * @param shipped units shipped (or handed over, for pickup)
 * @param cancelled units cancelled before shipping
 */
public record FulfillmentLine(LineId lineId, Sku sku, Quantity quantity, Quantity shipped, Quantity cancelled) {
    /** @throws InvalidInputException if a field is null or shipped plus cancelled exceeds the quantity */
    public FulfillmentLine {
        InvalidInputException.requireNonNull(lineId, "FulfillmentLine.lineId");
        InvalidInputException.requireNonNull(sku, "FulfillmentLine.sku");
        Quantity.requirePositive(quantity, "FulfillmentLine.quantity");
        InvalidInputException.requireNonNull(shipped, "FulfillmentLine.shipped");
        InvalidInputException.requireNonNull(cancelled, "FulfillmentLine.cancelled");
        if (shipped.plus(cancelled).isGreaterThan(quantity)) {
            throw new InvalidInputException("FulfillmentLine", "shipped " + shipped + " + cancelled " + cancelled
                    + " exceeds " + quantity);
        }
    }

    /** @return units neither shipped nor cancelled */
    public Quantity open() {
        return quantity.minus(shipped).minus(cancelled);
    }

    /** @return this line with {@code q} more shipped */
    public FulfillmentLine ship(Quantity q) {
        return new FulfillmentLine(lineId, sku, quantity, shipped.plus(q), cancelled);
    }

    /** @return this line with {@code q} more of its open units cancelled */
    public FulfillmentLine cancel(Quantity q) {
        return new FulfillmentLine(lineId, sku, quantity, shipped, cancelled.plus(q));
    }

    /** @return this line with every open unit cancelled */
    public FulfillmentLine cancelOpen() {
        return new FulfillmentLine(lineId, sku, quantity, shipped, cancelled.plus(open()));
    }
}
