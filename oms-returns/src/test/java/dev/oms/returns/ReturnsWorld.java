package dev.oms.returns;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.fakes.FakeCarrier;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.fakes.FakeStoreCredit;
import dev.oms.fakes.ManualClock;
import dev.oms.fulfillment.FulfillmentService;
import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.Router;
import dev.oms.fulfillment.Router.StockView;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.fulfillment.memory.InMemoryFulfillmentStore;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.returns.memory.InMemoryReturnStore;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
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
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.money.Monetary;
import javax.money.MonetaryAmount;

/**
 * Every module wired on in-memory stores, as a host would: orders, payments, inventory, routing,
 * fulfilment with a fake carrier, and returns with a policy the test chooses.
 */
final class ReturnsWorld {
    static final Address TO_POTSDAM = Address.of("DE", "14467").withCoordinates(Coordinates.of(52.391, 13.065));
    static final LocationId BERLIN = LocationId.of("wh-berlin");
    static final LocationId RETURNS_CENTER = LocationId.of("returns-center");

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-02T08:00:00Z"));
    final IdGenerator ids = IdGenerator.sequential("r");
    final OrderService orders = OrderService.builder(new dev.oms.core.memory.InMemoryOrderStore())
            .decider(OrderDecider.builder().clock(clock).ids(ids).build()).build();
    final FakePaymentGateway gateway = new FakePaymentGateway();
    final OrderPayments payments = new OrderPayments(orders, gateway);
    final InventoryService inventory = InventoryService.builder(new InMemoryInventoryStore()).clock(clock).ids(ids)
            .build();
    final FakeCarrier carrier = new FakeCarrier("fake-post");
    final FulfillmentService fulfillment = FulfillmentService.builder(orders, inventory, new InMemoryFulfillmentStore(),
            carrier).payments(payments).clock(clock).ids(ids).build();
    final Location berlin = Location.builder(BERLIN, LocationType.WAREHOUSE, Coordinates.of(52.520, 13.405),
            eur("5.00")).serves("DE").build();
    final Router router = Router.builder(List.of(berlin), StockView.of(inventory.availability())).clock(clock).build();
    final InMemoryReturnStore returnStore = new InMemoryReturnStore();
    final FakeStoreCredit storeCredit = new FakeStoreCredit();
    final ReturnService returns;
    private final AtomicLong keys = new AtomicLong();
    /** How a new order is paid: its grand total on one unnamed payment unless a test says otherwise. */
    java.util.function.BiConsumer<OrderId, MonetaryAmount> authorisation = (id, total) ->
            payments.authorise(id, total, key());

    ReturnsWorld() {
        this(ReturnPolicy.standard());
    }

    ReturnsWorld(ReturnPolicy policy) {
        returns = ReturnService.builder(orders, payments, inventory, returnStore).policy(policy).carrier(carrier)
                .storeCredit(storeCredit).clock(clock).ids(ids).build();
    }

    static MonetaryAmount eur(String amount) {
        return Amounts.of(amount, "EUR");
    }

    static NewLine line(String id, String sku, long quantity, String unitPrice, String unitDiscount, String unitTax) {
        return new NewLine(LineId.of(id), Sku.of(sku), Quantity.of(quantity), eur(unitPrice), eur(unitDiscount),
                dev.oms.spi.order.LineTax.perUnit(eur(unitTax)));
    }

    static List<LineQuantity> units(String lineId, long quantity) {
        return List.of(new LineQuantity(LineId.of(lineId), Quantity.of(quantity)));
    }

    CommandKey key() {
        return CommandKey.of("k-" + keys.incrementAndGet());
    }

    /** Stocks a SKU at Berlin and at the returns center (where returns are restocked). */
    void stock(String sku, long units) {
        for (LocationId at : List.of(BERLIN, RETURNS_CENTER)) {
            inventory.definePosition(Sku.of(sku), at, PositionSettings.NONE);
        }
        inventory.receive(Sku.of(sku), BERLIN, Quantity.of(units), Reference.of(Reference.Type.RECEIPT, "po-" + sku),
                key());
    }

    /**
     * Places an order to Potsdam, authorises its grand total, confirms it, routes it to Berlin,
     * picks, packs and ships everything (capturing per shipment), and delivers it.
     */
    OrderId deliveredOrder(String externalId, UnaryOperator<PlaceOrder.Builder> content) {
        OrderId id = shippedOrder(externalId, content);
        deliver(id);
        return id;
    }

    /** As {@link #deliveredOrder} but the parcels are still in transit. */
    OrderId shippedOrder(String externalId, UnaryOperator<PlaceOrder.Builder> content) {
        PlaceOrder.Builder b = PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(externalId),
                CustomerRef.of("c-7"), Monetary.getCurrency("EUR")).shipTo(TO_POTSDAM).placedAt(clock.instant());
        OrderId id = orders.place(content.apply(b).build(), key()).order().id();
        authorisation.accept(id, OrderTotals.of(orders.load(id)).grandTotal());
        orders.handle(id, new OrderCommand.Confirm(), key());
        Order order = orders.load(id);
        for (FulfillmentOrder fo : fulfillment.routeAndCreate(id, router, RoutingRequest.forOrder(order), key())
                .created()) {
            fulfillment.startPicking(fo.id(), key());
            fulfillment.pack(fo.id(), key());
            fulfillment.ship(fo.id(), fo.lines().stream().map(l -> new LineQuantity(l.lineId(), l.quantity())).toList(),
                    key());
        }
        return id;
    }

    /** Feeds every shipment of the order its scripted journey to delivery. */
    void deliver(OrderId id) {
        for (FulfillmentOrder fo : fulfillmentOrders(id)) {
            for (Shipment s : fulfillment.shipmentsOf(fo.id())) {
                for (TrackingUpdate u : carrier.journey(s.trackingNumber(), clock.instant())) {
                    fulfillment.applyTracking(u);
                }
            }
        }
    }

    List<FulfillmentOrder> fulfillmentOrders(OrderId id) {
        return fulfillment.ofOrder(id);
    }
}
