package dev.oms.examples.shopday;

import dev.oms.core.OrderInvariants;
import dev.oms.flow.FlowStores;
import dev.oms.inventory.Reconciliation;
import dev.oms.spi.Amounts;
import dev.oms.spi.LocationId;
import dev.oms.spi.Sku;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.LineCancellation;
import dev.oms.spi.event.OrderEvent.LineCancelled;
import dev.oms.spi.event.OrderEvent.OrderCancelled;
import dev.oms.spi.event.OrderEvent.QuantitiesDelivered;
import dev.oms.spi.event.OrderEvent.QuantitiesShipped;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.inventory.StockPosition;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ReturnLine;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.money.MonetaryAmount;

/**
 * What the day came to, read from oms' stores (orders, fulfilment, inventory, returns) and, for
 * what only the host knows (stories, promises, integration hiccups), from its log; and every
 * invariant checked, with each broken one named. The HTML report draws its charts from this.
 */
final class DaySummary {
    /** Buckets of the time from placement to the last shipment, in hours (upper bounds). */
    static final int[] SHIP_BUCKETS = {2, 4, 8, 12, 24, 48, Integer.MAX_VALUE};

    final String stores;
    final long seed;
    final int ordersPlaced;
    final Instant endedAt;
    final Map<String, Map<OrderStatus, Long>> byChannelAndStatus = new TreeMap<>();
    final Map<String, int[]> placedPerHour = new TreeMap<>();
    final Map<Story, Long> stories = new EnumMap<>(Story.class);
    long ordersShipped;
    long shipments;
    long splitOrders;
    long unitsShipped;
    long unitsDemanded;
    long onTime;
    long withPromise;
    double averageHoursToShip;
    double averageHoursToDeliver;
    final long[] shipTimeHistogram = new long[SHIP_BUCKETS.length];
    final Map<String, Long> returnsByReason = new TreeMap<>();
    MonetaryAmount refunded;
    MonetaryAmount netRevenue;
    final Map<LocationId, long[]> stockByLocation = new LinkedHashMap<>();
    final Map<String, Long> operations = new TreeMap<>();
    final List<String> brokenInvariants = new ArrayList<>();
    /** The business customer's quote, approval, production, invoice and settlement, in order. */
    final List<String> business = new ArrayList<>();

    private DaySummary(String stores, long seed, int ordersPlaced, Instant endedAt) {
        this.stores = stores;
        this.seed = seed;
        this.ordersPlaced = ordersPlaced;
        this.endedAt = endedAt;
    }

    static DaySummary of(Shop shop, DayLog log, long seed, int ordersPlaced) {
        DaySummary s = new DaySummary(shop.stores.name(), seed, ordersPlaced, log.endedAt);
        MonetaryAmount zero = Amounts.of("0.00", "EUR");
        s.refunded = zero;
        s.netRevenue = zero;
        double hoursToShip = 0;
        double hoursToDeliver = 0;
        long delivered = 0;
        Map<Sku, Long> shippedBySku = new TreeMap<>();
        Map<Sku, Long> restockedBySku = new TreeMap<>();
        long disposed = 0;
        for (DayLog.Entry entry : log.orders.values()) {
            Order order = shop.orders.load(entry.id());
            List<OrderEvent> history = shop.orders.history(entry.id());
            s.byChannelAndStatus.computeIfAbsent(entry.channel(), c -> new EnumMap<>(OrderStatus.class))
                    .merge(order.status(), 1L, Long::sum);
            if (!entry.channel().equals("exchange") && !entry.channel().equals("sales")) {
                s.placedPerHour.computeIfAbsent(entry.channel(), c -> new int[24])[entry.placedAt()
                        .atZone(ZoneOffset.UTC).getHour()]++;
                s.stories.merge(entry.story(), 1L, Long::sum);
            }
            OrderInvariants.violations(order).forEach(v -> s.brokenInvariants.add("order " + order.id() + ": " + v));
            s.refunded = s.refunded.add(order.payments().refunded());
            s.netRevenue = s.netRevenue.add(order.payments().captured()).subtract(order.payments().refunded());

            // units: shipped against what customers still wanted (cancellations other than for stock left out)
            long ordered = 0;
            long shipped = 0;
            for (OrderLine line : order.lines()) {
                ordered += line.quantities().ordered().value();
                shipped += line.quantities().shipped().value();
                shippedBySku.merge(line.sku(), line.quantities().shipped().value(), Long::sum);
            }
            s.unitsShipped += shipped;
            s.unitsDemanded += ordered - cancelledByChoice(history);
            countCancellations(s.operations, order, history);
            if (log.backordered.contains(order.id()) && order.status() == OrderStatus.COMPLETED
                    && history.stream().noneMatch(e -> cancelled(e,
                    CancelReason.OUT_OF_STOCK))) {
                s.operations.merge("backorders filled (by a delivery or a restocked return)", 1L, Long::sum);
            }

            // fulfilment agrees with the order
            Map<String, Long> fulfilled = new TreeMap<>();
            for (FulfillmentOrder fo : shop.fulfillment.ofOrder(order.id())) {
                fo.lines().forEach(l -> fulfilled.merge(l.lineId().value(), l.shipped().value(), Long::sum));
            }
            for (OrderLine line : order.lines()) {
                long onFulfilment = fulfilled.getOrDefault(line.id().value(), 0L);
                if (onFulfilment != line.quantities().shipped().value()) {
                    s.brokenInvariants.add("order " + order.id() + " line " + line.id() + ": " + onFulfilment
                            + " shipped by fulfilment orders, " + line.quantities().shipped() + " on the order");
                }
            }

            // shipments, splits, promises and lead times
            List<Instant> shippedAt = history.stream().filter(e -> e instanceof QuantitiesShipped)
                    .map(OrderEvent::occurredAt).toList();
            List<Instant> deliveredAt = history.stream().filter(e -> e instanceof QuantitiesDelivered)
                    .map(OrderEvent::occurredAt).toList();
            boolean pickup = log.readyForPickup.containsKey(order.id())
                    || order.header().pickupLocation().isPresent();
            if (!shippedAt.isEmpty() && !pickup) {
                s.ordersShipped++;
                s.shipments += shippedAt.size();
                long locations = shop.fulfillment.ofOrder(order.id()).stream().filter(fo -> fo.lines().stream()
                        .anyMatch(l -> l.shipped().isPositive())).map(FulfillmentOrder::location).distinct().count();
                if (locations > 1) {
                    s.splitOrders++;
                }
                Instant last = shippedAt.get(shippedAt.size() - 1);
                double hours = Duration.between(entry.placedAt(), last).toMinutes() / 60.0;
                hoursToShip += hours;
                s.shipTimeHistogram[bucket(hours)]++;
                if (order.fulfillmentStatus().ordinal() >= dev.oms.spi.order.Order.FulfillmentStatus.DELIVERED.ordinal()
                        && !deliveredAt.isEmpty()) {
                    delivered++;
                    hoursToDeliver += Duration.between(entry.placedAt(), deliveredAt.get(deliveredAt.size() - 1))
                            .toMinutes() / 60.0;
                }
                s.withPromise++;
                if (!last.isAfter(entry.shipBy())) {
                    s.onTime++;
                }
            } else if (pickup && log.readyForPickup.containsKey(order.id())) {
                s.withPromise++;
                if (!log.readyForPickup.get(order.id()).isAfter(entry.shipBy())) {
                    s.onTime++;
                }
            }

            // returns and claims
            for (ReturnRequest r : shop.returns.ofOrder(order.id())) {
                for (ReturnLine line : r.lines()) {
                    s.returnsByReason.merge(line.reason(), line.quantity().value(), Long::sum);
                    for (Inspection inspection : line.inspections()) {
                        if (inspection.disposition() == Disposition.RESTOCK) {
                            restockedBySku.merge(line.sku(), inspection.quantity().value(), Long::sum);
                        } else {
                            disposed += inspection.quantity().value();
                        }
                    }
                }
            }
            if (order.status() != OrderStatus.COMPLETED && order.status() != OrderStatus.CANCELLED) {
                s.brokenInvariants.add("order " + order.id() + " (" + entry.story().description + ") ended "
                        + order.status() + " with fulfilment " + order.fulfillmentStatus());
            }
        }
        s.averageHoursToShip = s.ordersShipped == 0 ? 0 : hoursToShip / s.ordersShipped;
        s.averageHoursToDeliver = delivered == 0 ? 0 : hoursToDeliver / delivered;
        s.checkStock(shop, log, shippedBySku, restockedBySku, disposed);
        s.checkMoneyAndEvents(shop);
        log.unexpected.forEach(u -> s.brokenInvariants.add("unexpected refusal: " + u));
        s.business.addAll(log.business);
        if (log.businessOrder != null) {
            s.businessFromStores(shop, log.businessOrder);
        }
        s.operations.putAll(log.counters);
        s.operations.put("carrier label outages", shop.carrier.outages());
        s.operations.put("carrier scans that arrived late", shop.carrier.lateScans());
        s.operations.put("payment provider declines", shop.paymentProvider.declines());
        s.operations.put("low-stock signals (replenishment)", shop.lowStockSignals.get());
        shop.messages.forEach((subject, count) -> s.operations.put("message: " + subject, count.get()));
        return s;
    }

    /** Units customers, the fraud screen or a failed payment cancelled: not counted against the fill rate. */
    private static long cancelledByChoice(List<OrderEvent> history) {
        long units = 0;
        for (OrderEvent e : history) {
            if (e instanceof OrderCancelled c && c.reason() != CancelReason.OUT_OF_STOCK) {
                units += c.lines().stream().mapToLong(DaySummary::units).sum();
            } else if (e instanceof LineCancelled c && c.reason() != CancelReason.OUT_OF_STOCK) {
                units += units(c.cancellation());
            }
        }
        return units;
    }

    /** Orders cancelled, by the reason of their last cancellation; otherwise lines cut, by reason. */
    private static void countCancellations(Map<String, Long> operations, Order order, List<OrderEvent> history) {
        String last = null;
        for (OrderEvent e : history) {
            CancelReason reason = reasonOf(e);
            if (reason == null) {
                continue;
            }
            last = reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            if (order.status() != OrderStatus.CANCELLED) {
                operations.merge("lines cut (" + last + ")", 1L, Long::sum);
            }
        }
        if (order.status() == OrderStatus.CANCELLED && last != null) {
            operations.merge("orders cancelled (" + last + ")", 1L, Long::sum);
        }
    }

    private static boolean cancelled(OrderEvent e, CancelReason reason) {
        return reasonOf(e) == reason;
    }

    private static CancelReason reasonOf(OrderEvent e) {
        if (e instanceof OrderCancelled c) {
            return c.reason();
        }
        return e instanceof LineCancelled c ? c.reason() : null;
    }

    private static long units(LineCancellation c) {
        return c.fromUnallocated().value() + c.fromAllocated().value();
    }

    private static int bucket(double hours) {
        for (int i = 0; i < SHIP_BUCKETS.length; i++) {
            if (hours <= SHIP_BUCKETS[i]) {
                return i;
            }
        }
        return SHIP_BUCKETS.length - 1;
    }

    /**
     * Stock: the ledger agrees with every position; nothing reserved beyond what is on hand; per
     * SKU, on hand is what was received plus restocked minus shipped (nothing sold that was not
     * stocked); disposed returns are counted as damaged.
     */
    private void checkStock(Shop shop, DayLog log, Map<Sku, Long> shipped, Map<Sku, Long> restocked, long disposed) {
        List<Sku> skus = Catalogue.PRODUCTS.stream().map(Catalogue.Product::sku).toList();
        Reconciliation reconciliation = shop.inventory.reconcile(skus);
        reconciliation.differences().forEach(d -> brokenInvariants.add("ledger and position differ at " + d.key()));
        long damaged = 0;
        for (var location : Network.LOCATIONS) {
            stockByLocation.put(location.id(), new long[] {log.openingStock.getOrDefault(location.id(), 0L), 0, 0});
        }
        for (Sku sku : skus) {
            long onHand = 0;
            for (var location : Network.LOCATIONS) {
                StockPosition p = shop.inventory.position(sku, location.id());
                if (p.reserved().value() > p.onHand().value()) {
                    brokenInvariants.add("oversold: " + p.key() + " has " + p.reserved() + " reserved of " + p.onHand());
                }
                onHand += p.onHand().value();
                damaged += p.damaged().value();
                long[] row = stockByLocation.get(location.id());
                row[1] += p.onHand().value();
                row[2] += p.available();
            }
            long expected = log.received.getOrDefault(sku, 0L) + restocked.getOrDefault(sku, 0L)
                    - shipped.getOrDefault(sku, 0L);
            if (onHand != expected) {
                brokenInvariants.add("stock of " + sku + ": " + onHand + " on hand, but received + restocked - shipped = "
                        + expected);
            }
        }
        if (damaged != disposed) {
            brokenInvariants.add("damaged stock " + damaged + " is not the " + disposed + " returned units disposed of");
        }
    }

    /** Money: oms' payment ledgers agree with the provider's; every event left the outboxes; every process ended. */
    private void checkMoneyAndEvents(Shop shop) {
        BigDecimal ours = netRevenue.getNumber().numberValue(BigDecimal.class);
        BigDecimal provider = shop.paymentProvider.netCaptured();
        if (ours.compareTo(provider) != 0) {
            brokenInvariants.add("captured minus refunded is " + ours + " in oms but " + provider
                    + " at the payment provider");
        }
        FlowStores stores = shop.stores.flow();
        if (!stores.orders().unpublished(1).isEmpty() || !stores.inventory().unpublished(1).isEmpty()
                || !stores.fulfillment().unpublished(1).isEmpty() || !stores.returns().unpublished(1).isEmpty()) {
            brokenInvariants.add("events are left in an outbox after the last delivery");
        }
        for (WaitReason reason : WaitReason.values()) {
            stores.processes().waiting(reason, Optional.empty(), 5).forEach(p -> brokenInvariants.add("process " + p.id()
                    + " (" + p.kind() + ") still waits for " + reason));
        }
        stores.processes().running(shop.clock.instant().plus(Duration.ofDays(1)), 5).forEach(p -> brokenInvariants.add(
                "process " + p.id() + " (" + p.kind() + ") is still running: " + p.failure().orElse("")));
    }

    double splitRate() {
        return ordersShipped == 0 ? 0 : (double) splitOrders / ordersShipped;
    }

    double fillRate() {
        return unitsDemanded == 0 ? 1 : (double) unitsShipped / unitsDemanded;
    }

    double onTimeRate() {
        return withPromise == 0 ? 1 : (double) onTime / withPromise;
    }

    double shipmentsPerOrder() {
        return ordersShipped == 0 ? 0 : (double) shipments / ordersShipped;
    }

    long ordersInStatus(OrderStatus status) {
        return byChannelAndStatus.values().stream().mapToLong(m -> m.getOrDefault(status, 0L)).sum();
    }

    /** What oms' stores say of the business order: every delivery date promised, the invoice and its settlement. */
    private void businessFromStores(Shop shop, dev.oms.spi.OrderId id) {
        Order order = shop.orders.load(id);
        for (OrderEvent e : shop.orders.history(id)) {
            if (e instanceof OrderEvent.DeliveryPromised p) {
                business.add(String.format(Locale.ROOT, "promised: delivery by %s%s", java.time.LocalDate.ofInstant(
                        p.promisedBy(), ZoneOffset.UTC), p.lateStage().map(stage -> " (" + stage + " finished late)")
                        .orElse("")));
            }
        }
        java.util.Optional<Instant> invoiced = shop.orders.history(id).stream()
                .filter(OrderEvent.PaymentCaptured.class::isInstance).map(OrderEvent::occurredAt).reduce((a, b) -> b);
        invoiced.ifPresent(at -> business.add(String.format(Locale.ROOT, "invoiced %s, %s: due %s; settled %s; order %s",
                Amounts.format(order.payments().captured()), order.header().b2b().orElseThrow().paymentTerms(),
                order.header().b2b().orElseThrow().dueDate(java.time.LocalDate.ofInstant(at, ZoneOffset.UTC)),
                Amounts.format(order.payments().settled()), order.status())));
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%nThe shop day (seed %d, %d orders placed, %s), simulated until %s%n%n", seed,
                ordersPlaced, stores, endedAt);
        List<OrderStatus> statuses = byChannelAndStatus.values().stream().flatMap(m -> m.keySet().stream()).distinct()
                .sorted().toList();
        out.printf(Locale.ROOT, "Orders by channel and status%n  %-12s", "");
        statuses.forEach(st -> out.printf(Locale.ROOT, "%11s", st.name().toLowerCase(Locale.ROOT)));
        out.printf(Locale.ROOT, "%8s%n", "total");
        byChannelAndStatus.forEach((channel, counts) -> {
            out.printf(Locale.ROOT, "  %-12s", channel);
            statuses.forEach(st -> out.printf(Locale.ROOT, "%11d", counts.getOrDefault(st, 0L)));
            out.printf(Locale.ROOT, "%8d%n", counts.values().stream().mapToLong(Long::longValue).sum());
        });
        out.printf(Locale.ROOT, "%nFulfilment%n");
        out.printf(Locale.ROOT, "  shipments per shipped order   %.2f (%d shipments, %d orders)%n", shipmentsPerOrder(),
                shipments, ordersShipped);
        out.printf(Locale.ROOT, "  split rate                    %.1f %%%n", 100 * splitRate());
        out.printf(Locale.ROOT, "  fill rate                     %.1f %% (%d of %d units customers still wanted)%n",
                100 * fillRate(), unitsShipped, unitsDemanded);
        out.printf(Locale.ROOT, "  on time (ship-by deadline)    %.1f %% (%d of %d)%n", 100 * onTimeRate(), onTime,
                withPromise);
        out.printf(Locale.ROOT, "  placement to shipment         %.1f h on average%n", averageHoursToShip);
        out.printf(Locale.ROOT, "  placement to delivery         %.1f h on average%n", averageHoursToDeliver);
        out.printf(Locale.ROOT, "%nReturns and claims by reason (units)%n");
        returnsByReason.forEach((reason, units) -> out.printf(Locale.ROOT, "  %-22s %d%n", reason, units));
        out.printf(Locale.ROOT, "  refunded                %s%n", Amounts.format(refunded));
        out.printf(Locale.ROOT, "  net revenue captured    %s%n", Amounts.format(netRevenue));
        out.printf(Locale.ROOT, "%nStock by location (units)%n  %-16s %8s %8s %10s%n", "", "opening", "on hand",
                "available");
        stockByLocation.forEach((location, row) -> out.printf(Locale.ROOT, "  %-16s %8d %8d %10d%n", location.value(),
                row[0], row[1], row[2]));
        out.printf(Locale.ROOT, "%nA business customer (quote, approval, made to order, invoice)%n");
        business.forEach(line -> out.printf(Locale.ROOT, "  %s%n", line));
        out.printf(Locale.ROOT, "%nStories played%n");
        stories.forEach((story, count) -> out.printf(Locale.ROOT, "  %-48s %d%n", story.description, count));
        out.printf(Locale.ROOT, "%nWhat the host went through%n");
        operations.forEach((what, count) -> out.printf(Locale.ROOT, "  %-48s %d%n", what, count));
        out.printf(Locale.ROOT, "%nBroken invariants: %d%n", brokenInvariants.size());
        brokenInvariants.forEach(b -> out.printf(Locale.ROOT, "  BROKEN %s%n", b));
    }

    /** @return the orders placed per hour, all channels together */
    int[] placedPerHourTotal() {
        int[] total = new int[24];
        placedPerHour.values().forEach(hours -> {
            for (int h = 0; h < 24; h++) {
                total[h] += hours[h];
            }
        });
        return total;
    }
}
