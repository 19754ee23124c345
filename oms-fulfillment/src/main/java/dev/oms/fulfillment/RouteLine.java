package dev.oms.fulfillment;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.money.MonetaryAmount;

/**
 * One line to route.
 *
 * @param lineId the order line
 * @param sku the SKU
 * @param quantity units to route, {@code > 0}
 * @param unitValue what one unit is worth (for the minimum shipment value)
 * @param group lines with the same group are fulfilled from one location, all or none
 * @param requiredTags capabilities a location needs to take this line (for example {@code "hazmat"})
 */
public record RouteLine(LineId lineId, Sku sku, Quantity quantity, MonetaryAmount unitValue, Optional<String> group,
        Set<String> requiredTags) {
    /** @throws InvalidInputException if a field is null or the quantity zero */
    public RouteLine {
        InvalidInputException.requireNonNull(lineId, "RouteLine.lineId");
        InvalidInputException.requireNonNull(sku, "RouteLine.sku");
        Quantity.requirePositive(quantity, "RouteLine.quantity");
        InvalidInputException.requireNonNull(unitValue, "RouteLine.unitValue");
        InvalidInputException.requireNonNull(group, "RouteLine.group");
        requiredTags = Collections.unmodifiableSet(new TreeSet<>(
                InvalidInputException.requireNonNull(requiredTags, "RouteLine.requiredTags")));
    }

    /**
     * A line without group or tag requirements.
     *
     * @param lineId the line
     * @param sku the SKU
     * @param quantity units
     * @param unitValue value of one unit
     * @return the line
     */
    public static RouteLine of(String lineId, String sku, long quantity, MonetaryAmount unitValue) {
        return new RouteLine(LineId.of(lineId), Sku.of(sku), Quantity.positive(quantity, "RouteLine.quantity"),
                unitValue, Optional.empty(), Set.of());
    }

    /** @return this line kept together with the other lines of {@code name} */
    public RouteLine inGroup(String name) {
        return new RouteLine(lineId, sku, quantity, unitValue, Optional.of(InvalidInputException.requireCode(name,
                "group")), requiredTags);
    }

    /** @return this line requiring the given location tags */
    public RouteLine requiring(String... tags) {
        return new RouteLine(lineId, sku, quantity, unitValue, group, Set.of(tags));
    }
}
