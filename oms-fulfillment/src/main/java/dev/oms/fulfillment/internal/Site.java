package dev.oms.fulfillment.internal;

import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Router.CapacityView;
import dev.oms.fulfillment.Router.LocationRanking.Candidate;
import dev.oms.fulfillment.Router.StockView;
import dev.oms.fulfillment.RoutingRequest;

/** One candidate location with its usable stock for this request. */
public final class Site {
    public final Location location;
    public final int index;
    public final double distanceKm;
    final long[] usable;
    final boolean[] tagsOk;
    final long unitCap;
    public final long coverable;
    public final Candidate candidate;

    /**
     * @param location the location
     * @param index its place among the router's locations
     * @param request what to route
     * @param q the request's lines
     * @param stock what each location has
     * @param capacity what each location can still take today
     */
    public Site(Location location, int index, RoutingRequest request, Lines q, StockView stock,
            CapacityView capacity) {
        this.location = location;
        this.index = index;
        this.distanceKm = request.destination().coordinates()
                .map(c -> location.coordinates().kilometresTo(c)).orElse(0.0);
        this.tagsOk = new boolean[q.count];
        for (int i = 0; i < q.count; i++) {
            tagsOk[i] = location.tags().containsAll(request.lines().get(i).requiredTags());
        }
        this.usable = new long[q.skus.size()];
        for (int j = 0; j < usable.length; j++) {
            usable[j] = Math.max(0, stock.available(q.skus.get(j), location.id())
                    - request.routingSafetyStock().value());
        }
        this.unitCap = location.dailyUnitCapacity().isPresent() ? capacity.unitsLeft(location.id())
                : Long.MAX_VALUE;
        this.coverable = Assignment.nothing(q, "").gainFrom(this, q);
        this.candidate = new Candidate(location, distanceKm, coverable);
    }
}
