package dev.oms.spi.inventory;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Quantity;
import java.time.Instant;

/**
 * Stock on its way to a position (a purchase order, a transfer), not yet on hand. Informational:
 * it is never promised as available; a receipt with the same reference removes it.
 *
 * @param position where it will arrive
 * @param quantity units expected
 * @param expectedAt when
 * @param reference the purchase order or transfer
 */
public record IncomingStock(PositionKey position, Quantity quantity, Instant expectedAt, Reference reference) {
    /** @throws InvalidInputException if a field is null or the quantity zero */
    public IncomingStock {
        InvalidInputException.requireNonNull(position, "IncomingStock.position");
        Quantity.requirePositive(quantity, "IncomingStock.quantity");
        InvalidInputException.requireNonNull(expectedAt, "IncomingStock.expectedAt");
        InvalidInputException.requireNonNull(reference, "IncomingStock.reference");
    }
}
