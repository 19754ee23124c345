package dev.oms.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.core.OrderDecider;
import dev.oms.core.PlaceOrder;
import dev.oms.spi.Amounts;
import dev.oms.spi.order.Order;
import java.math.BigDecimal;
import java.util.List;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

/** The kit's generators and lifecycles, used the way a host would use them. */
class LifecyclesProperties {
    // property-example:begin
    @Provide
    Arbitrary<ActionChain<LifecycleWorld>> lifecycles() {
        return Lifecycles.chains(Monetary.getCurrency("EUR"), 40);
    }

    @Property(tries = 300)
    void every_step_of_a_random_lifecycle_keeps_every_invariant(@ForAll("lifecycles") ActionChain<LifecycleWorld> chain) {
        chain.withInvariant("oms invariants", LifecycleWorld::checkInvariants).run();
    }
    // property-example:end

    @Provide
    Arbitrary<ActionChain<LifecycleWorld>> lifecyclesInOtherCurrencies() {
        return net.jqwik.api.Arbitraries.of("JPY", "KWD", "BHD", "CHF").flatMap(code -> Lifecycles.chains(
                Monetary.getCurrency(code), 30));
    }

    /**
     * The same lifecycles in currencies of no and of three decimals: orders are accepted, paid,
     * shipped, cancelled, edited, returned and refunded end to end in yen, Kuwaiti and Bahraini
     * dinars and Swiss francs, under every tax policy, and every invariant holds at every step.
     */
    @Property(tries = 120)
    void lifecycles_in_yen_and_dinars_keep_every_invariant(
            @ForAll("lifecyclesInOtherCurrencies") ActionChain<LifecycleWorld> chain) {
        chain.withInvariant("oms invariants", LifecycleWorld::checkInvariants).run();
    }

    /**
     * The seed that found a return refunding every captured cent before an edit lowered the value
     * shipped (nothing left to refund the difference from; see {@link FlowInvariants}), kept so the
     * case runs on every build.
     */
    @Property(tries = 300, seed = "-3307237148020302978")
    void a_return_refunding_everything_before_an_edit_lowers_the_value_shipped_keeps_every_invariant(
            @ForAll("lifecycles") ActionChain<LifecycleWorld> chain) {
        chain.withInvariant("oms invariants", LifecycleWorld::checkInvariants).run();
    }

    @Provide
    Arbitrary<PlaceOrder> orders() {
        return OmsArbitraries.catalogues(Monetary.getCurrency("JPY"), 1, 4).flatMap(OmsArbitraries::orders);
    }

    @Property(tries = 300)
    void generated_orders_are_placeable_in_whole_minor_units_of_their_currency(@ForAll("orders") PlaceOrder place) {
        Order order = OrderDecider.builder().build().place(place).orThrow().order();
        Invariants.order(order, "placement");
        assertThat(order.currency().getCurrencyCode()).isEqualTo("JPY");
        // unit prices as fine as the order's pricing allows, every line's value in whole yen
        int unitDigits = order.header().pricing().unitDigits(order.currency());
        order.lines().forEach(l -> {
            assertThat(l.unitPrice().getNumber().numberValue(BigDecimal.class).stripTrailingZeros().scale())
                    .isLessThanOrEqualTo(unitDigits);
            assertThat(l.subtotal(order.header().pricing()).getNumber().numberValue(BigDecimal.class)
                    .stripTrailingZeros().scale()).isLessThanOrEqualTo(0);
        });
    }

    @Property(tries = 200)
    void money_stays_within_its_bounds(@ForAll("cents") MonetaryAmount amount) {
        assertThat(amount.isGreaterThanOrEqualTo(Amounts.of("0.01", "EUR"))).isTrue();
        assertThat(amount.isLessThanOrEqualTo(Amounts.of("9.99", "EUR"))).isTrue();
        Amounts.requireMinorUnits(amount, amount.getCurrency(), "amount");
    }

    @Provide
    Arbitrary<MonetaryAmount> cents() {
        return OmsArbitraries.money(Monetary.getCurrency("EUR"), "0.01", "9.99");
    }

    @Property(tries = 100)
    void stock_has_every_position(@ForAll("stocks") java.util.Map<dev.oms.spi.inventory.PositionKey, dev.oms.spi.Quantity> stock) {
        assertThat(stock).hasSize(6);
        assertThat(stock.values()).allSatisfy(q -> assertThat(q.value()).isBetween(0L, 7L));
    }

    @Provide
    Arbitrary<java.util.Map<dev.oms.spi.inventory.PositionKey, dev.oms.spi.Quantity>> stocks() {
        return OmsArbitraries.stock(List.of(dev.oms.spi.Sku.of("A"), dev.oms.spi.Sku.of("B")),
                List.of(dev.oms.spi.LocationId.of("x"), dev.oms.spi.LocationId.of("y"), dev.oms.spi.LocationId.of("z")), 7);
    }
}
