package dev.oms.benchmarks.flow;

import dev.oms.core.PlaceOrder;
import dev.oms.fakes.FakeCarrier;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.flow.FlowResult;
import dev.oms.flow.FlowStores;
import dev.oms.flow.OrderFlow;
import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import java.time.Instant;
import java.util.List;
import javax.money.Monetary;

/**
 * The world of the accept benchmarks: three warehouses in Germany stocked with three SKUs, and a
 * new three-line order to Berlin for each call, accepted through the flow with its own key.
 */
public final class AcceptWorld {
    private static final List<String> SKUS = List.of("TEE-M", "MUG", "CAP");

    private AcceptWorld() {
    }

    /**
     * @param stores the stores
     * @param units units of each SKU at each warehouse
     * @return a flow on the stores with its locations and stock
     */
    public static OrderFlow flow(FlowStores stores, long units) {
        List<Location> warehouses = List.of(
                warehouse("wh-berlin", 52.52, 13.40), warehouse("wh-hamburg", 53.55, 9.99),
                warehouse("wh-munich", 48.14, 11.58));
        OrderFlow flow = OrderFlow.builder(stores).payments(new FakePaymentGateway())
                .carrier(new FakeCarrier("parcelco")).locations(warehouses).build();
        for (Location warehouse : warehouses) {
            for (String sku : SKUS) {
                flow.inventory().definePosition(Sku.of(sku), warehouse.id(), PositionSettings.NONE);
                String receipt = "po-" + sku + "-" + warehouse.id().value();
                flow.receive(Sku.of(sku), warehouse.id(), Quantity.of(units),
                        Reference.of(Reference.Type.RECEIPT, receipt), CommandKey.of(receipt));
            }
        }
        return flow;
    }

    private static Location warehouse(String id, double latitude, double longitude) {
        return Location.builder(LocationId.of(id), LocationType.WAREHOUSE, Coordinates.of(latitude, longitude),
                Amounts.of("4.00", "EUR")).serves("DE").build();
    }

    /**
     * @param flow the flow
     * @param n this order's number, unique in the flow's stores
     * @return the accepted order with its fulfilment order
     * @throws IllegalStateException if the order was not routed
     */
    public static FlowResult accept(OrderFlow flow, long n) {
        PlaceOrder order = PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("F-" + n),
                        CustomerRef.of("c-" + (n % 1_000)), Monetary.getCurrency("EUR"))
                .shipTo(Address.of("DE", "10115").withCoordinates(Coordinates.of(52.53, 13.38)))
                .placedAt(Instant.parse("2026-12-01T09:00:00Z"))
                .line("1", "TEE-M", 2, Amounts.of("19.90", "EUR"))
                .line("2", "MUG", 1, Amounts.of("9.50", "EUR"))
                .line("3", "CAP", 1, Amounts.of("15.00", "EUR"))
                .build();
        FlowResult result = flow.accept(order, CommandKey.of("accept-" + n));
        if (result.fulfillmentOrders().isEmpty()) {
            throw new IllegalStateException("the order was not routed: " + result);
        }
        return result;
    }
}
