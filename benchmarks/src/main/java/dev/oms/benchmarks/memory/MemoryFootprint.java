package dev.oms.benchmarks.memory;

import dev.oms.core.OrderDecider;
import dev.oms.core.PlaceOrder;
import dev.oms.inventory.InventoryService;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.spi.Address;
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
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.Order;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.money.Monetary;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained memory, measured with JOL by walking the object graph: of an order snapshot with three
 * lines, of a reservation record, and of everything the in-memory inventory store keeps per
 * reservation (the reservation, its ledger movement, its idempotency record, its indexes). Each is
 * the size of many instances divided by their number, so objects they share (currencies, money
 * contexts) are not counted against one. Prints {@code name=bytes} lines.
 *
 * <p>Run it with the JVM options JOL needs to read JDK internals:
 * {@code java --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED
 * --add-opens java.base/java.math=ALL-UNNAMED --add-opens java.base/java.time=ALL-UNNAMED
 * --add-opens java.base/java.util.concurrent=ALL-UNNAMED --add-opens
 * java.base/java.util.concurrent.locks=ALL-UNNAMED --add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED
 * -Djdk.attach.allowAttachSelf=true -cp benchmarks.jar dev.oms.benchmarks.memory.MemoryFootprint}; {@code RunAll} does.
 */
public final class MemoryFootprint {
    /** The JVM options the measurement needs. */
    public static final List<String> JVM_OPTIONS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens", "java.base/java.math=ALL-UNNAMED",
            "--add-opens", "java.base/java.time=ALL-UNNAMED", "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent.locks=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED", "-Djol.magicFieldOffset=true", "-Djdk.attach.allowAttachSelf=true");
    private static final int N = 2_000;

    private MemoryFootprint() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "order3Lines=%d%n", orderWithThreeLines());
        long[] reservation = reservation();
        System.out.printf(Locale.ROOT, "reservation=%d%n", reservation[0]);
        System.out.printf(Locale.ROOT, "reservationInStore=%d%n", reservation[1]);
    }

    /** @return bytes retained per three-line order snapshot */
    public static long orderWithThreeLines() {
        OrderDecider decider = OrderDecider.builder().ids(IdGenerator.sequential("m"))
                .clock(Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC)).build();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            orders.add(decider.place(PlaceOrder.builder(ChannelId.of("web"), ExternalOrderId.of("W-" + i),
                            CustomerRef.of("c-" + i), Monetary.getCurrency("EUR"))
                    .shipTo(Address.of("DE", "10115")).placedAt(Instant.parse("2026-11-20T09:00:00Z"))
                    .line("1", "TEE-M", 2, Amounts.of("19.90", "EUR"))
                    .line("2", "MUG", 1, Amounts.of("9.50", "EUR"))
                    .line("3", "CAP", 1, Amounts.of("15.00", "EUR"))
                    .shipping("standard", Amounts.of("4.90", "EUR"), Amounts.of("0.93", "EUR"))
                    .build()).orThrow().order());
        }
        return perInstance(orders, N);
    }

    /** @return bytes retained per reservation record, and kept per reservation by the in-memory store */
    public static long[] reservation() {
        InMemoryInventoryStore store = new InMemoryInventoryStore();
        InventoryService inventory = InventoryService.builder(store).ids(IdGenerator.sequential("m"))
                .clock(Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC)).build();
        Sku sku = Sku.of("HOT");
        LocationId at = LocationId.of("wh-1");
        inventory.definePosition(sku, at, PositionSettings.NONE);
        inventory.receive(sku, at, Quantity.of(1_000_000), Reference.of(Reference.Type.RECEIPT, "po"),
                CommandKey.of("receive"));
        reserve(inventory, sku, at, 0, 100);
        long before = GraphLayout.parseInstance(store).totalSize();
        List<Reservation> reservations = reserve(inventory, sku, at, 100, N);
        long after = GraphLayout.parseInstance(store).totalSize();
        return new long[] {perInstance(reservations, N), (after - before) / N};
    }

    private static List<Reservation> reserve(InventoryService inventory, Sku sku, LocationId at, int from, int count) {
        List<Reservation> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            var outcome = inventory.reserve(ReserveRequest.of(OrderId.of("o-" + i), new ReserveLine(LineId.of("1"), sku,
                    at, Quantity.of(1))), CommandKey.of("k-" + i));
            out.add(outcome.reservation().orElseThrow());
        }
        return out;
    }

    /** The list's size minus the same list holding one shared placeholder object, per element. */
    private static long perInstance(List<?> items, int count) {
        Object placeholder = new Object();
        List<Object> same = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            same.add(placeholder);
        }
        long all = GraphLayout.parseInstance(items).totalSize();
        long shell = GraphLayout.parseInstance(same).totalSize() - GraphLayout.parseInstance(placeholder).totalSize();
        return (all - shell) / count;
    }
}
