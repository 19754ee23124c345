package dev.oms.flow;

import static dev.oms.flow.FlowWorld.BERLIN;
import static dev.oms.flow.FlowWorld.HAMBURG;
import static dev.oms.flow.FlowWorld.eur;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.core.OrderTotals;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.Inspection.ItemCondition;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flow's narrative: one shop's orders through every module, told top to bottom, with stock,
 * fulfilment orders and money checked at each turn.
 */
class FlowScenarioTest {
    private final FlowWorld w = new FlowWorld().stock("TEE", BERLIN, 5).stock("MUG", HAMBURG, 2)
            .stock("MUG", BERLIN, 0).stock("TEE", HAMBURG, 0);
    private final OrderFlow flow = w.flow;

    @Test
    void an_order_from_acceptance_to_delivery_and_back_and_the_orders_that_wait() {
        // Alice orders two tees (only in Berlin) and a mug (only in Hamburg): accepted, split in two.
        FlowResult alice = flow.accept(w.order("alice").line("1", "TEE", 2, eur("20.00"))
                .line("2", "MUG", 1, eur("8.00")).build(), w.key());
        OrderId a = alice.order().id();
        assertThat(alice.status()).isEqualTo(ProcessStatus.DONE);
        assertThat(alice.order().status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(alice.fulfillmentOrders()).extracting(FulfillmentOrder::location).containsExactlyInAnyOrder(BERLIN,
                HAMBURG);
        assertThat(alice.notDone()).isEmpty();
        assertThat(alice.money().authorised()).isEqualTo(OrderTotals.of(alice.order()).grandTotal());
        assertThat(flow.inventory().position(Sku.of("TEE"), BERLIN).reserved()).isEqualTo(Quantity.of(2));

        // Both parcels leave; each captures exactly what it is worth, together the grand total.
        FlowResult first = w.shipAll(alice.fulfillmentOrders().get(0));
        FlowResult second = w.shipAll(alice.fulfillmentOrders().get(1));
        assertThat(first.money().captured().add(second.money().captured()))
                .isEqualTo(OrderTotals.of(alice.order()).grandTotal());
        assertThat(flow.inventory().position(Sku.of("TEE"), BERLIN).onHand()).isEqualTo(Quantity.of(3));

        // The carrier delivers both; the order completes on its own.
        w.deliver(first.shipments().get(0));
        FlowResult delivered = w.deliver(second.shipments().get(0));
        assertThat(delivered.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(delivered.order().payments().capturable()).isEqualTo(eur("0.00"));

        // Bob wants five tees; three are left: three are routed, two wait as a backorder naming the SKU.
        FlowResult bob = flow.accept(w.order("bob").line("1", "TEE", 5, eur("20.00")).build(), w.key());
        assertThat(bob.status()).isEqualTo(ProcessStatus.WAITING);
        assertThat(bob.waitingFor()).contains(WaitReason.STOCK);
        assertThat(bob.notDone()).singleElement().satisfies(n -> {
            assertThat(n.quantity()).isEqualTo(Quantity.of(2));
            assertThat(n.note()).contains("TEE");
        });
        // A purchase order arrives: Bob's waiting units are routed.
        flow.receive(Sku.of("TEE"), BERLIN, Quantity.of(10), Reference.of(Reference.Type.RECEIPT, "po-7"), w.key());
        Order bobNow = flow.orders().load(bob.order().id());
        assertThat(bobNow.requireLine(LineId.of("1")).quantities().allocated()).isEqualTo(Quantity.of(5));
        assertThat(flow.fulfillment().ofOrder(bobNow.id())).hasSize(2);

        // Carol cancels while her order is being picked: the warehouse's fulfilment order is cancelled,
        // the stock released, the order cancelled and the authorisation voided.
        FlowResult carol = flow.accept(w.order("carol").line("1", "TEE", 1, eur("20.00")).build(), w.key());
        flow.startPicking(carol.fulfillmentOrders().get(0).id(), w.key());
        long reservedBefore = flow.inventory().position(Sku.of("TEE"), BERLIN).reserved().value();
        FlowResult cancelled = flow.cancel(carol.order().id(), CancelReason.CUSTOMER_REQUEST, "changed mind", w.key());
        assertThat(cancelled.order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.fulfillmentOrders()).singleElement()
                .satisfies(fo -> assertThat(fo.status()).isEqualTo(FulfillmentOrderStatus.CANCELLED));
        assertThat(flow.inventory().position(Sku.of("TEE"), BERLIN).reserved().value()).isEqualTo(reservedBefore - 1);
        assertThat(cancelled.order().payments().capturable()).isEqualTo(eur("0.00"));
        assertThat(cancelled.money().voided()).isEqualTo(OrderTotals.of(carol.order()).grandTotal());

        // Dave's order goes to fraud review and waits; an agent lets it go and it is routed.
        w.fraud.review(CustomerRef.of("dave"));
        FlowResult dave = flow.accept(w.order("dave").line("1", "TEE", 1, eur("20.00")).build(), w.key());
        assertThat(dave.waitingFor()).contains(WaitReason.FRAUD_REVIEW);
        assertThat(dave.fulfillmentOrders()).isEmpty();
        FlowResult reviewed = flow.approveReview(dave.order().id(), "customer verified", w.key());
        assertThat(reviewed.status()).isEqualTo(ProcessStatus.DONE);
        assertThat(reviewed.fulfillmentOrders()).hasSize(1);

        // Erin's card is declined; she enters another one and the order goes on.
        w.payments.declineCustomer(CustomerRef.of("erin"));
        FlowResult erin = flow.accept(w.order("erin").line("1", "TEE", 1, eur("20.00")).build(), w.key());
        assertThat(erin.waitingFor()).contains(WaitReason.PAYMENT);
        w.payments.approveCustomer(CustomerRef.of("erin"));
        FlowResult paid = flow.retryPayment(erin.order().id(), w.key());
        assertThat(paid.status()).isEqualTo(ProcessStatus.DONE);
        assertThat(paid.order().status()).isEqualTo(OrderStatus.PROCESSING);

        // Alice returns a tee: approved, received, inspected and restocked, refunded.
        ReturnRequest rma = flow.requestReturn(ReturnDraft.returnOf(a, LineToReturn.of("1", 1,
                ReturnReasons.TOO_SMALL)), w.key());
        flow.approveReturn(rma.id(), BERLIN, w.key());
        flow.receiveReturn(rma.id(), List.of(LineQuantity.of("1", 1)), w.key());
        long onHand = flow.inventory().position(Sku.of("TEE"), BERLIN).onHand().value();
        flow.inspectReturn(rma.id(), List.of(new LineInspection(LineId.of("1"), new Inspection(Quantity.of(1),
                ItemCondition.AS_NEW, Disposition.RESTOCK, BERLIN))), w.key());
        assertThat(flow.inventory().position(Sku.of("TEE"), BERLIN).onHand().value()).isEqualTo(onHand + 1);
        ReturnRequest refunded = flow.refundReturn(rma.id(), RefundMethod.ORIGINAL_PAYMENT, w.key());
        assertThat(refunded.refund()).isPresent();
        assertThat(flow.orders().load(a).payments().refunded()).isEqualTo(refunded.refund().get().total());
    }
}
