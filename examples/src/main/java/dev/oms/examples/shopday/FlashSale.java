package dev.oms.examples.shopday;

import dev.oms.core.PlaceOrder;
import dev.oms.flow.FlowResult;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LocationId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A flash sale: a few hundred units of one console, split over the Berlin and Vienna warehouses,
 * and thousands of buyers at the same moment on real threads. Every buyer goes the whole way a real
 * one would, through the order flow: accepting places the order, authorises the card, confirms it
 * and routes it, which reserves a unit at a location that still has one (routing again when another
 * buyer took the planned unit in between); a buyer who gets nothing has the order cancelled as out
 * of stock, which voids the authorisation. Units sold must equal units stocked, never more.
 */
final class FlashSale {
    static final Sku CONSOLE = Sku.of("CONSOLE-FLASH");
    private static final int THREADS = 64;

    /**
     * What the sale came to.
     *
     * @param stores where it ran
     * @param buyers buyers who tried
     * @param units units for sale
     * @param sold buyers who got a unit
     * @param refused buyers who got none
     * @param reserved units reserved at both locations after the sale
     * @param soldBy units sold per location
     * @param elapsed how long the sale took, wall clock
     * @param oversoldPositions positions with more reserved than on hand (must be none)
     */
    record Result(String stores, int buyers, long units, long sold, long refused, long reserved,
            Map<LocationId, Long> soldBy, Duration elapsed, long oversoldPositions) {
        /** @return whether exactly the stock was sold, every buyer was answered, and nothing was oversold */
        boolean exact() {
            return sold == Math.min(units, buyers) && sold + refused == buyers && reserved == sold
                    && oversoldPositions == 0;
        }

        double buyersPerSecond() {
            return buyers / Math.max(0.001, elapsed.toNanos() / 1e9);
        }

        void print(PrintStream out) {
            out.printf(Locale.ROOT, "%nFlash sale: %d buyers at once for %d consoles (%d threads, %s)%n", buyers, units,
                    THREADS, stores);
            out.printf(Locale.ROOT, "  units sold        %d %s%n", sold, soldBy);
            out.printf(Locale.ROOT, "  buyers refused    %d%n", refused);
            out.printf(Locale.ROOT, "  reserved after    %d; oversold positions %d%n", reserved, oversoldPositions);
            out.printf(Locale.ROOT, "  throughput        %.0f buyers per second (%d ms; place, authorise, confirm, "
                    + "route and reserve, or cancel and void, through the flow)%n", buyersPerSecond(), elapsed.toMillis());
            out.printf(Locale.ROOT, "  exactly the stock sold: %s%n", exact() ? "yes" : "NO");
        }
    }

    private FlashSale() {
    }

    static Result run(ShopStores stores, int buyers, int units) {
        Shop shop = new Shop(stores, Instant.parse("2026-11-27T12:00:00Z"), 27);
        List<LocationId> locations = List.of(Network.BERLIN, Network.VIENNA_WAREHOUSE);
        long half = units / 2;
        for (LocationId at : locations) {
            shop.inventory.definePosition(CONSOLE, at, PositionSettings.NONE);
            long here = at.equals(Network.BERLIN) ? half : units - half;
            shop.inventory.receive(CONSOLE, at, Quantity.of(here), Reference.of(Reference.Type.RECEIPT,
                    "flash-" + at.value()), CommandKey.of("flash-receive-" + at.value()));
        }
        AtomicLong sold = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Map<LocationId, AtomicLong> soldBy = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int i = 0; i < buyers; i++) {
            int buyer = i;
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                buy(shop, buyer).ifPresentOrElse(at -> {
                    sold.incrementAndGet();
                    soldBy.computeIfAbsent(at, l -> new AtomicLong()).incrementAndGet();
                }, refused::incrementAndGet);
            });
        }
        long began = System.nanoTime();
        start.countDown();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the flash sale did not finish in 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
        long reserved = 0;
        long oversold = 0;
        for (LocationId at : locations) {
            StockPosition p = shop.inventory.position(CONSOLE, at);
            reserved += p.reserved().value();
            if (p.reserved().value() > p.onHand().value()) {
                oversold++;
            }
        }
        Map<LocationId, Long> by = new TreeMap<>(java.util.Comparator.comparing(LocationId::value));
        soldBy.forEach((at, n) -> by.put(at, n.get()));
        return new Result(stores.name(), buyers, units, sold.get(), refused.get(), reserved, by, elapsed, oversold);
    }

    /** One buyer, start to end; the location that will ship the console, or empty if none was left. */
    private static java.util.Optional<LocationId> buy(Shop shop, int buyer) {
        String n = String.format("%06d", buyer);
        FlowResult accepted = shop.flow.accept(PlaceOrder.builder(ChannelId.of("app"), ExternalOrderId.of("F-" + n),
                        CustomerRef.of("flash-" + n), javax.money.Monetary.getCurrency("EUR"))
                .shipTo(Network.CITIES.get(buyer % Network.CITIES.size()).address())
                .placedAt(shop.clock.instant())
                .line(new NewLine(dev.oms.spi.LineId.of("1"), CONSOLE, Quantity.of(1), Amounts.of("299.00", "EUR"),
                        Amounts.of("50.00", "EUR"), LineTax.perUnit(Amounts.of("47.31", "EUR"))))
                .build(), CommandKey.of("flash-accept-" + n));
        if (!accepted.fulfillmentOrders().isEmpty()) {
            return java.util.Optional.of(accepted.fulfillmentOrders().get(0).location());
        }
        // nothing left at either location: the buyer does not wait for a restock
        shop.flow.cancel(accepted.order().id(), CancelReason.OUT_OF_STOCK, "sold out", CommandKey.of("flash-cancel-" + n));
        return java.util.Optional.empty();
    }
}
