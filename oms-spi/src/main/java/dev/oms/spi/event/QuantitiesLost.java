package dev.oms.spi.event;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.LineQuantity;
import java.util.List;

/**
 * Units in transit were lost by the carrier: the merchant settled the claim (refund or free
 * replacement), so they will never be delivered. They count as shipped, not as delivered.
 *
 * @param metadata id, order, version, time and causing command
 * @param lines units per line
 * @param note why, for example the claim that settled it
 */
public record QuantitiesLost(EventMetadata metadata, List<LineQuantity> lines, String note) implements OrderEvent {
    /** @throws InvalidInputException if a field is null */
    public QuantitiesLost {
        InvalidInputException.requireNonNull(metadata, "QuantitiesLost.metadata");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "QuantitiesLost.lines"));
        InvalidInputException.requireNonNull(note, "QuantitiesLost.note");
    }
}
