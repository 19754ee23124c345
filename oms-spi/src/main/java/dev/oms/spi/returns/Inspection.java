package dev.oms.spi.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;

/**
 * What an inspector decided for some received units of one return line.
 *
 * @param quantity units, {@code > 0}
 * @param condition the state they arrived in
 * @param disposition what happens to them
 * @param location where the disposition is recorded (for a restock: where the units become sellable)
 */
public record Inspection(Quantity quantity, ItemCondition condition, Disposition disposition, LocationId location) {
    /** @throws InvalidInputException if a field is null or the quantity zero */
    public Inspection {
        Quantity.requirePositive(quantity, "Inspection.quantity");
        InvalidInputException.requireNonNull(condition, "Inspection.condition");
        InvalidInputException.requireNonNull(disposition, "Inspection.disposition");
        InvalidInputException.requireNonNull(location, "Inspection.location");
    }

    /** The state a returned unit arrived in, as the inspector found it. */
    public enum ItemCondition {
        /** Unopened, resellable as new. */
        AS_NEW,
        /** Opened but unused. */
        OPENED,
        /** Used. */
        USED,
        /** Physically damaged. */
        DAMAGED,
        /** Does not work as it should. */
        DEFECTIVE
    }

    /**
     * What happens to inspected units. Each is recorded in the inventory movement ledger at the
     * location where the units are, with the return as the reference.
     */
    public enum Disposition {
        /** Back into sellable stock: on hand goes up and backorders are filled. */
        RESTOCK,
        /** Into quality control for refurbishment: on the premises, not sellable. */
        REFURBISH,
        /** To be destroyed: counted as damaged, not sellable. */
        DISPOSE,
        /** To go back to the supplier: counted as damaged, not sellable. */
        RETURN_TO_VENDOR
    }

    /**
     * An inspection of units of one order line.
     *
     * @param lineId the order line
     * @param inspection what was decided
     */
    public record LineInspection(dev.oms.spi.LineId lineId, Inspection inspection) {
        /** @throws InvalidInputException if a field is null */
        public LineInspection {
            InvalidInputException.requireNonNull(lineId, "LineInspection.lineId");
            InvalidInputException.requireNonNull(inspection, "LineInspection.inspection");
        }
    }
}
