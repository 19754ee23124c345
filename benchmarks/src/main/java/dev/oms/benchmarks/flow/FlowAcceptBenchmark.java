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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.money.Monetary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The flow's accept path, as a host calls it for every order: {@code OrderFlow.accept} of a new
 * three-line order (its process record, the fraud screen, the authorisation with the fake
 * gateway, confirm, routing over three warehouses, the reservation, the fulfilment order), on the
 * in-memory stores, keyed. Every iteration starts with fresh stores and stock enough for all of
 * it, so each accept does the whole path and the heap does not carry earlier iterations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FlowAcceptBenchmark {
    private static final List<String> SKUS = List.of("TEE-M", "MUG", "CAP");
    private final AtomicLong next = new AtomicLong();
    private OrderFlow flow;

    /** Fresh stores, three warehouses in Germany, and a million units of each SKU at each. */
    @Setup(Level.Iteration)
    public void freshFlow() {
        List<Location> warehouses = List.of(
                warehouse("wh-berlin", 52.52, 13.40), warehouse("wh-hamburg", 53.55, 9.99),
                warehouse("wh-munich", 48.14, 11.58));
        flow = OrderFlow.builder(FlowStores.inMemory()).payments(new FakePaymentGateway())
                .carrier(new FakeCarrier("parcelco")).locations(warehouses).build();
        for (Location warehouse : warehouses) {
            for (String sku : SKUS) {
                flow.inventory().definePosition(Sku.of(sku), warehouse.id(), PositionSettings.NONE);
                String receipt = "po-" + sku + "-" + warehouse.id().value();
                flow.receive(Sku.of(sku), warehouse.id(), Quantity.of(1_000_000),
                        Reference.of(Reference.Type.RECEIPT, receipt), CommandKey.of(receipt));
            }
        }
    }

    private static Location warehouse(String id, double latitude, double longitude) {
        return Location.builder(LocationId.of(id), LocationType.WAREHOUSE, Coordinates.of(latitude, longitude),
                Amounts.of("4.00", "EUR")).serves("DE").build();
    }

    /** @return the accepted order with its fulfilment order */
    @Benchmark
    @Threads(1)
    public FlowResult accept1Thread() {
        return accept();
    }

    /** @return the accepted order with its fulfilment order */
    @Benchmark
    @Threads(2)
    public FlowResult accept2Threads() {
        return accept();
    }

    private FlowResult accept() {
        long n = next.incrementAndGet();
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
