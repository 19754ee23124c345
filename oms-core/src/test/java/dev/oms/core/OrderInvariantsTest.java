package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderInvariants;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import org.junit.jupiter.api.Test;

class OrderInvariantsTest {
    @Test
    void a_placed_order_keeps_every_invariant_and_a_tampered_one_is_named() {
        Order order = decider().place(webOrder("inv-1").build()).orThrow().order();
        assertThat(OrderInvariants.violations(order)).isEmpty();
        assertThat(OrderInvariants.violations(order.withStatus(OrderStatus.COMPLETED)))
                .containsExactly("COMPLETED but not every open unit delivered or lost");
        assertThat(OrderInvariants.violations(order.withStatus(OrderStatus.CANCELLED)))
                .singleElement().asString().startsWith("CANCELLED but");
    }
}
