package dev.oms.examples.shopday;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.core.PlaceOrder;
import dev.oms.examples.shopday.PlannedOrder.Channel;
import dev.oms.examples.shopday.PlannedOrder.PlannedLine;
import dev.oms.flow.EditPlan;
import dev.oms.flow.FlowResult;
import dev.oms.flow.FlowStores;
import dev.oms.json.OmsJson;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentKind;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.inventory.IncomingStock;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.inventory.StockPosition.PositionSettings;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.Inspection.ItemCondition;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ClaimResolution;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * The simulated day: a discrete-event loop on the shop's manual clock. Customers place the planned
 * orders over the day and the host hands each to oms' {@link dev.oms.flow.OrderFlow}, which screens,
 * authorises, confirms, routes and reserves it (or keeps it waiting for a review, a payment or
 * stock); warehouses and stores work their open fulfilment orders in waves every 30 minutes during
 * their opening hours (pick, pack, ship or make ready for pickup); the carrier collects what shipped
 * and its scans arrive, some late; purchase orders arrive; customers cancel, edit, collect, return,
 * exchange and claim. An hourly task delivers events and lets the flow do what is due (unpaid
 * orders, backorders and uncollected pickups past the shop's policy) and resume what an outage
 * interrupted. The host keeps no queue of its own: the loop runs until no story is left and oms
 * has no open fulfilment order, no waiting or running process and no undelivered event
 * (typically two to three weeks of simulated time). Deterministic for a seed on the in-memory
 * stores.
 */
final class DaySimulation {
    static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final Set<FulfillmentOrderStatus> TO_WORK = EnumSet.of(FulfillmentOrderStatus.CREATED,
            FulfillmentOrderStatus.PICKING, FulfillmentOrderStatus.PACKED, FulfillmentOrderStatus.PARTIALLY_SHIPPED);
    private static final Set<Story> RETURNED = EnumSet.of(Story.RETURN_RESTOCK, Story.RETURN_DISPOSE, Story.EXCHANGE);
    private static final Duration WAVE = Duration.ofMinutes(30);
    /** A day that has not ended after this long has something stuck: the loop stops and says so. */
    private static final Duration AT_MOST = Duration.ofDays(60);
    private static final ObjectMapper JSON = OmsJson.newMapper();

    private final Shop shop;
    private final int orderCount;
    private final SplittableRandom random;
    private final DoubleConsumer progress;
    private final DayLog log = new DayLog();
    private final PriorityQueue<Task> agenda = new PriorityQueue<>(Comparator.comparing(Task::at)
            .thenComparingLong(Task::sequence));
    private final Set<OrderId> returnsPlanned = new HashSet<>();
    private long sequence;
    private long keys;
    private int placed;
    private int storyTasks;
    private final long seed;

    private record Task(Instant at, long sequence, boolean recurring, String what, Runnable action) {
    }

    DaySimulation(Shop shop, int orderCount, long seed, DoubleConsumer progress) {
        this.seed = seed;
        this.shop = shop;
        this.orderCount = orderCount;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.progress = progress;
        shop.whenShipped.add(this::carrierCollects);
        shop.whenCompleted.add(this::completed);
    }

    /** Runs the day and everything that follows from it; returns the host's log. */
    DayLog run() {
        List<PlannedOrder> plan = new DayPlanner(random.nextLong(), DAY).plan(orderCount);
        stockTheNetwork(plan);
        BusinessCustomer business = new BusinessCustomer(shop, this::story, this::key, log, seed);
        business.stock();
        business.schedule(DAY);
        for (PlannedOrder p : plan) {
            story(p.placedAt(), "place " + p.externalId(), () -> place(p));
        }
        for (var location : Network.LOCATIONS) {
            Instant first = DAY.plus(Duration.ofHours(Network.isStore(location.id()) ? 9 : 6));
            recurring(first, WAVE, "wave at " + location.id(), () -> wave(location.id()));
        }
        recurring(DAY.plus(Duration.ofHours(1)), Duration.ofHours(1), "deliver events, timers, resume", () -> {
            shop.delivery.deliverAll();
            shop.flow.runDue();
            shop.flow.resume();
        });
        while (!agenda.isEmpty()) {
            Task task = agenda.poll();
            if (task.recurring() && storyTasks == 0 && !workRemains()) {
                continue;
            }
            if (Duration.between(DAY, task.at()).compareTo(AT_MOST) > 0) {
                log.unexpected.add("the day did not end within " + AT_MOST.toDays() + " days; " + task.what()
                        + " was next");
                break;
            }
            shop.clock.advance(Duration.between(shop.clock.instant(), task.at()));
            if (!task.recurring()) {
                storyTasks--;
            }
            try {
                task.action().run();
            } catch (OmsException refused) {
                log.unexpected.add(task.at() + " " + task.what() + ": " + refused.getMessage());
            }
            reportProgress();
        }
        shop.delivery.deliverAll();
        log.endedAt = shop.clock.instant();
        progress.accept(1.0);
        return log;
    }

    /** Whether oms still has something to do: a fulfilment order to work, a process waiting or running, an event to deliver. */
    private boolean workRemains() {
        FlowStores stores = shop.stores.flow();
        for (var location : Network.LOCATIONS) {
            if (!stores.fulfillment().openAt(location.id()).isEmpty()) {
                return true;
            }
        }
        for (WaitReason reason : WaitReason.values()) {
            if (!stores.processes().waiting(reason, Optional.empty(), 1).isEmpty()) {
                return true;
            }
        }
        return !stores.processes().running(shop.clock.instant().plus(Duration.ofDays(1)), 1).isEmpty()
                || !stores.orders().unpublished(1).isEmpty() || !stores.fulfillment().unpublished(1).isEmpty();
    }

    // ------------------------------------------------------------------ stock

    /**
     * Stocks every position for the expected demand of the day and a half more, two thirds in the
     * warehouses; the mug only in Berlin, the hoodie only in Utrecht; the launch sneaker nowhere
     * until its purchase orders arrive (14:00 in Berlin, 10:00 two days later in Vienna).
     */
    private void stockTheNetwork(List<PlannedOrder> plan) {
        Map<Sku, Long> demand = new HashMap<>();
        for (PlannedOrder p : plan) {
            for (PlannedLine l : p.lines()) {
                demand.merge(l.product().sku(), l.quantity(), Long::sum);
            }
        }
        Map<LocationId, Integer> share = Map.of(Network.BERLIN, 34, Network.VIENNA_WAREHOUSE, 17, Network.UTRECHT, 17,
                Network.MUNICH_STORE, 8, Network.HAMBURG_STORE, 8, Network.VIENNA_STORE, 8, Network.AMSTERDAM_STORE, 8);
        for (Catalogue.Product product : Catalogue.PRODUCTS) {
            Sku sku = product.sku();
            long total = demand.getOrDefault(sku, 0L) * 3 / 2 + 6;
            for (var location : Network.LOCATIONS) {
                LocationId at = location.id();
                long units;
                if (sku.equals(Catalogue.LAUNCH_SNEAKER)) {
                    units = 0;
                } else if (sku.equals(Catalogue.MUG) || sku.equals(Catalogue.HOODIE)) {
                    units = at.equals(sku.equals(Catalogue.MUG) ? Network.BERLIN : Network.UTRECHT) ? total : 0;
                } else {
                    units = total * share.get(at) / 100;
                }
                PositionSettings settings = Network.isStore(at) ? PositionSettings.NONE
                        : new PositionSettings(Quantity.ZERO, Quantity.of(Math.max(1, units / 10)),
                                Quantity.of(Math.max(1, units / 2)));
                shop.inventory.definePosition(sku, at, settings);
                if (units > 0) {
                    shop.inventory.receive(sku, at, Quantity.of(units), Reference.of(Reference.Type.RECEIPT,
                            "opening-stock-" + at.value()), key());
                    log.received(sku, units);
                    log.openingStock.merge(at, units, Long::sum);
                }
            }
        }
        long launchDemand = demand.getOrDefault(Catalogue.LAUNCH_SNEAKER, 0L);
        purchaseOrder(Catalogue.LAUNCH_SNEAKER, Network.BERLIN, launchDemand * 3 / 5 + 2, DAY.plus(Duration.ofHours(14)),
                "po-launch-1");
        purchaseOrder(Catalogue.LAUNCH_SNEAKER, Network.VIENNA_WAREHOUSE, launchDemand * 2 / 5 + 2,
                DAY.plus(Duration.ofDays(2)).plus(Duration.ofHours(10)), "po-launch-2");
    }

    /** A purchase order: expected stock until it arrives; then received through the flow, which routes the orders waiting for it. */
    private void purchaseOrder(Sku sku, LocationId at, long units, Instant expected, String document) {
        Reference ref = Reference.of(Reference.Type.RECEIPT, document);
        shop.stores.flow().inventory().expectIncoming(new IncomingStock(new PositionKey(sku, at), Quantity.of(units),
                expected, ref));
        story(expected, "receive " + document, () -> {
            shop.flow.receive(sku, at, Quantity.of(units), ref, key());
            log.received(sku, units);
            log.count("purchase orders received");
        });
    }

    // ------------------------------------------------------------------ placing and accepting

    private void place(PlannedOrder planned) {
        placed++;
        PlannedOrder p = offerPickupOnlyWhereInStock(planned);
        if (p.story() == Story.FRAUD_REVIEW) {
            shop.fraudRules.review(p.customer());
        } else if (p.story() == Story.FRAUD_REJECT) {
            shop.fraudRules.reject(p.customer());
        } else if (p.story() == Story.DECLINED_THEN_PAID || p.story() == Story.DECLINED_CANCELLED) {
            shop.paymentProvider.declineCardOf(p.customer());
        }
        FlowResult accepted = switch (p.channel()) {
            case WEB, MARKETPLACE -> shop.flow.accept(shop.channelImport.importOrder(importDocument(p)).result().order()
                    .id(), key());
            case APP, STORE -> shop.flow.accept(placeOrder(p), key());
        };
        Order order = accepted.order();
        log.order(new DayLog.Entry(order.id(), p.channel().id, p.story(), p.placedAt(), shop.promises.shipBy(order)));
        goOn(accepted, p);
        switch (p.story()) {
            case CUSTOMER_CANCELS -> story(after(15), "customer cancels " + order.id(), () -> customerCancels(order.id()));
            case CANCELS_ONE_UNIT -> story(after(15), "customer cancels one unit of " + order.id(),
                    () -> cancelOneUnit(order.id()));
            default -> {
            }
        }
    }

    /**
     * The storefront offers click and collect only at stores that have every line in stock; if the
     * chosen store has not, the customer picks another one in their country, or has it delivered.
     */
    private PlannedOrder offerPickupOnlyWhereInStock(PlannedOrder p) {
        if (p.pickupStore().isEmpty()) {
            return p;
        }
        List<LocationId> stores = new ArrayList<>(List.of(p.pickupStore().get()));
        Network.PICKUP_STORES.get(p.city().country()).stream().filter(s -> !stores.contains(s)).forEach(stores::add);
        for (LocationId store : stores) {
            boolean inStock = p.lines().stream().allMatch(l ->
                    shop.inventory.availability().atp(l.product().sku(), store) >= l.quantity());
            if (inStock) {
                return p.withPickupStore(Optional.of(store), p.serviceLevel());
            }
        }
        log.count("pickup not offered (no store had it), delivered instead");
        return p.withPickupStore(Optional.empty(), dev.oms.spi.order.ServiceLevel.STANDARD);
    }

    /** The order as the web shop or marketplace sends it: oms' channel order format (JSON). */
    private static String importDocument(PlannedOrder p) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("channelKind", p.channel() == Channel.WEB ? "WEB" : "MARKETPLACE");
        doc.put("channel", p.channel().id);
        if (p.channel() == Channel.MARKETPLACE) {
            doc.put("marketplace", "bigmarket");
        }
        doc.put("externalOrderId", p.externalId());
        doc.put("customer", p.customer().value());
        doc.put("currency", "EUR");
        doc.put("placedAt", p.placedAt().toString());
        doc.put("serviceLevel", p.serviceLevel().name());
        p.pickupStore().ifPresent(store -> doc.put("store", store.value()));
        ObjectNode to = doc.putObject("shippingAddress");
        to.put("country", p.city().country());
        to.put("postalCode", p.city().postalCode());
        to.put("city", p.city().name());
        to.put("latitude", p.city().latitude());
        to.put("longitude", p.city().longitude());
        ArrayNode lines = doc.putArray("lines");
        int n = 0;
        for (PlannedLine l : p.lines()) {
            lines.addObject().put("lineId", String.valueOf(++n)).put("sku", l.product().sku().value())
                    .put("quantity", l.quantity()).put("unitPrice", l.product().price().toPlainString())
                    .put("unitTax", Amounts.format(l.product().unitTax(p.city().country())).replace("EUR ", ""));
        }
        p.couponCode().ifPresent(code -> doc.putArray("discounts").addObject().put("code", code).put("amount", "10.00"));
        ShippingCharge shipping = shipping(p);
        if (shipping.amount().signum() > 0) {
            doc.putArray("shipping").addObject().put("code", shipping.code()).put("amount", shipping.amount().toPlainString())
                    .put("tax", shipping.tax().toPlainString());
        }
        try {
            return JSON.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The order as the app or a store's till places it: oms' Java API. */
    private static PlaceOrder placeOrder(PlannedOrder p) {
        PlaceOrder.Builder b = PlaceOrder.builder(ChannelId.of(p.channel().id), ExternalOrderId.of(p.externalId()),
                p.customer(), javax.money.Monetary.getCurrency("EUR"))
                .shipTo(p.city().address()).serviceLevel(p.serviceLevel()).placedAt(p.placedAt());
        p.pickupStore().ifPresent(b::pickupAt);
        int n = 0;
        for (PlannedLine l : p.lines()) {
            Catalogue.Product product = l.product();
            b.line(new NewLine(LineId.of(String.valueOf(++n)), product.sku(), Quantity.of(l.quantity()),
                    product.unitPrice(), Amounts.of("0.00", "EUR"),
                    LineTax.perUnit(product.unitTax(p.city().country()))));
        }
        p.couponCode().ifPresent(code -> b.discount(code, Amounts.of("10.00", "EUR")));
        ShippingCharge shipping = shipping(p);
        if (shipping.amount().signum() > 0) {
            b.shipping(shipping.code(), Amounts.of(shipping.amount().toPlainString(), "EUR"),
                    Amounts.of(shipping.tax().toPlainString(), "EUR"));
        }
        return b.build();
    }

    private record ShippingCharge(String code, java.math.BigDecimal amount, java.math.BigDecimal tax) {
    }

    /** Express 9.90, standard 4.90 (free from 50.00), pickup free; taxed at the destination's rate. */
    private static ShippingCharge shipping(PlannedOrder p) {
        java.math.BigDecimal subtotal = p.lines().stream()
                .map(l -> l.product().price().multiply(java.math.BigDecimal.valueOf(l.quantity())))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        java.math.BigDecimal amount = switch (p.serviceLevel()) {
            case EXPRESS -> new java.math.BigDecimal("9.90");
            case STANDARD -> subtotal.compareTo(new java.math.BigDecimal("50")) >= 0 ? java.math.BigDecimal.ZERO
                    : new java.math.BigDecimal("4.90");
            default -> java.math.BigDecimal.ZERO;
        };
        java.math.BigDecimal tax = amount.multiply(Catalogue.taxRate(p.city().country()))
                .setScale(2, java.math.RoundingMode.HALF_UP);
        return new ShippingCharge(p.serviceLevel().name().toLowerCase(java.util.Locale.ROOT), amount, tax);
    }


    // ------------------------------------------------------------------ what the acceptance waits for

    /**
     * What the host does about an acceptance: nothing while it runs on its own; an agent reviews a
     * held order two hours later; a declined customer enters another card three hours later (or
     * never, and the flow cancels the order after the shop's day); an order that waits for stock
     * is the flow's to route when stock arrives, or to cancel after four days.
     */
    private void goOn(FlowResult acceptance, PlannedOrder p) {
        OrderId id = acceptance.order().id();
        if (acceptance.order().status() == OrderStatus.CANCELLED) {
            log.count("orders rejected by the fraud screen");
            return;
        }
        WaitReason waiting = acceptance.waitingFor().orElse(null);
        if (waiting == WaitReason.FRAUD_REVIEW) {
            log.count("orders held for fraud review");
            story(after(120), "fraud review of " + id, () -> {
                if (shop.orders.load(id).status() != OrderStatus.CANCELLED) { // the customer may have cancelled meanwhile
                    goOn(shop.flow.approveReview(id, "reviewed by an agent: customer verified", key()), p);
                }
            });
            return;
        }
        if (waiting == WaitReason.PAYMENT) {
            log.count("payments declined");
            if (p.story() == Story.DECLINED_THEN_PAID) {
                story(after(180), "customer enters another card for " + id, () -> {
                    shop.paymentProvider.updateCard(p.customer());
                    goOn(shop.flow.retryPayment(id, key()), p);
                });
            }
            return;
        }
        if (waiting == WaitReason.STOCK && log.backordered.add(id)) {
            log.count("orders waiting for stock (backorders)");
        }
        if (p.story() == Story.EDIT) {
            addACap(id, p);
        }
    }

    /** The customer adds a cap before fulfilment starts: previewed (routing and payment difference), then committed. */
    private void addACap(OrderId id, PlannedOrder p) {
        Catalogue.Product cap = Catalogue.product(Sku.of("CAP-BLACK"));
        LineId lineId = LineId.of(String.valueOf(p.lines().size() + 1));
        EditPlan plan = shop.flow.previewEdit(id, List.of(new OrderEdit.AddLine(new NewLine(lineId, cap.sku(),
                Quantity.of(1), cap.unitPrice(), Amounts.of("0.00", "EUR"),
                LineTax.perUnit(cap.unitTax(p.city().country()))))));
        shop.flow.commitEdit(plan, key());
        log.count("orders edited");
    }

    // ------------------------------------------------------------------ cancellations

    /** Whatever has not shipped is cancelled; the flow takes it back from fulfilment and voids what is no longer needed. */
    private void customerCancels(OrderId id) {
        Order order = shop.orders.load(id);
        if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.COMPLETED) {
            return;
        }
        if (order.lines().stream().allMatch(l -> l.quantities().unshipped().isZero())) {
            log.count("cancellations too late (everything shipped)");
            return;
        }
        FlowResult cancelled = shop.flow.cancel(id, CancelReason.CUSTOMER_REQUEST, "changed their mind", key());
        if (!cancelled.notDone().isEmpty()) {
            log.count("cancellations too late for units already shipped");
        }
    }

    /** One unit fewer of the first line. */
    private void cancelOneUnit(OrderId id) {
        Order order = shop.orders.load(id);
        OrderLine line = order.lines().get(0);
        if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.COMPLETED
                || line.quantities().unshipped().isZero()) {
            log.count("cancellations too late (everything shipped)");
            return;
        }
        shop.flow.cancel(id, line.id(), Quantity.of(1), CancelReason.CUSTOMER_REQUEST, "one fewer", key());
    }

    // ------------------------------------------------------------------ warehouse and store work

    /** Picks, packs and ships (or readies for pickup) the most urgent open fulfilment orders of a location. */
    private void wave(LocationId location) {
        int hour = shop.clock.instant().atZone(ZoneOffset.UTC).getHour();
        boolean store = Network.isStore(location);
        boolean open = store ? hour >= 9 && hour < 20 : hour >= 6 && hour < 22;
        if (!open) {
            return;
        }
        List<FulfillmentOrder> work = new ArrayList<>(shop.stores.flow().fulfillment().openAt(location).stream()
                .filter(fo -> TO_WORK.contains(fo.status()) && fo.holds().isEmpty()).toList());
        Map<OrderId, Order> orders = new HashMap<>();
        for (FulfillmentOrder fo : work) {
            orders.computeIfAbsent(fo.orderId(), shop.orders::load);
        }
        work.removeIf(fo -> orders.get(fo.orderId()).isOnHold());
        List<OrderId> urgency = shop.promises.order(orders.values()).stream().map(e -> e.orderId()).toList();
        work.sort(Comparator.comparingInt((FulfillmentOrder fo) -> urgency.indexOf(fo.orderId()))
                .thenComparing(fo -> fo.id().value()));
        int capacity = store ? 6 : 40;
        for (FulfillmentOrder fo : work.subList(0, Math.min(capacity, work.size()))) {
            work(fo);
        }
    }

    /**
     * One step of a fulfilment order per wave: pick and pack it, then (next wave, when the carrier
     * collects) ship it; a pickup order is made ready in the store right after packing. A label the
     * carrier could not sell leaves the shipment running in the flow: the next wave repeats it with
     * the same key (or the hourly resume finishes it first).
     */
    private void work(FulfillmentOrder fo) {
        if (fo.status() == FulfillmentOrderStatus.CREATED || fo.status() == FulfillmentOrderStatus.PICKING) {
            if (fo.status() == FulfillmentOrderStatus.CREATED) {
                shop.flow.startPicking(fo.id(), key());
            }
            FulfillmentOrder packed = shop.flow.pack(fo.id(), key());
            if (packed.kind() == FulfillmentKind.PICKUP) {
                readyForPickup(packed);
            }
            return;
        }
        List<LineQuantity> lines = fo.lines().stream().filter(l -> l.open().isPositive())
                .map(l -> new LineQuantity(l.lineId(), l.open())).toList();
        try {
            shop.flow.ship(fo.id(), lines, CommandKey.of("ship-" + fo.id().value() + "@" + fo.version()));
        } catch (SimulatedCarrier.CarrierUnavailableException outage) {
            log.count("labels retried after a carrier outage");
        }
    }

    /** The carrier collects a parcel (told by oms' fulfilment events) and its scans will arrive over the next days. */
    private void carrierCollects(Shipment shipment) {
        Order order = shop.orders.load(shipment.orderId());
        DayLog.Entry entry = log.orders.get(shipment.orderId());
        boolean lose = entry != null && entry.story() == Story.LOST_PARCEL && shop.fulfillment.ofOrder(order.id())
                .stream().flatMap(other -> shop.fulfillment.shipmentsOf(other.id()).stream()).count() == 1;
        for (SimulatedCarrier.Scan scan : shop.carrier.journey(shipment, order.header().shippingAddress(),
                order.header().serviceLevel(), lose)) {
            story(scan.arrivesAt(), "scan " + scan.update().updateId(), () -> scanArrives(scan, shipment));
        }
    }

    /** Ready in the store; the customer comes within a day or so (or never: the flow gives it up after three days). */
    private void readyForPickup(FulfillmentOrder fo) {
        shop.flow.readyForPickup(fo.id(), key());
        log.readyForPickup.put(fo.orderId(), shop.clock.instant());
        if (log.orders.get(fo.orderId()).story() == Story.PICKUP_NOT_COLLECTED) {
            return;
        }
        Instant comes = duringOpeningHours(shop.clock.instant().plus(Duration.ofMinutes(120 + random.nextInt(28 * 60))));
        story(comes, "customer collects " + fo.id(), () -> shop.flow.pickedUp(fo.id(), key()));
    }

    private Instant duringOpeningHours(Instant at) {
        int hour = at.atZone(ZoneOffset.UTC).getHour();
        if (hour >= 10 && hour < 19) {
            return at;
        }
        Instant day = at.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(hour >= 19 ? 1 : 0));
        return day.plus(Duration.ofHours(10)).plus(Duration.ofMinutes(random.nextInt(8 * 60)));
    }

    // ------------------------------------------------------------------ tracking, returns, claims

    private void scanArrives(SimulatedCarrier.Scan scan, Shipment shipment) {
        shop.flow.track(scan.update());
        Shipment after = shop.fulfillment.shipmentByTracking(scan.update().trackingNumber());
        if (!after.status().equals(scan.update().status())) {
            log.count("late scans that did not move a parcel back");
        }
        if (scan.update().status() == ShipmentStatus.EXCEPTION) {
            log.count("parcels lost by the carrier");
            story(after(90), "claim for " + shipment.id(), () -> claimLostParcel(shipment));
        }
    }

    /** An order completed (told by oms' events): a customer of a return story sends something back days later. */
    private void completed(OrderId id) {
        DayLog.Entry entry = log.orders.get(id);
        if (entry != null && RETURNED.contains(entry.story()) && returnsPlanned.add(id)) {
            story(after((2 + random.nextInt(5)) * 24 * 60), "return of " + id, () -> startReturn(id, entry.story()));
        }
    }

    private void startReturn(OrderId id, Story story) {
        Order order = shop.orders.load(id);
        OrderLine line = order.lines().get(0);
        String reason = switch (story) {
            case RETURN_DISPOSE -> random.nextBoolean() ? ReturnReasons.DAMAGED : ReturnReasons.DEFECTIVE;
            case EXCHANGE -> ReturnReasons.TOO_SMALL;
            default -> new String[] {ReturnReasons.DOES_NOT_FIT, ReturnReasons.TOO_SMALL, ReturnReasons.TOO_LARGE,
                    ReturnReasons.CHANGED_MIND, ReturnReasons.NOT_AS_DESCRIBED}[random.nextInt(5)];
        };
        List<LineToReturn> lines = List.of(LineToReturn.of(line.id().value(), 1, reason));
        ReturnDraft draft;
        if (story == Story.EXCHANGE) {
            Catalogue.Product larger = Catalogue.product(Sku.of("TEE-BASIC-L"));
            draft = ReturnDraft.exchange(id, lines, List.of(new NewLine(LineId.of("1"), larger.sku(), Quantity.of(1),
                    larger.unitPrice(), Amounts.of("0.00", "EUR"), line.tax())), false);
        } else {
            draft = ReturnDraft.returnOf(id, lines.toArray(LineToReturn[]::new));
        }
        ReturnRequest r = shop.flow.requestReturn(draft, key());
        ReturnRequest rma = shop.flow.approveReturn(r.id(), Network.RETURNS, key());
        returnLabel(rma, line, story);
    }

    /** Buys the return label (again an hour later if the carrier is down), then the parcel travels back. */
    private void returnLabel(ReturnRequest rma, OrderLine line, Story story) {
        try {
            shop.returns.issueLabel(rma.id(), key());
        } catch (SimulatedCarrier.CarrierUnavailableException outage) {
            log.count("labels retried after a carrier outage");
            story(after(60), "return label again " + rma.id(), () -> returnLabel(rma, line, story));
            return;
        }
        story(after(24 * 60), "return in transit " + rma.id(), () -> shop.returns.markInTransit(rma.id(), key()));
        story(after(3 * 24 * 60), "return arrives " + rma.id(), () -> returnArrives(rma, line, story));
    }

    /** Received, inspected (restocked units route orders waiting for them), then refunded or exchanged, and closed. */
    private void returnArrives(ReturnRequest rma, OrderLine line, Story story) {
        shop.flow.receiveReturn(rma.id(), List.of(new LineQuantity(line.id(), Quantity.of(1))), key());
        boolean damaged = story == Story.RETURN_DISPOSE;
        shop.flow.inspectReturn(rma.id(), List.of(new LineInspection(line.id(), new Inspection(Quantity.of(1),
                damaged ? ItemCondition.DAMAGED : ItemCondition.AS_NEW, damaged ? Disposition.DISPOSE : Disposition.RESTOCK,
                Network.RETURNS))), key());
        if (story == Story.EXCHANGE) {
            ReturnRequest exchanged = shop.flow.exchange(rma.id(), key());
            OrderId replacement = exchanged.replacement().orElseThrow().orderId().orElseThrow();
            log.order(new DayLog.Entry(replacement, "exchange", Story.STANDARD, shop.clock.instant(),
                    shop.clock.instant().plus(Duration.ofHours(36))));
            if (shop.fulfillment.ofOrder(replacement).isEmpty()) {
                log.unexpected.add("replacement " + replacement + " was not routed");
            } else {
                log.count("exchanges: replacement orders routed");
            }
        } else {
            shop.flow.refundReturn(rma.id(), RefundMethod.ORIGINAL_PAYMENT, key());
        }
        shop.returns.close(rma.id(), key());
    }

    /** A claim for the lost units, refunded; the flow records the loss and completes the order if that settled it. */
    private void claimLostParcel(Shipment shipment) {
        LineToReturn[] lines = shipment.lines().stream().map(l -> new LineToReturn(l.lineId(), l.quantity(),
                ReturnReasons.LOST_IN_TRANSIT)).toArray(LineToReturn[]::new);
        ReturnRequest claim = shop.flow.requestReturn(ReturnDraft.claim(shipment.orderId(), ClaimResolution.REFUND,
                lines), key());
        shop.flow.approveClaim(claim.id(), key());
        shop.flow.refundReturn(claim.id(), RefundMethod.ORIGINAL_PAYMENT, key());
        shop.returns.close(claim.id(), key());
        log.count("claims refunded");
    }

    // ------------------------------------------------------------------ the loop

    private Instant after(long minutes) {
        return shop.clock.instant().plus(Duration.ofMinutes(minutes));
    }

    private void story(Instant when, String what, Runnable action) {
        storyTasks++;
        Instant at = when.isBefore(shop.clock.instant()) ? shop.clock.instant() : when;
        agenda.add(new Task(at, sequence++, false, what, action));
    }

    private void recurring(Instant first, Duration every, String what, Runnable action) {
        agenda.add(new Task(first, sequence++, true, what, () -> {
            action.run();
            recurring(shop.clock.instant().plus(every), every, what, action);
        }));
    }

    private void reportProgress() {
        double afterDay = Duration.between(DAY.plus(Duration.ofDays(1)), shop.clock.instant()).toHours() / (24.0 * 16);
        progress.accept(placed < orderCount ? 0.6 * placed / orderCount : Math.min(0.99, 0.6 + 0.4 * afterDay));
    }

    private CommandKey key() {
        return CommandKey.of("shop-" + (++keys));
    }
}
