package dev.oms.examples.shopday;

import dev.oms.channels.OrderImport;
import dev.oms.core.EventDelivery;
import dev.oms.core.OrderService;
import dev.oms.examples.notifications.CustomerNotifications;
import dev.oms.fakes.FakeFraudScreen;
import dev.oms.fakes.ManualClock;
import dev.oms.flow.FlowPolicy;
import dev.oms.flow.OrderFlow;
import dev.oms.fulfillment.FulfillmentQueue;
import dev.oms.fulfillment.FulfillmentService;
import dev.oms.inventory.InventoryService;
import dev.oms.returns.ReturnPolicy;
import dev.oms.returns.ReturnService;
import dev.oms.spi.Amounts;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.OrderId;
import dev.oms.spi.event.OrderEvent.OrderCompleted;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.order.ServiceLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The host's wiring, as a real backend would write it: its clock and ids, its stores, its payment
 * provider, fraud rules and carrier behind oms' interfaces, the routing network with its daily
 * capacities, the return policy and the flow's timers, all handed to one {@link OrderFlow}; the
 * channel import, and event delivery to customer notifications and replenishment. Only oms' public
 * API is used.
 */
final class Shop {
    /** Unpaid orders are cancelled after a day, backorders after four, uncollected pickups after three. */
    static final FlowPolicy POLICY = FlowPolicy.defaults().withUnpaidAfter(Optional.of(Duration.ofHours(24)))
            .withBackorderAfter(Optional.of(Duration.ofDays(4))).withPickupAfter(Optional.of(Duration.ofDays(3)));

    final ManualClock clock;
    final ShopStores stores;
    final SimulatedPaymentProvider paymentProvider = new SimulatedPaymentProvider();
    final FakeFraudScreen fraudRules = new FakeFraudScreen();
    final SimulatedCarrier carrier;
    final DailyCapacity capacity;
    /** The order's life across every module: what the host calls. */
    final OrderFlow flow;
    /** The flow's services, for reads and the single-module steps (return labels, closing a return). */
    final OrderService orders;
    final InventoryService inventory;
    final FulfillmentService fulfillment;
    final ReturnService returns;
    final OrderImport channelImport;
    final EventDelivery delivery;
    /** How long after placement each service level must ship (pickup: be ready in the store). */
    final FulfillmentQueue promises = FulfillmentQueue.of(Map.of(ServiceLevel.SAME_DAY, Duration.ofHours(4),
            ServiceLevel.EXPRESS, Duration.ofHours(12), ServiceLevel.PICKUP_IN_STORE, Duration.ofHours(8),
            ServiceLevel.STANDARD, Duration.ofHours(36)));
    /** Customer messages sent, by subject (the order number left out). */
    final Map<String, AtomicLong> messages = new ConcurrentHashMap<>();
    final AtomicLong lowStockSignals = new AtomicLong();
    /** Told about every parcel that shipped, when its event is delivered (the carrier collects it). */
    final List<Consumer<Shipment>> whenShipped = new CopyOnWriteArrayList<>();
    /** Told about every order that completed, when its event is delivered. */
    final List<Consumer<OrderId>> whenCompleted = new CopyOnWriteArrayList<>();

    Shop(ShopStores stores, Instant start, long seed) {
        this.stores = stores;
        this.clock = new ManualClock(start);
        fraudRules.reviewAbove(Amounts.of("600.00", "EUR"));
        this.carrier = new SimulatedCarrier(seed * 31 + 7, 0.04);
        this.capacity = new DailyCapacity(Network.LOCATIONS, clock);
        this.flow = OrderFlow.builder(stores.flow()).payments(paymentProvider)
                // a business account's orders are approved by the buyer's company, not screened as a shopper's
                .fraud(order -> order.header().b2b().isPresent() ? new dev.oms.spi.payment.FraudScreen.FraudVerdict(
                        dev.oms.spi.payment.FraudScreen.FraudVerdict.Outcome.ACCEPT, "business account")
                        : fraudRules.screen(order)).carrier(carrier)
                .locations(Network.LOCATIONS).routing(router -> router.capacity(capacity))
                .returnPolicy(ReturnPolicy.builder().window(Duration.ofDays(30)).build())
                .clock(clock).ids(IdGenerator.sequential("d" + seed)).policy(POLICY)
                .approvals(BusinessCustomer.APPROVALS).production(BusinessCustomer.RECIPES).drafts(stores.drafts())
                .listener(capacity).build();
        this.orders = flow.orders();
        this.inventory = flow.inventory();
        this.fulfillment = flow.fulfillment();
        this.returns = flow.returns();
        this.channelImport = new OrderImport(orders);
        EventDelivery.Builder events = EventDelivery.from(stores.flow().orders()).inventory(stores.flow().inventory())
                .fulfillment(stores.flow().fulfillment()).returns(stores.flow().returns())
                .subscribe(InventoryEvent.LowStock.class, e -> lowStockSignals.incrementAndGet())
                .subscribe(FulfillmentEvent.Shipped.class, e -> whenShipped.forEach(c -> c.accept(e.shipment())))
                .subscribe(OrderCompleted.class, e -> whenCompleted.forEach(c -> c.accept(e.metadata().orderId())));
        this.delivery = new CustomerNotifications(orders, fulfillment, (customer, message) -> messages.computeIfAbsent(
                message.subject().replaceAll("order \\S+", "order #"), s -> new AtomicLong()).incrementAndGet(),
                "https://track.parcelco.example/").subscribeTo(events).build();
    }
}
