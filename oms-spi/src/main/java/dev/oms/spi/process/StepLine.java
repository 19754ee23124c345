package dev.oms.spi.process;

import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import java.util.Optional;

/**
 * Units of one order line in a step's decision: where they are routed, which fulfilment order
 * gives them up, what could not be done and why.
 *
 * @param lineId the order line
 * @param sku its SKU, if the step names it
 * @param quantity the units
 * @param location the location, if the step names one
 * @param fulfillmentOrderId the fulfilment order, if the step names one
 * @param note why (for units not done), or empty
 */
public record StepLine(LineId lineId, Optional<Sku> sku, Quantity quantity, Optional<LocationId> location,
        Optional<FulfillmentOrderId> fulfillmentOrderId, String note) {
    /** @throws InvalidInputException if a field is null or the note too long */
    public StepLine {
        InvalidInputException.requireNonNull(lineId, "StepLine.lineId");
        InvalidInputException.requireNonNull(sku, "StepLine.sku");
        InvalidInputException.requireNonNull(quantity, "StepLine.quantity");
        InvalidInputException.requireNonNull(location, "StepLine.location");
        InvalidInputException.requireNonNull(fulfillmentOrderId, "StepLine.fulfillmentOrderId");
        InvalidInputException.requireText(note, "StepLine.note", 1024);
    }
}
