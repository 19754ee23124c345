package dev.oms.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentKind;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.FulfillmentStatus;
import javax.money.Monetary;
import org.junit.jupiter.api.Test;

/** Pickup in store: ready, picked up; or expired and restocked. */
class PickupTest {
    private final FulfillmentWorld w = new FulfillmentWorld();

    private FulfillmentOrder readyPickup(String externalId) {
        w.stock("JACKET", w.store, 3);
        w.stock("JACKET", w.berlin, 30);
        OrderId id = w.orders.place(PlaceOrder.builder(ChannelId.of("app"), ExternalOrderId.of(externalId),
                CustomerRef.of("c-9"), Monetary.getCurrency("EUR")).shipTo(FulfillmentWorld.potsdam())
                .pickupAt(w.store.id()).placedAt(w.clock.instant())
                .line(FulfillmentWorld.line("1", "JACKET", 1, "149.00", "28.31")).build(), w.key()).order().id();
        w.payments.authorise(id, OrderTotals.of(w.orders.load(id)).grandTotal(), w.key());
        w.orders.handle(id, new OrderCommand.Confirm(), w.key());
        RoutingPlan plan = w.router.route(RoutingRequest.forOrder(w.orders.load(id)));
        assertThat(plan.shipments()).singleElement().satisfies(s -> assertThat(s.location()).isEqualTo(w.store.id()));
        FulfillmentOrder fo = w.fulfillment.createFromPlan(id, plan, w.key()).created().get(0);
        assertThat(fo.kind()).isEqualTo(FulfillmentKind.PICKUP);
        w.fulfillment.startPicking(fo.id(), w.key());
        w.fulfillment.pack(fo.id(), w.key());
        return w.fulfillment.readyForPickup(fo.id(), w.key());
    }

    @Test
    void a_collected_pickup_commits_stock_ships_and_delivers_on_the_order_and_captures_payment() {
        FulfillmentOrder ready = readyPickup("app-1");
        assertThat(ready.status()).isEqualTo(FulfillmentOrderStatus.READY_FOR_PICKUP);
        FulfillmentOrder collected = w.fulfillment.pickedUp(ready.id(), w.key());
        assertThat(collected.status()).isEqualTo(FulfillmentOrderStatus.PICKED_UP);
        Order order = w.orders.load(ready.orderId());
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.DELIVERED);
        assertThat(order.payments().captured()).isEqualTo(OrderTotals.of(order).grandTotal());
        assertThat(w.inventory.position(Sku.of("JACKET"), w.store.id()).onHand()).isEqualTo(Quantity.of(2));
    }

    @Test
    void an_uncollected_pickup_expires_and_its_units_go_back_to_stock() {
        FulfillmentOrder ready = readyPickup("app-2");
        assertThat(w.inventory.position(Sku.of("JACKET"), w.store.id()).reserved()).isEqualTo(Quantity.of(1));
        FulfillmentOrder expired = w.fulfillment.expirePickup(ready.id(), w.key());
        assertThat(expired.status()).isEqualTo(FulfillmentOrderStatus.PICKUP_EXPIRED);
        assertThat(w.inventory.position(Sku.of("JACKET"), w.store.id()).reserved()).isEqualTo(Quantity.ZERO);
        assertThat(w.inventory.position(Sku.of("JACKET"), w.store.id()).onHand()).isEqualTo(Quantity.of(3));
        assertThat(w.orders.load(ready.orderId()).requireLine(LineId.of("1")).quantities().unallocated())
                .isEqualTo(Quantity.of(1));
    }
}
