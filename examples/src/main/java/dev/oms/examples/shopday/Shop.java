package dev.oms.examples.shopday;

import dev.oms.core.EventDelivery;
import dev.oms.core.FraudScreening;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.fakes.FakeFraudScreen;
import dev.oms.core.fakes.ManualClock;
import dev.oms.examples.notifications.CustomerNotifications;
import dev.oms.fulfillment.FulfillmentQueue;
import dev.oms.fulfillment.FulfillmentService;
import dev.oms.fulfillment.Router;
import dev.oms.fulfillment.StockView;
import dev.oms.inventory.InventoryService;
import dev.oms.json.OrderImport;
import dev.oms.returns.ReturnPolicy;
import dev.oms.returns.ReturnService;
import dev.oms.spi.Amounts;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.inventory.InventoryEvent;
import dev.oms.spi.order.ServiceLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's wiring, as a real backend would write it: its clock and ids, its stores, its payment
 * provider, fraud rules and carrier behind oms' interfaces, the routing network with its daily
 * capacities, the return policy, the channel import, and event delivery to customer notifications
 * and replenishment. Only oms' public API is used.
 */
final class Shop {
    final ManualClock clock;
    final ShopStores stores;
    final OrderService orders;
    final SimulatedPaymentProvider paymentProvider = new SimulatedPaymentProvider();
    final OrderPayments payments;
    final FakeFraudScreen fraudRules = new FakeFraudScreen();
    final FraudScreening fraud;
    final InventoryService inventory;
    final SimulatedCarrier carrier;
    final FulfillmentService fulfillment;
    final DailyCapacity capacity;
    final Router router;
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
    final AtomicLong backordersFilled = new AtomicLong();

    Shop(ShopStores stores, Instant start, long seed) {
        this.stores = stores;
        this.clock = new ManualClock(start);
        IdGenerator ids = IdGenerator.sequential("d" + seed);
        this.orders = OrderService.builder(stores.orders())
                .decider(OrderDecider.builder().clock(clock).ids(ids).build()).build();
        this.payments = new OrderPayments(orders, paymentProvider);
        fraudRules.reviewAbove(Amounts.of("600.00", "EUR"));
        this.fraud = new FraudScreening(orders, fraudRules);
        this.inventory = InventoryService.builder(stores.inventory()).clock(clock).ids(ids).build();
        this.carrier = new SimulatedCarrier(seed * 31 + 7, 0.04);
        this.fulfillment = FulfillmentService.builder(orders, inventory, stores.fulfillment(), carrier)
                .payments(payments).clock(clock).ids(ids).build();
        this.capacity = new DailyCapacity(Network.LOCATIONS, clock);
        this.router = Router.builder(Network.LOCATIONS, StockView.of(inventory.availability())).capacity(capacity)
                .clock(clock).build();
        this.returns = ReturnService.builder(orders, payments, inventory, stores.returns())
                .policy(ReturnPolicy.builder().window(Duration.ofDays(30)).build())
                .carrier(carrier).clock(clock).ids(ids).build();
        this.channelImport = new OrderImport(orders);
        EventDelivery.Builder events = EventDelivery.from(stores.orders()).inventory(stores.inventory())
                .returns(stores.returns())
                .subscribe(InventoryEvent.LowStock.class, e -> lowStockSignals.incrementAndGet())
                .subscribe(InventoryEvent.BackorderFilled.class, e -> backordersFilled.incrementAndGet());
        this.delivery = new CustomerNotifications(orders, fulfillment, (customer, message) -> messages.computeIfAbsent(
                message.subject().replaceAll("order \\S+", "order #"), s -> new AtomicLong()).incrementAndGet(),
                "https://track.parcelco.example/").subscribeTo(events).build();
    }
}
