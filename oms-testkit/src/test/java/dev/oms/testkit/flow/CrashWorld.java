package dev.oms.testkit.flow;

import dev.oms.core.PlaceOrder;
import dev.oms.fakes.FakeCarrier;
import dev.oms.fakes.FakeFraudScreen;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.fakes.FakeStoreCredit;
import dev.oms.fakes.ManualClock;
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
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.payment.PaymentGateway;
import dev.oms.testkit.Faults;
import dev.oms.testkit.FlowInvariants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.money.Monetary;
import javax.money.MonetaryAmount;

/** A flow whose stores and gateways crash where {@link #faults} is armed: two warehouses and a store, fakes for the rest. */
public final class CrashWorld {
    public static final LocationId BERLIN = LocationId.of("wh-berlin");
    public static final LocationId HAMBURG = LocationId.of("wh-hamburg");
    public static final LocationId STORE = LocationId.of("store-munich");
    public static final Address POTSDAM = Address.of("DE", "14467").withCoordinates(Coordinates.of(52.391, 13.065));
    /** The catalogue's names; every world stocks them under SKUs of its own ({@link #sku}), so worlds can share a database. */
    public static final List<String> PRODUCTS = List.of("TEE", "MUG", "CAP");

    public final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
    public final Faults faults = new Faults();
    public final FakePaymentGateway payments = new FakePaymentGateway();
    public final FakeFraudScreen fraud = new FakeFraudScreen();
    public final FakeCarrier carrier;
    public final OrderFlow flow;
    private final List<String> externalIds = new ArrayList<>();
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong external = new AtomicLong();
    private final String world = Long.toHexString(System.nanoTime()) + Integer.toHexString(NEXT.incrementAndGet());
    private static final java.util.concurrent.atomic.AtomicInteger NEXT = new java.util.concurrent.atomic.AtomicInteger();

    public CrashWorld() {
        this(FlowStores.inMemory());
    }

    public CrashWorld(FlowStores stores) {
        this(stores, () -> { });
    }

    private final AutoCloseable resources;

    /**
     * @param stores the stores to crash on
     * @param resources what to release when the world is done (a database of its own, say)
     */
    public CrashWorld(FlowStores stores, AutoCloseable resources) {
        this.resources = resources;
        this.carrier = new FakeCarrier("parcelco", "T" + world);
        this.flow = OrderFlow.builder(faults.wrap(stores))
                .payments(faults.wrap(PaymentGateway.class, payments)).fraud(fraud)
                .carrier(faults.wrap(CarrierGateway.class, carrier)).storeCredit(faults.wrap(new FakeStoreCredit()))
                .locations(location(BERLIN, LocationType.WAREHOUSE, 52.520, 13.405),
                        location(HAMBURG, LocationType.WAREHOUSE, 53.551, 9.994),
                        Location.builder(STORE, LocationType.STORE, Coordinates.of(48.137, 11.575), eur("1.00"))
                                .serves("DE").offersPickup().build())
                .clock(clock).ids(IdGenerator.sequential("cw" + world)).build();
        for (Sku sku : skus()) {
            for (LocationId at : List.of(BERLIN, HAMBURG, STORE)) {
                flow.inventory().definePosition(sku, at, PositionSettings.NONE);
            }
        }
    }

    private static Location location(LocationId id, LocationType type, double lat, double lon) {
        return Location.builder(id, type, Coordinates.of(lat, lon), eur("4.00")).serves("DE").build();
    }

    public static MonetaryAmount eur(String amount) {
        return Amounts.of(amount, "EUR");
    }

    public CommandKey key() {
        return CommandKey.of("k-" + world + "-" + keys.incrementAndGet());
    }

    /** @return this world's SKU of a product */
    public Sku sku(String product) {
        return Sku.of(product + "-" + world);
    }

    public List<Sku> skus() {
        return PRODUCTS.stream().map(this::sku).toList();
    }

    public CrashWorld stock(String sku, LocationId at, long units) {
        flow.inventory().receive(sku(sku), at, Quantity.of(units), Reference.of(Reference.Type.RECEIPT,
                "po-" + world + "-" + keys.incrementAndGet()), key());
        return this;
    }

    public PlaceOrder.Builder order(String customer) {
        String id = "web-" + world + "-" + external.incrementAndGet();
        externalIds.add(id);
        return PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of(id),
                CustomerRef.of(customer), Monetary.getCurrency("EUR")).shipTo(POTSDAM).placedAt(clock.instant())
                .shipping("standard", eur("4.90"), eur("0.93")).discount("WELCOME", eur("3.00"));
    }

    /** A line of this world's product. */
    public dev.oms.spi.order.NewLine line(String id, String product, long units, String price) {
        return dev.oms.spi.order.NewLine.of(id, sku(product).value(), units, eur(price));
    }

    public FlowResult accept(PlaceOrder.Builder order) {
        return flow.accept(order.build(), key());
    }

    /** @return every order placed so far (found by its channel order, whatever crashed), with replacements */
    public List<OrderId> orders() {
        List<OrderId> found = new ArrayList<>();
        for (String id : externalIds) {
            flow.orders().find(ChannelId.of("web"), ExternalOrderId.of(id)).ifPresent(o -> {
                found.add(o.id());
                flow.returns().ofOrder(o.id()).forEach(r -> r.replacement().flatMap(x -> x.orderId())
                        .ifPresent(found::add));
            });
        }
        return found;
    }

    public FulfillmentOrder packed(FulfillmentOrder fo) {
        flow.startPicking(fo.id(), key());
        return flow.pack(fo.id(), key());
    }

    public List<LineQuantity> open(FulfillmentOrder fo) {
        return flow.fulfillment().load(fo.id()).lines().stream().filter(l -> l.open().isPositive())
                .map(l -> new LineQuantity(l.lineId(), l.open())).toList();
    }

    public TrackingUpdate delivered(Shipment shipment) {
        return new TrackingUpdate("d-" + shipment.trackingNumber(), shipment.trackingNumber(), ShipmentStatus.DELIVERED,
                clock.instant(), "delivered");
    }

    /** Releases the world's resources. */
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A minute later (past the resume time), resumes what is running. */
    public void resume() {
        clock.advance(Duration.ofMinutes(1));
        flow.resume();
    }

    public void check(String step) {
        FlowInvariants.check(flow, orders(), skus(), step);
    }

    /** Runs {@code step} with a crash armed; swallows the crash and whatever it left behind. */
    public static void crashing(CrashWorld w, int effect, Faults.When when, Supplier<?> step) {
        w.faults.reset();
        w.faults.arm(effect, when);
        try {
            step.get();
        } catch (Faults.Crash crashed) {
            // the JVM died here
        } finally {
            w.faults.disarm();
        }
    }
}
