package dev.oms.examples;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.spi.order.Order;
import dev.oms.testkit.Invariants;
import dev.oms.testkit.LifecycleWorld;
import dev.oms.testkit.Lifecycles;
import dev.oms.testkit.OmsArbitraries;
import dev.oms.testkit.OmsArbitraries.CatalogItem;
import java.util.List;
import javax.money.Monetary;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

/**
 * How a host tests its own code with the oms test kit, using only its public API: generated
 * catalogues and orders for a host rule (the weekend promotion), and whole generated lifecycles
 * with the kit's invariants plus one of the host's own.
 */
class HostLifecycleProperties {
    @Provide
    Arbitrary<PlaceOrder> orders() {
        return OmsArbitraries.catalogues(Monetary.getCurrency("EUR"), 1, 6).flatMap(OmsArbitraries::orders);
    }

    @Property(tries = 500)
    void the_weekend_deal_never_raises_a_total_and_keeps_every_invariant(@ForAll("orders") PlaceOrder order) {
        OrderDecider pricing = OrderDecider.builder().build();
        Order before = pricing.place(order).orThrow().order();
        Order after = pricing.place(Promotions.weekendDeal(order, before)).orThrow().order();
        Invariants.order(after, "placing the promoted order");
        assertThat(OrderTotals.of(after).grandTotal().isLessThanOrEqualTo(OrderTotals.of(before).grandTotal()))
                .as("the deal never raises the total").isTrue();
        assertThat(OrderTotals.of(after).grandTotal().isNegative()).isFalse();
    }

    // property-test:begin
    @Provide
    Arbitrary<ActionChain<LifecycleWorld>> shopDays() {
        return Lifecycles.chains(Monetary.getCurrency("EUR"), 30);
    }

    @Property(tries = 100)
    void a_day_of_orders_keeps_the_kits_invariants_and_ours(@ForAll("shopDays") ActionChain<LifecycleWorld> day) {
        day.withInvariant("oms invariants", LifecycleWorld::checkInvariants)
                .withInvariant("we never sell what the catalogue does not list", world -> {
                    List<Object> listed = world.catalogue().stream().map(CatalogItem::sku).map(Object.class::cast)
                            .toList();
                    world.orderSnapshots().forEach(o -> o.lines().forEach(l -> assertThat(listed).contains(l.sku())));
                })
                .run();
    }
    // property-test:end
}
