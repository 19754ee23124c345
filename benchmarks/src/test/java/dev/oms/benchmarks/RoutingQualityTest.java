package dev.oms.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.benchmarks.routing.RoutingQuality;
import dev.oms.benchmarks.routing.RoutingQuality.Networks;
import dev.oms.fulfillment.Router;
import org.junit.jupiter.api.Test;

/**
 * The quality figure can tell a good router from a weaker one: on the same seeded cases, greedy
 * alone (a search budget of 0) falls short of the optimum where the router's default search does
 * not, and no plan ever beats the proven optimum (the comparison throws if one does, which would
 * mean the proof is wrong). Seeded and counted in steps, so nothing here depends on timing.
 */
class RoutingQualityTest {
    @Test
    void the_default_search_matches_the_proven_optimum_and_greedy_alone_does_not() {
        RoutingQuality.Result searched = RoutingQuality.compare(7, 400, Networks.MEDIUM, Router.DEFAULT_SEARCH_BUDGET);
        RoutingQuality.Result greedy = RoutingQuality.compare(7, 400, Networks.MEDIUM, 0);
        assertThat(searched.cases()).isEqualTo(400);
        assertThat(searched.splitCases()).isGreaterThan(300);
        assertThat(searched.sameShare()).isGreaterThanOrEqualTo(0.99);
        assertThat(greedy.worse()).isGreaterThan(searched.worse());
        assertThat(greedy.sameShare()).isLessThan(0.97);
    }
}
