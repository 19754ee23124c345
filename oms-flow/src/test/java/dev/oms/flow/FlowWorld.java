package dev.oms.flow;

import dev.oms.core.PlaceOrder;
import dev.oms.fakes.FakeCarrier;
import dev.oms.fakes.FakeFraudScreen;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.fakes.ManualClock;
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
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.LineQuantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.money.Monetary;
import javax.money.MonetaryAmount;

/** A flow on in-memory stores (or given ones): two warehouses and a store in Germany, fakes for payment, fraud and carrier. */
final class FlowWorld {
    static final LocationId BERLIN = LocationId.of("wh-berlin");
    static final LocationId HAMBURG = LocationId.of("wh-hamburg");
    static final LocationId STORE = LocationId.of("store-munich");
    static final Address POTSDAM = Address.of("DE", "14467").withCoordinates(Coordinates.of(52.391, 13.065));
    static final Address VIENNA = Address.of("AT", "1010").withCoordinates(Coordinates.of(48.208, 16.373));

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
    final FakePaymentGateway payments = new FakePaymentGateway();
    final FakeFraudScreen fraud = new FakeFraudScreen();
    final FakeCarrier carrier = new FakeCarrier("parcelco");
    final FlowStores stores;
    final OrderFlow flow;
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong orders = new AtomicLong();

    FlowWorld() {
        this(FlowStores.inMemory(), UnaryOperator.identity());
    }

    FlowWorld(FlowStores stores, UnaryOperator<OrderFlow.Builder> more) {
        this.stores = stores;
        this.flow = more.apply(OrderFlow.builder(stores)
                .payments(payments).fraud(fraud).carrier(carrier)
                .locations(location(BERLIN, LocationType.WAREHOUSE, 52.520, 13.405, "DE"),
                        location(HAMBURG, LocationType.WAREHOUSE, 53.551, 9.994, "DE", "AT"),
                        Location.builder(STORE, LocationType.STORE, Coordinates.of(48.137, 11.575), eur("1.00"))
                                .serves("DE").offersPickup().build())
                .clock(clock).ids(IdGenerator.sequential("fw" + Long.toHexString(System.nanoTime())))).build();
    }

    private static Location location(LocationId id, LocationType type, double lat, double lon, String... countries) {
        return Location.builder(id, type, Coordinates.of(lat, lon), eur("4.00")).serves(countries).build();
    }

    static MonetaryAmount eur(String amount) {
        return Amounts.of(amount, "EUR");
    }

    CommandKey key() {
        return CommandKey.of("k-" + keys.incrementAndGet());
    }

    FlowWorld stock(String sku, LocationId at, long units) {
        flow.inventory().definePosition(Sku.of(sku), at, PositionSettings.NONE);
        if (units > 0) {
            flow.inventory().receive(Sku.of(sku), at, Quantity.of(units), Reference.of(Reference.Type.RECEIPT,
                    "po-" + sku + "-" + at + "-" + keys.incrementAndGet()), key());
        }
        return this;
    }

    /** A web order to Potsdam with the given lines (id, SKU, units, unit price), standard shipping 4.90. */
    PlaceOrder.Builder order(String customer) {
        return PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("web-" + orders.incrementAndGet()),
                CustomerRef.of(customer), Monetary.getCurrency("EUR")).shipTo(POTSDAM).placedAt(clock.instant())
                .shipping("standard", eur("4.90"), eur("0.93"));
    }

    /** Picks, packs and ships every open unit of a fulfilment order. */
    FlowResult shipAll(FulfillmentOrder fo) {
        flow.startPicking(fo.id(), key());
        flow.pack(fo.id(), key());
        FulfillmentOrder packed = flow.fulfillment().load(fo.id());
        List<LineQuantity> lines = packed.lines().stream().filter(l -> l.open().isPositive())
                .map(l -> new LineQuantity(l.lineId(), l.open())).toList();
        return flow.ship(fo.id(), lines, key());
    }

    /** The carrier reports the parcel delivered an hour later. */
    FlowResult deliver(Shipment shipment) {
        clock.advance(Duration.ofHours(1));
        return flow.track(new TrackingUpdate("d-" + shipment.trackingNumber(), shipment.trackingNumber(),
                ShipmentStatus.DELIVERED, clock.instant().minusSeconds(60), "delivered"));
    }
}
