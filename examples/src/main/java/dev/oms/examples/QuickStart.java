package dev.oms.examples;

import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.fakes.FakeCarrier;
import dev.oms.fakes.FakeFraudScreen;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.flow.FlowResult;
import dev.oms.flow.FlowStores;
import dev.oms.flow.OrderFlow;
import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.Inspection.ItemCondition;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import java.time.Instant;
import java.util.List;
import javax.money.Monetary;

/** The README's quick start, compiled and run by the build (the README shows the marked part). */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * One order through the flow on in-memory stores: accepted (authorised, confirmed, routed and
     * reserved), shipped (captured), delivered (completed), one unit returned and refunded.
     *
     * @return the order at the end
     */
    public static Order run() {
        // quickstart:begin
        LocationId berlin = LocationId.of("wh-berlin");
        OrderFlow flow = OrderFlow.builder(FlowStores.inMemory()).payments(new FakePaymentGateway())
                .fraud(new FakeFraudScreen().reviewAbove(Amounts.of("500.00", "EUR"))).carrier(new FakeCarrier("parcelco"))
                .locations(Location.builder(berlin, LocationType.WAREHOUSE, Coordinates.of(52.52, 13.40),
                        Amounts.of("4.00", "EUR")).serves("DE").build()).build();
        flow.inventory().definePosition(Sku.of("TSHIRT-M"), berlin, PositionSettings.NONE);
        flow.receive(Sku.of("TSHIRT-M"), berlin, Quantity.of(5), Reference.of(Reference.Type.RECEIPT, "po-1"),
                CommandKey.of("po-1"));
        FlowResult accepted = flow.accept(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("web-1001"),
                CustomerRef.of("cust-42"), Monetary.getCurrency("EUR")).placedAt(Instant.now())
                .shipTo(Address.of("DE", "10115")).line("1", "TSHIRT-M", 2, Amounts.of("19.90", "EUR")).build(),
                CommandKey.of("web-1001"));
        FulfillmentOrderId fo = accepted.fulfillmentOrders().get(0).id();
        flow.pack(flow.startPicking(fo, CommandKey.of("pick-1")).id(), CommandKey.of("pack-1"));
        Shipment parcel = flow.ship(fo, List.of(LineQuantity.of("1", 2)), CommandKey.of("ship-1")).shipments().get(0);
        flow.track(new TrackingUpdate("scan-1", parcel.trackingNumber(), ShipmentStatus.DELIVERED, Instant.now(), ""));
        ReturnId rma = flow.requestReturn(ReturnDraft.returnOf(accepted.order().id(), LineToReturn.of("1", 1,
                ReturnReasons.DOES_NOT_FIT)), CommandKey.of("rma-1")).id();
        flow.approveReturn(rma, berlin, CommandKey.of("rma-1-approve"));
        flow.receiveReturn(rma, List.of(LineQuantity.of("1", 1)), CommandKey.of("rma-1-receive"));
        flow.inspectReturn(rma, List.of(new LineInspection(LineId.of("1"), new Inspection(Quantity.of(1),
                ItemCondition.AS_NEW, Disposition.RESTOCK, berlin))), CommandKey.of("rma-1-inspect"));
        flow.refundReturn(rma, RefundMethod.ORIGINAL_PAYMENT, CommandKey.of("rma-1-refund"));
        Order order = flow.orders().load(accepted.order().id());
        System.out.println(order.status() + ", " + OrderTotals.paymentStatus(order) + ", refunded "
                + order.payments().refunded()); // prints: COMPLETED, PARTIALLY_REFUNDED, refunded EUR 19.9
        // quickstart:end
        return order;
    }

    /** @param args ignored */
    public static void main(String[] args) {
        run();
    }
}
