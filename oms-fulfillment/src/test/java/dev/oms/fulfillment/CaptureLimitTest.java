package dev.oms.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand;
import dev.oms.core.PlaceOrder;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.OrderId;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import java.util.List;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

class CaptureLimitTest {
    private final FulfillmentWorld w = new FulfillmentWorld();

    @Test
    void a_shipment_never_captures_more_than_is_still_authorised() {
        w.stock("MUG", w.berlin, 5);
        OrderId id = w.orders.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("cap-1"),
                CustomerRef.of("c"), Monetary.getCurrency("EUR")).shipTo(FulfillmentWorld.potsdam())
                .placedAt(w.clock.instant()).line("1", "MUG", 4, RoutingFixtures.eur("10.00")).build(), w.key())
                .order().id();
        w.payments.authorise(id, RoutingFixtures.eur("25.00"), w.key());
        w.orders.handle(id, new OrderCommand.Confirm(), w.key());
        FulfillmentOrder fo = w.fulfillment.routeAndCreate(id, w.router, RoutingRequest.forOrder(w.orders.load(id)),
                w.key()).created().get(0);
        w.fulfillment.startPicking(fo.id(), w.key());
        w.fulfillment.pack(fo.id(), w.key());
        w.fulfillment.ship(fo.id(), List.of(LineQuantity.of("1", 4)), w.key());
        Order order = w.orders.load(id);
        assertThat(order.payments().captured()).isEqualTo(RoutingFixtures.eur("25.00"));
        assertThat(order.payments().capturable().isZero()).isTrue();
    }

    @Test
    void the_fake_carrier_voids_a_label_idempotently() {
        assertThat(w.carrier.cancelLabel("FAKE000001")).isTrue();
        assertThat(w.carrier.cancelLabel("FAKE000001")).isTrue();
        assertThat(w.carrier.voidedLabels()).containsExactly("FAKE000001");
    }
}
