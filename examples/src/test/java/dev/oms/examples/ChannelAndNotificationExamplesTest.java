package dev.oms.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.oms.channels.OrderImport;
import dev.oms.channels.OrderImport.OrderImportException;
import dev.oms.core.EventDelivery;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.examples.channels.WebshopAdapter;
import dev.oms.examples.notifications.CustomerMessage;
import dev.oms.examples.notifications.CustomerNotifications;
import dev.oms.fakes.FakeCarrier;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.fulfillment.FulfillmentService;
import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.Router;
import dev.oms.fulfillment.Router.StockView;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.fulfillment.memory.InMemoryFulfillmentStore;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.LineQuantity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The channel adapter example and the customer notification example, end to end on in-memory stores. */
class ChannelAndNotificationExamplesTest {
    private final InMemoryOrderStore orderStore = new InMemoryOrderStore();
    private final OrderService orders = OrderService.builder(orderStore).build();

    @Test
    void a_webshop_webhook_becomes_an_oms_order_through_the_adapter_and_the_import() throws IOException {
        String webhook = Files.readString(Path.of("src/test/resources/channels/webshop-order.json"));
        OrderImport.Imported imported = new OrderImport(orders).importOrder(WebshopAdapter.toOmsFormat(webhook));
        assertThat(imported.result().order().header().externalOrderId().value()).isEqualTo("5001");
        assertThat(OrderTotals.of(imported.result().order()).grandTotal()).isEqualTo(Amounts.of("55.68", "EUR"));
        assertThat(new OrderImport(orders).importOrder(WebshopAdapter.toOmsFormat(webhook)).duplicate()).isTrue();
        String indivisible = webhook.replace("\"total_discount\": \"1.00\"", "\"total_discount\": \"1.00\"")
                .replace("\"quantity\": 2, \"price\": \"19.90\", \"total_discount\": \"0.00\"",
                        "\"quantity\": 3, \"price\": \"19.90\", \"total_discount\": \"1.00\"").replace("5001", "5002");
        assertThatThrownBy(() -> new OrderImport(orders).importOrder(WebshopAdapter.toOmsFormat(indivisible)))
                .isInstanceOfSatisfying(OrderImportException.class, e -> assertThat(e.paths())
                        .contains("$.lines[0].unitDiscount"));
    }

    @Test
    void customers_are_told_of_confirmation_shipment_with_a_tracking_link_delivery_and_refund() {
        InventoryService inventory = InventoryService.builder(new InMemoryInventoryStore()).build();
        FakeCarrier carrier = new FakeCarrier("fake-post");
        FakePaymentGateway gateway = new FakePaymentGateway();
        OrderPayments payments = new OrderPayments(orders, gateway);
        FulfillmentService fulfillment = FulfillmentService.builder(orders, inventory, new InMemoryFulfillmentStore(),
                carrier).payments(payments).build();
        Location berlin = Location.builder(LocationId.of("wh-berlin"), LocationType.WAREHOUSE,
                Coordinates.of(52.52, 13.40), Amounts.of("4.00", "EUR")).serves("DE").build();
        Router router = Router.builder(List.of(berlin), StockView.of(inventory.availability())).build();
        for (String sku : List.of("TSHIRT-M", "MUG")) {
            inventory.definePosition(Sku.of(sku), berlin.id(), PositionSettings.NONE);
            inventory.receive(Sku.of(sku), berlin.id(), Quantity.of(10), Reference.of(Reference.Type.RECEIPT,
                    "po-" + sku), CommandKey.of("po-" + sku));
        }
        List<String> sent = new ArrayList<>();
        List<CustomerMessage> messages = new ArrayList<>();
        EventDelivery delivery = new CustomerNotifications(orders, fulfillment, (customer, message) -> {
            sent.add(customer.value());
            messages.add(message);
        }, "https://track.example/").subscribeTo(EventDelivery.from(orderStore)).build();

        String webhook;
        try {
            webhook = Files.readString(Path.of("src/test/resources/channels/webshop-order.json"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        OrderId id = new OrderImport(orders).importOrder(WebshopAdapter.toOmsFormat(webhook)).result().order().id();
        payments.authorise(id, OrderTotals.of(orders.load(id)).grandTotal(), CommandKey.of("auth"));
        orders.handle(id, new OrderCommand.Confirm());
        for (FulfillmentOrder fo : fulfillment.routeAndCreate(id, router, RoutingRequest.forOrder(orders.load(id)),
                CommandKey.of("route")).created()) {
            fulfillment.startPicking(fo.id(), CommandKey.of("pick"));
            fulfillment.pack(fo.id(), CommandKey.of("pack"));
            Shipment shipment = fulfillment.ship(fo.id(), fo.lines().stream().map(l -> new LineQuantity(l.lineId(),
                    l.quantity())).toList(), CommandKey.of("ship"));
            for (TrackingUpdate u : carrier.journey(shipment.trackingNumber(), shipment.statusAt())) {
                fulfillment.applyTracking(u);
            }
        }
        payments.refund(id, Amounts.of("8.00", "EUR"), CommandKey.of("goodwill"));
        delivery.deliverAll();

        assertThat(messages).extracting(CustomerMessage::subject).containsExactly(
                "Your order 5001 is confirmed", "Your order 5001 is on its way", "Your order 5001 was delivered",
                "Refund for your order 5001");
        assertThat(messages.get(1).link()).contains("https://track.example/FAKE000001");
        assertThat(messages.get(3).body()).isEqualTo("We refunded EUR 8.00.");
        assertThat(sent).containsOnly(CustomerRef.of("shop-customer-42").value());
        assertThat(orderStore.unpublished(100)).isEmpty();
    }
}
