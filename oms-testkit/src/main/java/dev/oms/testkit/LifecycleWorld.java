package dev.oms.testkit;

import dev.oms.core.InMemoryOrderStore;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.fakes.FakePaymentGateway;
import dev.oms.core.fakes.ManualClock;
import dev.oms.inventory.InMemoryInventoryStore;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.LocationChooser;
import dev.oms.inventory.OrderReservations;
import dev.oms.returns.InMemoryReturnStore;
import dev.oms.returns.ReturnService;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReturnId;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.PositionSettings;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.Order;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.store.OrderStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system a generated lifecycle runs against: the order, payment, inventory and returns
 * services wired the way a host wires them, on stores the host chooses (the in-memory ones by
 * default, or the host's own adapters), with a catalogue stocked at some locations, a fake
 * payment provider and a clock that moves only when a step says so. Mutable and not thread-safe:
 * one world per generated chain.
 */
public final class LifecycleWorld {
    /** Where returned units are sent back to and restocked. */
    public static final LocationId RETURNS = LocationId.of("returns");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-01T09:00:00Z"));
    private final AtomicLong keys = new AtomicLong();
    private final List<CatalogItem> catalogue;
    private final OrderService orders;
    private final FakePaymentGateway gateway = new FakePaymentGateway();
    private final OrderPayments payments;
    private final InventoryService inventory;
    private final OrderReservations reservations;
    private final ReturnService returns;
    private final List<OrderId> placed = new ArrayList<>();
    private final List<ReturnId> returnIds = new ArrayList<>();
    private String lastStep = "the start";
    private int steps;

    private LifecycleWorld(OrderStore orderStore, InventoryStore inventoryStore, ReturnStore returnStore,
            List<CatalogItem> catalogue, Map<PositionKey, dev.oms.spi.Quantity> stock) {
        this.catalogue = List.copyOf(catalogue);
        IdGenerator ids = IdGenerator.sequential("life-" + Long.toHexString(System.nanoTime()));
        this.orders = OrderService.builder(orderStore).decider(OrderDecider.builder().clock(clock).ids(ids).build())
                .build();
        this.payments = new OrderPayments(orders, gateway);
        this.inventory = InventoryService.builder(inventoryStore).clock(clock).ids(ids).build();
        this.reservations = new OrderReservations(orders, inventory, LocationChooser.mostAvailable(inventory.availability()));
        this.returns = ReturnService.builder(orders, payments, inventory, returnStore).clock(clock).ids(ids).build();
        for (CatalogItem item : catalogue) {
            inventory.definePosition(item.sku(), RETURNS, PositionSettings.NONE);
        }
        stock.forEach((key, units) -> {
            inventory.definePosition(key.sku(), key.location(), PositionSettings.NONE);
            if (units.isPositive()) {
                inventory.receive(key.sku(), key.location(), units, Reference.of(Reference.Type.RECEIPT,
                        "stock-" + key), key());
            }
        });
    }

    /**
     * @param catalogue the products
     * @param stock units on hand per (SKU, location)
     * @return a world on the in-memory stores
     */
    public static LifecycleWorld inMemory(List<CatalogItem> catalogue, Map<PositionKey, dev.oms.spi.Quantity> stock) {
        return on(new InMemoryOrderStore(), new InMemoryInventoryStore(), new InMemoryReturnStore(), catalogue, stock);
    }

    /**
     * @param orderStore the host's order store (or adapter under test)
     * @param inventoryStore the host's inventory store
     * @param returnStore the host's return store
     * @param catalogue the products
     * @param stock units on hand per (SKU, location)
     * @return a world on those stores
     */
    public static LifecycleWorld on(OrderStore orderStore, InventoryStore inventoryStore, ReturnStore returnStore,
            List<CatalogItem> catalogue, Map<PositionKey, dev.oms.spi.Quantity> stock) {
        InvalidInputException.requireNonNull(orderStore, "orderStore");
        InvalidInputException.requireNonNull(inventoryStore, "inventoryStore");
        InvalidInputException.requireNonNull(returnStore, "returnStore");
        InvalidInputException.requireNonNull(catalogue, "catalogue");
        InvalidInputException.requireNonNull(stock, "stock");
        return new LifecycleWorld(orderStore, inventoryStore, returnStore, catalogue, stock);
    }

    /** @return a fresh idempotency key */
    public CommandKey key() {
        return CommandKey.of("life-" + keys.incrementAndGet());
    }

    /** @return the order service */
    public OrderService orders() {
        return orders;
    }

    /** @return payments through the fake provider */
    public OrderPayments payments() {
        return payments;
    }

    /** @return the fake payment provider, to script declines */
    public FakePaymentGateway gateway() {
        return gateway;
    }

    /** @return the inventory service */
    public InventoryService inventory() {
        return inventory;
    }

    /** @return confirmation with reservation, cancellation with release, shipment with commit */
    public OrderReservations reservations() {
        return reservations;
    }

    /** @return the returns service (standard policy) */
    public ReturnService returns() {
        return returns;
    }

    /** @return the clock; steps may advance it */
    public ManualClock clock() {
        return clock;
    }

    /** @return the products */
    public List<CatalogItem> catalogue() {
        return catalogue;
    }

    /** @return the SKUs of the catalogue */
    public List<Sku> skus() {
        return catalogue.stream().map(CatalogItem::sku).toList();
    }

    /** @return the orders placed so far, oldest first */
    public List<OrderId> placed() {
        return List.copyOf(placed);
    }

    /** @return the orders as they are now, oldest first */
    public List<Order> orderSnapshots() {
        return placed.stream().map(orders::load).toList();
    }

    /** @return the returns requested so far, oldest first */
    public List<ReturnId> returnIds() {
        return List.copyOf(returnIds);
    }

    /** @return "step N: what it did", for invariant messages */
    public String lastStep() {
        return "step " + steps + " (" + lastStep + ")";
    }

    void placedOrder(OrderId id) {
        if (!placed.contains(id)) {
            placed.add(id);
        }
    }

    void requestedReturn(ReturnId id) {
        returnIds.add(id);
    }

    void step(String description) {
        steps++;
        lastStep = description;
    }

    /**
     * Checks every invariant of the kit on the whole world: each order's ({@link Invariants#order}),
     * no oversell and a reconciled ledger for every SKU of the catalogue.
     *
     * @throws AssertionError naming the last step and what broke
     */
    public void checkInvariants() {
        for (Order order : orderSnapshots()) {
            Invariants.order(order, lastStep());
        }
        Invariants.noOversell(inventory, skus(), lastStep());
        Invariants.ledgerReconciles(inventory, skus(), lastStep());
    }

    @Override
    public String toString() {
        return "LifecycleWorld[" + placed.size() + " orders, " + returnIds.size() + " returns, after " + lastStep() + "]";
    }
}
