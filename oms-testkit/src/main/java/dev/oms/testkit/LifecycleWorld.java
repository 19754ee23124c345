package dev.oms.testkit;

import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.memory.InMemoryBalances;
import dev.oms.fakes.FakeCarrier;
import dev.oms.fakes.FakeFraudScreen;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.fakes.FakeStoreCredit;
import dev.oms.fakes.ManualClock;
import dev.oms.flow.FlowStores;
import dev.oms.flow.OrderFlow;
import dev.oms.flow.memory.InMemoryProcessStore;
import dev.oms.fulfillment.Location;
import dev.oms.fulfillment.Location.LocationType;
import dev.oms.fulfillment.memory.InMemoryFulfillmentStore;
import dev.oms.inventory.InventoryService;
import dev.oms.returns.ReturnService;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.Order;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.store.OrderStore;
import dev.oms.testkit.OmsArbitraries.CatalogItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.money.MonetaryAmount;

/**
 * The system a generated lifecycle runs against: an {@link OrderFlow} wired the way a host wires
 * it, on stores the host chooses (the in-memory ones by default, or the host's own adapters),
 * with two warehouses and a returns location that ship everywhere the kit's orders go, a catalogue
 * stocked there, a fake payment provider for cards, two gift cards kept by an
 * {@link InMemoryBalances} ({@link #GIFT_CARDS}, each opened with {@link #giftCardBalance()}), a
 * fake fraud screen and carrier, a clock that moves only when a step says so, and {@link Faults}
 * around every store and gateway (disarmed unless a step arms it). Thread-safe where the flow is (several threads may run steps on one world); its list of
 * orders and returns is safe to share.
 */
public final class LifecycleWorld {
    /** Where returned units are sent back to and restocked. */
    public static final LocationId RETURNS = LocationId.of("returns");
    /** The warehouses orders are routed to. */
    public static final List<LocationId> WAREHOUSES = List.of(LocationId.of("wh-1"), LocationId.of("wh-2"));
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "AT", "IT", "ES", "PL", "GB", "US"};

    /** The card an order paid several ways pays the rest with (the fake provider's). */
    public static final PaymentMethod CARD = PaymentMethod.of("card", PaymentMethod.Kind.CARD);
    /** The gift cards every world's orders may spend, shared by all its orders. */
    public static final List<PaymentMethod> GIFT_CARDS = List.of(PaymentMethod.of("gift-1",
            PaymentMethod.Kind.GIFT_CARD), PaymentMethod.of("gift-2", PaymentMethod.Kind.GIFT_CARD));

    /** Where every world's clock starts. */
    public static final Instant START = Instant.parse("2026-11-01T09:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final AtomicLong keys = new AtomicLong();
    private final String run;
    private volatile boolean shared;
    private final List<CatalogItem> catalogue;
    private final Faults faults = new Faults();
    private final FakePaymentGateway gateway = new FakePaymentGateway();
    private final InMemoryBalances balances = new InMemoryBalances();
    private final Optional<MonetaryAmount> giftCardBalance;
    private final FakeFraudScreen fraud = new FakeFraudScreen();
    private final FakeCarrier carrier;
    private final OrderFlow flow;
    private final OrderPayments payments;
    private final CopyOnWriteArrayList<OrderId> placed = new CopyOnWriteArrayList<>();
    private final List<ReturnId> returnIds = new CopyOnWriteArrayList<>();
    /** Placements a crash interrupted before the order was stored: a resume may place them later. */
    private final CopyOnWriteArrayList<dev.oms.core.PlaceOrder> unplaced = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> lastStep = new AtomicReference<>("the start");
    private final AtomicLong steps = new AtomicLong();

    private LifecycleWorld(String run, FlowStores stores, List<CatalogItem> catalogue, Map<PositionKey, Quantity> stock) {
        this.run = run;
        this.catalogue = List.copyOf(catalogue);
        this.carrier = new FakeCarrier("life", "L" + run.toUpperCase(java.util.Locale.ROOT));
        IdGenerator ids = IdGenerator.sequential("life-" + run);
        // each gift card holds four units of the first product: some orders it pays whole, some not
        this.giftCardBalance = catalogue.stream().findFirst().map(item -> item.unitPrice().multiply(4));
        giftCardBalance.ifPresent(balance -> GIFT_CARDS.forEach(card -> balances.open(card.id(), balance)));
        this.flow = OrderFlow.builder(faults.wrap(stores))
                .payments(faults.wrap(PaymentGateway.class, gateway))
                .balances(faults.wrap(PaymentGateway.class, balances)).fraud(fraud)
                .carrier(faults.wrap(CarrierGateway.class, carrier)).storeCredit(faults.wrap(new FakeStoreCredit()))
                .locations(location(WAREHOUSES.get(0), 52.52, 13.40), location(WAREHOUSES.get(1), 48.14, 11.58))
                .clock(clock).ids(ids).build();
        this.payments = new OrderPayments(flow.orders(), gateway).withBalances(balances);
        for (CatalogItem item : catalogue) {
            flow.inventory().definePosition(item.sku(), RETURNS, PositionSettings.NONE);
            for (LocationId at : WAREHOUSES) {
                flow.inventory().definePosition(item.sku(), at, PositionSettings.NONE);
            }
        }
        stock.forEach((key, units) -> {
            flow.inventory().definePosition(key.sku(), key.location(), PositionSettings.NONE);
            if (units.isPositive()) {
                flow.inventory().receive(key.sku(), key.location(), units, Reference.of(Reference.Type.RECEIPT,
                        "stock-" + key), key());
            }
        });
    }

    private static Location location(LocationId id, double lat, double lon) {
        return Location.builder(id, LocationType.WAREHOUSE, Coordinates.of(lat, lon), Amounts.of("4.00", "EUR"))
                .serves(COUNTRIES).build();
    }

    /**
     * @param catalogue the products
     * @param stock units on hand per (SKU, location)
     * @return a world on the in-memory stores
     */
    public static LifecycleWorld inMemory(List<CatalogItem> catalogue, Map<PositionKey, Quantity> stock) {
        return on(FlowStores.inMemory(), catalogue, stock);
    }

    /**
     * @param stores the host's stores (or adapters under test)
     * @param catalogue the products
     * @param stock units on hand per (SKU, location); use {@link #WAREHOUSES} for stock orders can reach
     * @return a world on those stores
     */
    public static LifecycleWorld on(FlowStores stores, List<CatalogItem> catalogue, Map<PositionKey, Quantity> stock) {
        InvalidInputException.requireNonNull(stores, "stores");
        InvalidInputException.requireNonNull(catalogue, "catalogue");
        InvalidInputException.requireNonNull(stock, "stock");
        return new LifecycleWorld(Long.toHexString(System.nanoTime()), stores, catalogue, stock);
    }

    /**
     * A world whose ids and keys derive from a name instead of the time, so that a seeded run
     * gives the same ids, and so the same run, every time. Worlds on shared stores need names of
     * their own.
     *
     * @param name names its ids and keys
     * @param stores the stores
     * @param catalogue the products
     * @param stock units on hand per (SKU, location)
     * @return the world
     */
    public static LifecycleWorld named(String name, FlowStores stores, List<CatalogItem> catalogue,
            Map<PositionKey, Quantity> stock) {
        InvalidInputException.requireCode(name, "name");
        InvalidInputException.requireNonNull(stores, "stores");
        InvalidInputException.requireNonNull(catalogue, "catalogue");
        InvalidInputException.requireNonNull(stock, "stock");
        return new LifecycleWorld(name, stores, catalogue, stock);
    }

    /**
     * Marks the world as shared by threads that run steps at the same time: a refusal can then no
     * longer be checked to have changed nothing (another thread may have changed the order), so
     * steps stop checking it; the invariants still hold.
     *
     * @return this world
     */
    public LifecycleWorld sharedByThreads() {
        this.shared = true;
        return this;
    }

    /** @return whether threads share the world */
    public boolean shared() {
        return shared;
    }

    /**
     * A world on the host's order, inventory and return stores, with in-memory fulfilment and
     * process stores.
     *
     * @param orderStore the host's order store (or adapter under test)
     * @param inventoryStore the host's inventory store
     * @param returnStore the host's return store
     * @param catalogue the products
     * @param stock units on hand per (SKU, location)
     * @return a world on those stores
     */
    public static LifecycleWorld on(OrderStore orderStore, InventoryStore inventoryStore, ReturnStore returnStore,
            List<CatalogItem> catalogue, Map<PositionKey, Quantity> stock) {
        return on(FlowStores.of(orderStore, inventoryStore, new InMemoryFulfillmentStore(), returnStore,
                new InMemoryProcessStore()), catalogue, stock);
    }

    /** @return a fresh idempotency key */
    public CommandKey key() {
        return CommandKey.of("life-" + run + "-" + keys.incrementAndGet());
    }

    /** @return the flow, the one entry point the steps use */
    public OrderFlow flow() {
        return flow;
    }

    /** @return the order service */
    public OrderService orders() {
        return flow.orders();
    }

    /** @return payments through the fake provider and the gift cards, for a host's own steps outside the flow */
    public OrderPayments payments() {
        return payments;
    }

    /** @return the fake payment provider, to script declines */
    public FakePaymentGateway gateway() {
        return gateway;
    }

    /** @return the gift cards' balances */
    public InMemoryBalances balances() {
        return balances;
    }

    /** @return what each gift card was opened with (four units of the first product); empty without a catalogue */
    public Optional<MonetaryAmount> giftCardBalance() {
        return giftCardBalance;
    }

    /** @return the fake fraud screen, to send customers to review */
    public FakeFraudScreen fraud() {
        return fraud;
    }

    /** @return the fake carrier */
    public FakeCarrier carrier() {
        return carrier;
    }

    /** @return the crash controller around every store and gateway */
    public Faults faults() {
        return faults;
    }

    /** @return the inventory service */
    public InventoryService inventory() {
        return flow.inventory();
    }

    /** @return the returns service (standard policy) */
    public ReturnService returns() {
        return flow.returns();
    }

    /** @return the clock; steps may advance it */
    public ManualClock clock() {
        return clock;
    }

    /** @param by how far the clock moves @return the new time */
    public Instant advance(Duration by) {
        return clock.advance(by);
    }

    /** @return the products */
    public List<CatalogItem> catalogue() {
        return catalogue;
    }

    /** @return the SKUs of the catalogue */
    public List<Sku> skus() {
        return catalogue.stream().map(CatalogItem::sku).toList();
    }

    /**
     * @return the orders placed so far, oldest first: those a step placed, and those a resume
     *     placed after a crash interrupted the step that accepted them
     */
    public List<OrderId> placed() {
        for (dev.oms.core.PlaceOrder p : unplaced) {
            orders().find(p.header().channel(), p.header().externalOrderId()).ifPresent(o -> {
                placedOrder(o.id());
                unplaced.remove(p);
            });
        }
        return List.copyOf(placed);
    }

    /**
     * A placement whose acceptance a crash or outage interrupted, perhaps before the order was
     * stored: the flow's resume may still place it, and {@link #placed} then lists it. The kit's
     * accept step calls it; a host's own accepting step should too.
     *
     * @param placement what was accepted
     */
    public void interruptedPlacement(dev.oms.core.PlaceOrder placement) {
        InvalidInputException.requireNonNull(placement, "placement");
        Optional<Order> stored = orders().find(placement.header().channel(), placement.header().externalOrderId());
        if (stored.isPresent()) {
            placedOrder(stored.get().id());
        } else {
            unplaced.addIfAbsent(placement);
        }
    }

    /** @return the orders as they are now, oldest first */
    public List<Order> orderSnapshots() {
        return placed().stream().map(orders()::load).toList();
    }

    /** @return the returns requested so far, oldest first */
    public List<ReturnId> returnIds() {
        return List.copyOf(returnIds);
    }

    /** @return "step N: what it did", for invariant messages */
    public String lastStep() {
        return "step " + steps.get() + " (" + lastStep.get() + ")";
    }

    /** @param id an order placed by a step (or by a host's own step) */
    public void placedOrder(OrderId id) {
        placed.addIfAbsent(InvalidInputException.requireNonNull(id, "id"));
    }

    /** @param id a return requested by a step */
    public void requestedReturn(ReturnId id) {
        returnIds.add(id);
    }

    /** @param description what the step does, for messages */
    public void step(String description) {
        steps.incrementAndGet();
        lastStep.set(description);
    }

    /**
     * Checks every invariant of the kit on the whole world: each order's ({@link Invariants#order})
     * and those across the modules ({@link FlowInvariants}: at every step, and at rest for orders
     * no process is working on), no oversell and a reconciled ledger for every SKU, and, once
     * every order is at rest, that each gift card's balance is what the orders recorded
     * ({@link #checkGiftCards}).
     *
     * @throws AssertionError naming the last step and what broke
     */
    public void checkInvariants() {
        List<OrderId> ids = placed();
        List<Order> orders = ids.stream().map(orders()::load).toList();
        for (Order order : orders) {
            Invariants.order(order, lastStep());
        }
        FlowInvariants.check(flow, ids, skus(), lastStep());
        if (ids.stream().allMatch(id -> FlowInvariants.atRest(flow, id))) {
            checkGiftCards(orders);
        }
    }

    /**
     * Each gift card has what it was opened with, less what the orders recorded as authorised on
     * it, plus what they recorded as voided and refunded: the balance and the orders agree to the
     * cent, and no order spent what the card did not have. Holds only while no process is working
     * on an order (a crash between the card's answer and its record leaves them apart until the
     * resume); {@link #checkInvariants} checks it then. Like every check of the kit it reads the
     * world between steps, with no step running on another thread. It assumes what the kit's
     * steps do: refunds go back to the original payment (a host step that pays a refund out as
     * store credit or an exchange's credit records it refunded on the order without crediting
     * the card, and would have to skip this check).
     *
     * @throws AssertionError naming the last step, the card and both figures
     */
    public void checkGiftCards() {
        checkGiftCards(orderSnapshots());
    }

    private void checkGiftCards(List<Order> orders) {
        if (giftCardBalance.isEmpty()) {
            return;
        }
        for (PaymentMethod card : GIFT_CARDS) {
            MonetaryAmount expected = giftCardBalance.get();
            for (Order order : orders) {
                Optional<Order.PaymentLedger.MethodLedger> m = order.payments().method(card.id());
                if (m.isPresent()) {
                    Order.PaymentLedger l = m.get().ledger();
                    expected = expected.subtract(l.authorised()).add(l.voided()).add(l.refunded());
                }
            }
            MonetaryAmount available = balances.available(card.id()).orElseThrow();
            if (!available.isEqualTo(expected) || available.isNegative()) {
                throw new AssertionError("after " + lastStep() + ": gift card " + card.id() + " has " + available
                        + " available, but the orders' records leave it " + expected);
            }
        }
    }

    @Override
    public String toString() {
        return "LifecycleWorld[" + placed.size() + " orders, " + returnIds.size() + " returns, after " + lastStep() + "]";
    }
}
