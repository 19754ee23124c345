package dev.oms.spi.order;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;

/**
 * Units of one line cancelled, split by the bucket they left, so that inventory knows how many
 * allocated units it must release.
 *
 * @param lineId the line
 * @param fromUnallocated units cancelled that were not allocated
 * @param fromAllocated units cancelled that were allocated (their reservation must be released)
 */
public record LineCancellation(LineId lineId, Quantity fromUnallocated, Quantity fromAllocated) {
    /**
     * @throws InvalidInputException if a field is null or nothing is cancelled
     */
    public LineCancellation {
        InvalidInputException.requireNonNull(lineId, "LineCancellation.lineId");
        InvalidInputException.requireNonNull(fromUnallocated, "LineCancellation.fromUnallocated");
        InvalidInputException.requireNonNull(fromAllocated, "LineCancellation.fromAllocated");
        Quantity.requirePositive(fromUnallocated.plus(fromAllocated), "LineCancellation.quantity");
    }

    /** @return all units cancelled */
    public Quantity quantity() {
        return fromUnallocated.plus(fromAllocated);
    }
}
