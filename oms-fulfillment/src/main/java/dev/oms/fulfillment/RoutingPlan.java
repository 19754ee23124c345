package dev.oms.fulfillment;

import dev.oms.fulfillment.RoutingPlan.Excluded;
import dev.oms.fulfillment.RoutingPlan.Ranked;
import dev.oms.fulfillment.RoutingPlan.Shipment;
import dev.oms.fulfillment.RoutingPlan.Unrouted;
import dev.oms.fulfillment.RoutingPlan.Verdict;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.order.LineQuantity;
import java.util.List;

/**
 * Which location fulfils which quantity of each line, what could not be routed, and why every
 * location was used, ranked or excluded.
 *
 * @param shipments one per location used, best-ranked first
 * @param unrouted units of lines no allowed location could take
 * @param explanation the verdict on every location
 */
public record RoutingPlan(List<Shipment> shipments, List<Unrouted> unrouted, List<Verdict> explanation) {
    /** Copies the lists. */
    public RoutingPlan {
        shipments = List.copyOf(shipments);
        unrouted = List.copyOf(unrouted);
        explanation = List.copyOf(explanation);
    }

    /**
     * Units from one location.
     *
     * @param location the location
     * @param lines units per line
     */
    public record Shipment(LocationId location, List<LineQuantity> lines) {
        /** Copies the lines. */
        public Shipment {
            InvalidInputException.requireNonNull(location, "Shipment.location");
            lines = List.copyOf(lines);
        }

        /** @return units in this shipment */
        public long units() {
            return lines.stream().mapToLong(l -> l.quantity().value()).sum();
        }
    }

    /**
     * Units of a line that were not routed.
     *
     * @param lineId the line
     * @param quantity units
     * @param reason why (no stock left at allowed locations, group not available in one place, ...)
     */
    public record Unrouted(LineId lineId, Quantity quantity, String reason) {
    }

    /** What routing decided about one location. */
    public sealed interface Verdict {
        /** @return the location */
        LocationId location();
    }

    /**
     * A rule excluded the location.
     *
     * @param location the location
     * @param rule the rule's name
     * @param detail why
     */
    public record Excluded(LocationId location, String rule, String detail) implements Verdict {
    }

    /**
     * The location passed every rule.
     *
     * @param location the location
     * @param rank its place in the ranking, 1 = best
     * @param distanceKm great-circle distance to the destination
     * @param coverableUnits units of the request it could supply
     * @param used whether the plan ships from it
     */
    public record Ranked(LocationId location, int rank, double distanceKm, long coverableUnits, boolean used)
            implements Verdict {
    }

    /** @return whether every unit of every line was routed */
    public boolean complete() {
        return unrouted.isEmpty();
    }
}
