package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.fakes.FakeFraudScreen;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.spi.LocationId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.FulfillmentStatus;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.Order.PaymentStatus;
import dev.oms.spi.payment.FraudScreen.FraudVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One order's whole life, read top to bottom. */
class OrderLifecycleScenarioTest {
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final OrderService orders = service(store);
    private final FakePaymentGateway gateway = new FakePaymentGateway();
    private final OrderPayments payments = new OrderPayments(orders, gateway);
    private final FraudScreening fraud = new FraudScreening(orders, new FakeFraudScreen());

    @Test
    void an_order_from_placement_to_archive() {
        // Alice orders two T-shirts and a mug in the web shop.
        Order order = orders.place(webOrder("web-1001").build(), key()).order();
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        OrderTotals totals = OrderTotals.of(order);
        // 2 x 20.00 + 15.50 = 55.50; discounts 2 x 1.00 + 5.00 coupon; shipping 4.90; tax 2 x 3.61 + 2.95 + 0.93
        assertThat(totals.subtotal()).isEqualTo(eur("55.50"));
        assertThat(totals.discounts()).isEqualTo(eur("7.00"));
        assertThat(totals.tax()).isEqualTo(eur("11.10"));
        assertThat(totals.grandTotal()).isEqualTo(eur("64.50"));

        // The fraud screen accepts her, the card is authorised for the grand total.
        assertThat(fraud.screen(order.id(), key()).verdict().outcome()).isEqualTo(FraudVerdict.Outcome.ACCEPT);
        order = payments.authorise(order.id(), totals.grandTotal(), key()).order();
        assertThat(OrderTotals.paymentStatus(order)).isEqualTo(PaymentStatus.AUTHORISED);

        // The merchant confirms; the warehouse in Berlin gets everything.
        order = orders.handle(order.id(), new OrderCommand.Confirm(), key()).order();
        LocationId berlin = LocationId.of("wh-berlin");
        order = orders.handle(order.id(), new OrderCommand.Allocate(berlin,
                List.of(new LineQuantity(L1, dev.oms.spi.Quantity.of(2)), LineQuantity.of("L2", 1))), key()).order();
        assertThat(order.status()).isEqualTo(OrderStatus.PROCESSING);

        // The T-shirts ship first, the mug a day later: a split shipment.
        ShipmentId first = ShipmentId.of("shp-1");
        ShipmentId second = ShipmentId.of("shp-2");
        order = orders.handle(order.id(), new OrderCommand.Ship(first, List.of(LineQuantity.of("L1", 2))), key())
                .order();
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.PARTIALLY_FULFILLED);
        payments.capture(order.id(), eur("40.00"), key());
        order = orders.handle(order.id(), new OrderCommand.Ship(second, List.of(LineQuantity.of("L2", 1))), key())
                .order();
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.FULFILLED);
        order = payments.capture(order.id(), eur("24.50"), key()).order();
        assertThat(OrderTotals.paymentStatus(order)).isEqualTo(PaymentStatus.PAID);

        // Both parcels arrive; the order is complete.
        orders.handle(order.id(), new OrderCommand.Deliver(first, List.of(LineQuantity.of("L1", 2))), key());
        order = orders.handle(order.id(), new OrderCommand.Deliver(second, List.of(LineQuantity.of("L2", 1))), key())
                .order();
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.DELIVERED);
        order = orders.handle(order.id(), new OrderCommand.Complete(), key()).order();
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);

        // One T-shirt comes back and is refunded; then the order is archived.
        order = orders.handle(order.id(), new OrderCommand.RecordReturn(dev.oms.spi.ReturnId.of("rma-1"),
                List.of(LineQuantity.of("L1", 1))), key()).order();
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.PARTIALLY_RETURNED);
        order = payments.refund(order.id(), eur("22.61"), key()).order();
        assertThat(OrderTotals.paymentStatus(order)).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        order = orders.handle(order.id(), new OrderCommand.Archive(), key()).order();
        assertThat(order.status()).isEqualTo(OrderStatus.ARCHIVED);

        // The history tells the whole story, and replaying it rebuilds the order exactly.
        List<OrderEvent> history = orders.history(order.id());
        assertThat(history).extracting(e -> e.getClass().getSimpleName()).containsExactly("OrderPlaced",
                "PaymentAuthorised", "OrderConfirmed", "QuantitiesAllocated", "QuantitiesShipped",
                "PaymentCaptured", "QuantitiesShipped", "PaymentCaptured", "QuantitiesDelivered",
                "QuantitiesDelivered", "OrderCompleted", "QuantitiesReturned", "PaymentRefunded", "OrderArchived");
        assertThat(orders.decider().replay(history)).isEqualTo(order);
        assertThat(store.unpublished(100)).hasSize(history.size());
        assertThat(gateway.operations()).extracting(FakePaymentGateway.Operation::kind)
                .containsExactly("authorise", "capture", "capture", "refund");
    }
}
