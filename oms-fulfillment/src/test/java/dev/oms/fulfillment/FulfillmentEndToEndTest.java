package dev.oms.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderTotals;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.inventory.Reservation.ReservationStatus;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.FulfillmentStatus;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.Order.PaymentStatus;
import java.time.Duration;
import java.util.List;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * Place, confirm with payment authorised, reserve, route to two locations, pick, pack and ship
 * both, deliver, complete; with every module's state checked at each step.
 */
class FulfillmentEndToEndTest {
    private final FulfillmentWorld w = new FulfillmentWorld();

    @Test
    void an_order_split_over_two_warehouses_from_placement_to_completion() {
        // Berlin has the shirts, Hamburg the mugs: nobody has both.
        w.stock("TSHIRT", w.berlin, 5);
        w.stock("MUG", w.hamburg, 5);
        OrderId id = w.placeAuthorisedConfirmed("e2e-1", b -> b
                .line(FulfillmentWorld.line("1", "TSHIRT", 2, "19.99", "3.80"))
                .line(FulfillmentWorld.line("2", "MUG", 3, "7.33", "1.39"))
                .shipping("standard", RoutingFixtures.eur("4.90"), RoutingFixtures.eur("0.93")));
        Order order = w.orders.load(id);
        assertThat(OrderTotals.paymentStatus(order)).isEqualTo(PaymentStatus.AUTHORISED);

        // Route: a split, because no single location has everything.
        RoutingPlan plan = w.router.route(RoutingRequest.forOrder(order));
        assertThat(plan.shipments()).extracting(s -> s.location().value()).containsExactly("wh-berlin", "wh-hamburg");

        // Fulfilment orders reserve exactly there and allocate on the order.
        FulfillmentService.Created created = w.fulfillment.createFromPlan(id, plan, w.key());
        assertThat(created.notReserved()).isEmpty();
        assertThat(created.created()).hasSize(2);
        assertThat(w.inventory.position(Sku.of("TSHIRT"), w.berlin.id()).reserved()).isEqualTo(Quantity.of(2));
        assertThat(w.inventory.position(Sku.of("MUG"), w.hamburg.id()).reserved()).isEqualTo(Quantity.of(3));
        order = w.orders.load(id);
        assertThat(order.status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(order.requireLine(LineId.of("2")).quantities().allocated()).isEqualTo(Quantity.of(3));

        // Pick, pack and ship both; stock, order and payment follow each shipment.
        MonetaryAmount grandTotal = OrderTotals.of(order).grandTotal();
        Shipment[] shipments = new Shipment[2];
        for (int i = 0; i < 2; i++) {
            FulfillmentOrder fo = created.created().get(i);
            w.fulfillment.startPicking(fo.id(), w.key());
            w.fulfillment.pack(fo.id(), w.key());
            List<LineQuantity> all = fo.lines().stream().map(l -> new LineQuantity(l.lineId(), l.quantity())).toList();
            shipments[i] = w.fulfillment.ship(fo.id(), all, w.key());
            assertThat(w.fulfillment.load(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.SHIPPED);
        }
        assertThat(w.inventory.position(Sku.of("TSHIRT"), w.berlin.id()).onHand()).isEqualTo(Quantity.of(3));
        assertThat(w.inventory.position(Sku.of("MUG"), w.hamburg.id()).reserved()).isEqualTo(Quantity.ZERO);
        assertThat(w.inventory.reservationsOf(id)).extracting(r -> r.status())
                .containsOnly(ReservationStatus.COMMITTED);
        order = w.orders.load(id);
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.FULFILLED);
        assertThat(order.payments().captured()).as("captures sum exactly to the grand total").isEqualTo(grandTotal);
        assertThat(OrderTotals.paymentStatus(order)).isEqualTo(PaymentStatus.PAID);
        assertThat(w.gateway.operations()).extracting(o -> o.kind()).containsExactly("authorise", "capture", "capture");

        // The carrier reports both parcels delivered; the order is complete.
        for (Shipment shipment : shipments) {
            for (TrackingUpdate update : w.carrier.journey(shipment.trackingNumber(), w.clock.instant())) {
                w.fulfillment.applyTracking(update);
            }
        }
        w.clock.advance(Duration.ofDays(2));
        order = w.orders.load(id);
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.DELIVERED);
        assertThat(created.created()).allSatisfy(fo ->
                assertThat(w.fulfillment.load(fo.id()).status()).isEqualTo(FulfillmentOrderStatus.DELIVERED));
        order = w.orders.handle(id, new OrderCommand.Complete(), w.key()).order();
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(w.inventory.reconcile(List.of(Sku.of("TSHIRT"), Sku.of("MUG"))).balanced()).isTrue();
        assertThat(w.orders.decider().replay(w.orders.history(id))).isEqualTo(order);
    }
}
