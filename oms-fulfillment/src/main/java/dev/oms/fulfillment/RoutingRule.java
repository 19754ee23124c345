package dev.oms.fulfillment;

import java.util.Optional;

/**
 * A host-written rule that vetoes locations for a request, for example "no drop-ship for gift
 * orders" or "this store is closed for inventory today". Runs after the built-in filters; its
 * name appears in the explanation of every location it excludes.
 */
public interface RoutingRule {
    /** @return a stable name for the explanation */
    String name();

    /**
     * @param location a candidate
     * @param request the request being routed
     * @return why the location may not be used, or empty to allow it
     */
    Optional<String> veto(Location location, RoutingRequest request);
}
