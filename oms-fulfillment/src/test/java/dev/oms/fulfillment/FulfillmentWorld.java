package dev.oms.fulfillment;

import static dev.oms.fulfillment.RoutingFixtures.*;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.fakes.FakeCarrier;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.fakes.ManualClock;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.Router.StockView;
import dev.oms.fulfillment.memory.InMemoryFulfillmentStore;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.Address;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.money.Monetary;

/** Every module wired on in-memory stores: orders, payments, inventory, routing, fulfilment. */
final class FulfillmentWorld {
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T08:00:00Z"));
    final IdGenerator ids = IdGenerator.sequential("w");
    final InMemoryOrderStore orderStore = new InMemoryOrderStore();
    final OrderService orders = OrderService.builder(orderStore)
            .decider(OrderDecider.builder().clock(clock).ids(ids).build()).build();
    final FakePaymentGateway gateway = new FakePaymentGateway();
    final OrderPayments payments = new OrderPayments(orders, gateway);
    final InMemoryInventoryStore stock = new InMemoryInventoryStore();
    final InventoryService inventory = InventoryService.builder(stock).clock(clock).ids(ids).build();
    final FakeCarrier carrier = new FakeCarrier("fake-post");
    final InMemoryFulfillmentStore fulfillmentStore = new InMemoryFulfillmentStore();
    final FulfillmentService fulfillment = FulfillmentService.builder(orders, inventory, fulfillmentStore, carrier)
            .payments(payments).clock(clock).ids(ids).bins((location, sku) -> "bin-" + sku.value().charAt(0)).build();
    final Location berlin = warehouse("wh-berlin", BERLIN, "DE");
    final Location hamburg = warehouse("wh-hamburg", HAMBURG, "DE");
    final Location store = Location.builder(LocationId.of("store-berlin"), LocationType.STORE, BERLIN, eur("0.00"))
            .serves("DE").offersPickup().build();
    final Router router = Router.builder(List.of(berlin, hamburg, store), StockView.of(inventory.availability()))
            .clock(clock).build();
    private final AtomicLong keys = new AtomicLong();

    CommandKey key() {
        return CommandKey.of("fk-" + keys.incrementAndGet());
    }

    void stock(String sku, Location location, long units) {
        inventory.definePosition(Sku.of(sku), location.id(), PositionSettings.NONE);
        inventory.receive(Sku.of(sku), location.id(), Quantity.of(units), Reference.of(Reference.Type.RECEIPT,
                "po-" + sku + location.id()), key());
    }

    /** Places an order to Potsdam, authorises its grand total and confirms it. */
    OrderId placeAuthorisedConfirmed(String externalId, UnaryOperator<PlaceOrder.Builder> lines) {
        PlaceOrder.Builder b = PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(externalId),
                CustomerRef.of("c-1"), Monetary.getCurrency("EUR")).shipTo(TO_POTSDAM).placedAt(clock.instant());
        OrderId id = orders.place(lines.apply(b).build(), key()).order().id();
        payments.authorise(id, OrderTotals.of(orders.load(id)).grandTotal(), key());
        orders.handle(id, new OrderCommand.Confirm(), key());
        return id;
    }

    static NewLine line(String id, String sku, long quantity, String price, String tax) {
        return new NewLine(dev.oms.spi.LineId.of(id), Sku.of(sku), Quantity.of(quantity), eur(price), eur("0.00"),
                LineTax.perUnit(eur(tax)));
    }

    static Address potsdam() {
        return TO_POTSDAM;
    }
}
