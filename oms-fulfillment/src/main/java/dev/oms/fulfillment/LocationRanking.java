package dev.oms.fulfillment;

import java.util.Comparator;

/**
 * One criterion for ordering candidate locations, best first. The router applies its rankings in
 * order (by default distance, then priority, then cost), then breaks ties by location id, so the
 * order is total and the result deterministic. Hosts add their own, at any position.
 */
public interface LocationRanking {
    /** @return a stable name for the explanation */
    String name();

    /** @return how candidates compare under this criterion, better first */
    Comparator<Candidate> order();

    /**
     * A location that passed every filter, with what the rankings look at.
     *
     * @param location the location
     * @param distanceKm great-circle distance to the destination (0 when the destination has no coordinates)
     * @param coverableUnits units of the request it could supply
     */
    record Candidate(Location location, double distanceKm, long coverableUnits) {
    }

    /** @return nearest first, by great-circle distance */
    static LocationRanking distance() {
        return of("distance", Comparator.comparingDouble(Candidate::distanceKm));
    }

    /** @return lower priority number first */
    static LocationRanking priority() {
        return of("priority", Comparator.comparingInt(c -> c.location().priority()));
    }

    /** @return cheaper shipment first */
    static LocationRanking cost() {
        return of("cost", (a, b) -> a.location().costPerShipment().compareTo(b.location().costPerShipment()));
    }

    /**
     * @param name a stable name
     * @param order the comparison, better first
     * @return a ranking
     */
    static LocationRanking of(String name, Comparator<Candidate> order) {
        return new LocationRanking() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Comparator<Candidate> order() {
                return order;
            }
        };
    }
}
