package dev.oms.examples.shopday;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oms.core.EditPreview;
import dev.oms.core.FraudScreening;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.examples.shopday.PlannedOrder.Channel;
import dev.oms.examples.shopday.PlannedOrder.PlannedLine;
import dev.oms.fulfillment.FulfillmentService;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.json.OmsJson;
import dev.oms.returns.RequestedLine;
import dev.oms.returns.ReturnDraft;
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
import dev.oms.spi.fulfillment.FulfillmentKind;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.ShipmentStatus;
import dev.oms.spi.inventory.IncomingStock;
import dev.oms.spi.inventory.PositionKey;
import dev.oms.spi.inventory.PositionSettings;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.FulfillmentStatus;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.order.OrderLine;
import dev.oms.spi.order.OrderStatus;
import dev.oms.spi.returns.ClaimResolution;
import dev.oms.spi.returns.Disposition;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.ItemCondition;
import dev.oms.spi.returns.RefundMethod;
import dev.oms.spi.returns.ReturnEvent.LineInspection;
import dev.oms.spi.returns.ReturnRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.DoubleConsumer;

/**
 * The simulated day: a discrete-event loop on the shop's manual clock. Customers place the planned
 * orders over the day; the host screens, authorises, confirms and routes them; warehouses and
 * stores work in waves every 30 minutes during their opening hours (pick, pack, ship or make ready
 * for pickup); the carrier's scans arrive, some late; purchase orders arrive and fill backorders;
 * customers cancel, edit, collect, return, exchange and claim. The loop runs until nothing is left
 * to happen (typically two to three weeks of simulated time). Deterministic for a seed on the
 * in-memory stores.
 */
final class DaySimulation {
    static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final Set<FulfillmentOrderStatus> BEFORE_SHIPMENT = EnumSet.of(FulfillmentOrderStatus.CREATED,
            FulfillmentOrderStatus.PICKING, FulfillmentOrderStatus.PACKED, FulfillmentOrderStatus.READY_FOR_PICKUP);
    private static final Duration WAVE = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = OmsJson.newMapper();

    private final Shop shop;
    private final int orderCount;
    private final SplittableRandom random;
    private final DoubleConsumer progress;
    private final DayLog log = new DayLog();
    private final PriorityQueue<Task> agenda = new PriorityQueue<>(Comparator.comparing(Task::at)
            .thenComparingLong(Task::sequence));
    private final Map<LocationId, LinkedHashSet<dev.oms.spi.FulfillmentOrderId>> worklists = new LinkedHashMap<>();
    /** Orders with units no location could take, oldest first: they wait for stock. */
    private final TreeMap<String, OrderId> backorders = new TreeMap<>();
    private final Map<OrderId, String> backorderKeys = new HashMap<>();
    private long sequence;
    private long keys;
    private int placed;
    private int storyTasks;

    private record Task(Instant at, long sequence, boolean recurring, String what, Runnable action) {
    }

    DaySimulation(Shop shop, int orderCount, long seed, DoubleConsumer progress) {
        this.shop = shop;
        this.orderCount = orderCount;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.progress = progress;
        for (var location : Network.LOCATIONS) {
            worklists.put(location.id(), new LinkedHashSet<>());
        }
    }

    /** Runs the day and everything that follows from it; returns the host's log. */
    DayLog run() {
        List<PlannedOrder> plan = new DayPlanner(random.nextLong(), DAY).plan(orderCount);
        stockTheNetwork(plan);
        for (PlannedOrder p : plan) {
            story(p.placedAt(), "place " + p.externalId(), () -> place(p));
        }
        for (var location : Network.LOCATIONS) {
            Instant first = DAY.plus(Duration.ofHours(Network.isStore(location.id()) ? 9 : 6));
            recurring(first, "wave at " + location.id(), () -> wave(location.id()));
        }
        recurring(DAY.plus(Duration.ofHours(1)), "deliver events", shop.delivery::deliverAll);
        recurring(DAY.plus(Duration.ofDays(1)).plus(Duration.ofHours(5)), "route waiting orders", this::routeBackorders);
        while (!agenda.isEmpty()) {
            Task task = agenda.poll();
            if (task.recurring() && storyTasks == 0 && worklists.values().stream().allMatch(Set::isEmpty)) {
                continue;
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
                    receive(sku, at, units, "opening-stock-" + at.value());
                    log.openingStock.merge(at, units, Long::sum);
                }
            }
        }
        long launchDemand = demand.getOrDefault(Catalogue.LAUNCH_SNEAKER, 0L);
        purchaseOrder(Catalogue.LAUNCH_SNEAKER, Network.BERLIN, launchDemand * 3 / 5 + 2, DAY.plus(Duration.ofHours(14)),
                "po-launch-1");
        purchaseOrder(Catalogue.LAUNCH_SNEAKER, Network.VIENNA_WAREHOUSE, launchDemand * 2 / 5 + 2,
                DAY.plus(Duration.ofDays(2)).plus(Duration.ofHours(10)), "po-launch-2");
        story(DAY.plus(Duration.ofDays(4)).plus(Duration.ofHours(12)), "give up on backorders", this::giveUpOnBackorders);
    }

    private void receive(Sku sku, LocationId at, long units, String document) {
        shop.inventory.receive(sku, at, Quantity.of(units), Reference.of(Reference.Type.RECEIPT, document), key());
        log.received(sku, units);
    }

    private void purchaseOrder(Sku sku, LocationId at, long units, Instant expected, String document) {
        Reference ref = Reference.of(Reference.Type.RECEIPT, document);
        shop.stores.inventory().expectIncoming(new IncomingStock(new PositionKey(sku, at), Quantity.of(units), expected,
                ref));
        story(expected, "receive " + document, () -> {
            receive(sku, at, units, document);
            log.count("purchase orders received");
            routeBackorders();
        });
    }

    // ------------------------------------------------------------------ placing and checkout

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
        Order order = switch (p.channel()) {
            case WEB, MARKETPLACE -> shop.channelImport.importOrder(importDocument(p)).result().order();
            case APP, STORE -> shop.orders.place(placeOrder(p), key()).order();
        };
        log.order(new DayLog.Entry(order.id(), p.channel().id, p.story(), p.placedAt(), shop.promises.shipBy(order)));
        story(after(2), "check out " + order.id(), () -> checkout(order.id(), p));
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
                    product.unitPrice(), Amounts.of("0.00", "EUR"), product.unitTax(p.city().country())));
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

    private void checkout(OrderId id, PlannedOrder p) {
        if (shop.orders.load(id).status() == OrderStatus.CANCELLED) {
            return;
        }
        FraudScreening.Screened screened = shop.fraud.screen(id, key());
        switch (screened.verdict().outcome()) {
            case REJECT -> log.count("orders rejected by the fraud screen");
            case REVIEW -> {
                log.count("orders held for fraud review");
                story(after(120), "fraud review of " + id, () -> {
                    if (shop.orders.load(id).status() == OrderStatus.CANCELLED) {
                        return; // the customer cancelled while it waited for review
                    }
                    shop.fraud.approve(id, "reviewed by an agent: customer verified", key());
                    pay(id, p);
                });
            }
            default -> pay(id, p);
        }
    }

    private void pay(OrderId id, PlannedOrder p) {
        Order order = shop.orders.load(id);
        if (order.status() == OrderStatus.CANCELLED) {
            return;
        }
        shop.payments.authorise(id, OrderTotals.of(order).grandTotal(), key());
        if (shop.orders.load(id).isOnHold()) {
            log.count("payments declined");
            if (p.story() == Story.DECLINED_CANCELLED) {
                story(after(24 * 60), "cancel unpaid " + id, () -> cancelWholeOrder(id, CancelReason.PAYMENT_DECLINED,
                        "no valid payment within 24 hours"));
            } else {
                story(after(180), "customer enters another card for " + id, () -> {
                    shop.paymentProvider.updateCard(p.customer());
                    pay(id, p);
                });
            }
            return;
        }
        if (p.story() == Story.EDIT) {
            addACap(id, p);
        }
        if (shop.orders.load(id).status() == OrderStatus.PENDING) {
            shop.orders.handle(id, new OrderCommand.Confirm(), key());
        }
        route(id);
    }

    /** The customer adds a cap before fulfilment starts; the host authorises the difference. */
    private void addACap(OrderId id, PlannedOrder p) {
        Catalogue.Product cap = Catalogue.product(Sku.of("CAP-BLACK"));
        LineId lineId = LineId.of(String.valueOf(p.lines().size() + 1));
        EditPreview preview = shop.orders.previewEdit(id, OrderCommand.Edit.of(new OrderEdit.AddLine(new NewLine(lineId,
                cap.sku(), Quantity.of(1), cap.unitPrice(), Amounts.of("0.00", "EUR"), cap.unitTax(p.city().country())))));
        shop.orders.commitEdit(preview, key());
        if (preview.difference().isPositive()) {
            shop.payments.authorise(id, preview.difference(), key());
        }
        log.count("orders edited");
    }

    // ------------------------------------------------------------------ routing and backorders

    /** Routes the order's unallocated units; what no location can take waits for stock. */
    private void route(OrderId id) {
        Order order = shop.orders.load(id);
        if (unallocated(order) == 0 || order.status() == OrderStatus.CANCELLED) {
            return;
        }
        FulfillmentService.Created created = shop.fulfillment.routeAndCreate(id, shop.router,
                RoutingRequest.forOrder(order), key());
        for (FulfillmentOrder fo : created.created()) {
            shop.capacity.took(fo.location());
            worklists.get(fo.location()).add(fo.id());
        }
        if (unallocated(shop.orders.load(id)) > 0) {
            if (backorderKeys.putIfAbsent(id, order.header().placedAt() + "/" + id) == null) {
                backorders.put(backorderKeys.get(id), id);
                log.count("orders waiting for stock (backorders)");
            }
        } else if (backorderKeys.containsKey(id)) {
            backorders.remove(backorderKeys.remove(id));
        }
    }

    private static long unallocated(Order order) {
        return order.lines().stream().mapToLong(l -> l.quantities().unallocated().value()).sum();
    }

    /** After stock arrives: waiting orders are routed again, oldest first. */
    private void routeBackorders() {
        for (OrderId id : List.copyOf(backorders.values())) {
            Order order = shop.orders.load(id);
            if (order.status() == OrderStatus.CONFIRMED || order.status() == OrderStatus.PROCESSING) {
                route(id);
                if (!backorderKeys.containsKey(id)) {
                    log.count("backorders filled by a delivery");
                }
            }
        }
    }

    /** Four days on, what still has no stock is cancelled as out of stock. */
    private void giveUpOnBackorders() {
        for (OrderId id : List.copyOf(backorders.values())) {
            backorders.remove(backorderKeys.remove(id));
            Order order = shop.orders.load(id);
            boolean nothingElse = order.lines().stream().allMatch(l -> l.quantities().unallocated()
                    .equals(l.quantities().open()));
            if (nothingElse) {
                cancelWholeOrder(id, CancelReason.OUT_OF_STOCK, "not in stock within four days");
                continue;
            }
            for (OrderLine line : order.lines()) {
                Quantity waiting = line.quantities().unallocated();
                if (waiting.isPositive()) {
                    shop.orders.handle(id, new OrderCommand.CancelLine(line.id(), waiting, CancelReason.OUT_OF_STOCK,
                            "not in stock within four days"), key());
                    log.count("lines cancelled out of stock");
                }
            }
            completeIfDone(id);
        }
    }

    // ------------------------------------------------------------------ cancellations

    private void customerCancels(OrderId id) {
        Order order = shop.orders.load(id);
        if (order.status() == OrderStatus.CANCELLED) {
            return;
        }
        if (order.lines().stream().anyMatch(l -> l.quantities().shipped().isPositive())) {
            log.count("cancellations too late (already shipped)");
            return;
        }
        cancelWholeOrder(id, CancelReason.CUSTOMER_REQUEST, "changed their mind");
    }

    /** Cancels the fulfilment orders that have not shipped, then the order, and voids the authorisation. */
    private void cancelWholeOrder(OrderId id, CancelReason reason, String note) {
        for (FulfillmentOrder fo : shop.fulfillment.ofOrder(id)) {
            if (BEFORE_SHIPMENT.contains(fo.status())) {
                shop.fulfillment.cancel(fo.id(), key());
                worklists.get(fo.location()).remove(fo.id());
            }
        }
        if (backorderKeys.containsKey(id)) {
            backorders.remove(backorderKeys.remove(id));
        }
        shop.orders.handle(id, new OrderCommand.Cancel(reason, note), key());
        voidWhatIsLeft(id);
        log.count("orders cancelled (" + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
    }

    private void voidWhatIsLeft(OrderId id) {
        if (shop.orders.load(id).payments().capturable().isPositive()) {
            shop.payments.voidRemaining(id, key());
        }
    }

    /** One unit fewer of the first line: its fulfilment order is cancelled, the line cut, the rest routed again. */
    private void cancelOneUnit(OrderId id) {
        Order order = shop.orders.load(id);
        OrderLine line = order.lines().get(0);
        if (order.status() == OrderStatus.CANCELLED || line.quantities().shipped().isPositive()) {
            log.count("cancellations too late (already shipped)");
            return;
        }
        for (FulfillmentOrder fo : shop.fulfillment.ofOrder(id)) {
            if (BEFORE_SHIPMENT.contains(fo.status()) && fo.lines().stream().anyMatch(l -> l.lineId().equals(line.id()))) {
                shop.fulfillment.cancel(fo.id(), key());
                worklists.get(fo.location()).remove(fo.id());
            }
        }
        shop.orders.handle(id, new OrderCommand.CancelLine(line.id(), Quantity.of(1), CancelReason.CUSTOMER_REQUEST,
                "one fewer"), key());
        log.count("lines cut by one unit at the customer's request");
        if (shop.orders.load(id).status() != OrderStatus.PENDING) {
            route(id);
        }
    }

    // ------------------------------------------------------------------ warehouse and store work

    /** Picks, packs and ships (or readies for pickup) the most urgent fulfilment orders of a location. */
    private void wave(LocationId location) {
        int hour = shop.clock.instant().atZone(ZoneOffset.UTC).getHour();
        boolean store = Network.isStore(location);
        boolean open = store ? hour >= 9 && hour < 20 : hour >= 6 && hour < 22;
        LinkedHashSet<dev.oms.spi.FulfillmentOrderId> worklist = worklists.get(location);
        if (!open || worklist.isEmpty()) {
            return;
        }
        List<FulfillmentOrder> work = new ArrayList<>();
        for (var foId : List.copyOf(worklist)) {
            FulfillmentOrder fo = shop.fulfillment.load(foId);
            if (BEFORE_SHIPMENT.contains(fo.status()) && fo.status() != FulfillmentOrderStatus.READY_FOR_PICKUP) {
                work.add(fo);
            } else {
                worklist.remove(foId);
            }
        }
        Map<OrderId, Order> orders = new HashMap<>();
        for (FulfillmentOrder fo : work) {
            orders.computeIfAbsent(fo.orderId(), shop.orders::load);
        }
        List<OrderId> urgency = shop.promises.order(orders.values()).stream().map(e -> e.orderId()).toList();
        work.sort(Comparator.comparingInt((FulfillmentOrder fo) -> urgency.indexOf(fo.orderId()))
                .thenComparing(fo -> fo.id().value()));
        int capacity = store ? 6 : 40;
        for (FulfillmentOrder fo : work.subList(0, Math.min(capacity, work.size()))) {
            if (orders.get(fo.orderId()).isOnHold()) {
                continue;
            }
            work(fo);
        }
    }

    /**
     * One step of a fulfilment order per wave: pick and pack it, then (next wave, when the carrier
     * collects) ship it; a pickup order is made ready in the store right after packing.
     */
    private void work(FulfillmentOrder fo) {
        if (fo.status() == FulfillmentOrderStatus.CREATED || fo.status() == FulfillmentOrderStatus.PICKING) {
            if (fo.status() == FulfillmentOrderStatus.CREATED) {
                fo = shop.fulfillment.startPicking(fo.id(), key());
            }
            fo = shop.fulfillment.pack(fo.id(), key());
            if (fo.kind() == FulfillmentKind.PICKUP) {
                readyForPickup(fo);
            }
            return;
        }
        List<LineQuantity> lines = fo.lines().stream().filter(l -> l.open().isPositive())
                .map(l -> new LineQuantity(l.lineId(), l.open())).toList();
        Shipment shipment;
        try {
            shipment = shop.fulfillment.ship(fo.id(), lines, key());
        } catch (SimulatedCarrier.CarrierUnavailableException outage) {
            log.count("labels retried after a carrier outage");
            return;
        }
        worklists.get(fo.location()).remove(fo.id());
        Order order = shop.orders.load(fo.orderId());
        DayLog.Entry entry = log.orders.get(fo.orderId());
        boolean lose = entry.story() == Story.LOST_PARCEL && shop.fulfillment.ofOrder(fo.orderId()).stream()
                .flatMap(other -> shop.fulfillment.shipmentsOf(other.id()).stream()).count() == 1;
        for (SimulatedCarrier.Scan scan : shop.carrier.journey(shipment, order.header().shippingAddress(),
                order.header().serviceLevel(), lose)) {
            story(scan.arrivesAt(), "scan " + scan.update().updateId(), () -> scanArrives(scan, shipment));
        }
    }

    private void readyForPickup(FulfillmentOrder fo) {
        shop.fulfillment.readyForPickup(fo.id(), key());
        worklists.get(fo.location()).remove(fo.id());
        log.readyForPickup.put(fo.orderId(), shop.clock.instant());
        if (log.orders.get(fo.orderId()).story() == Story.PICKUP_NOT_COLLECTED) {
            story(after(3 * 24 * 60), "pickup expires " + fo.id(), () -> {
                shop.fulfillment.expirePickup(fo.id(), key());
                cancelWholeOrder(fo.orderId(), CancelReason.CUSTOMER_REQUEST, "not collected within three days");
            });
            return;
        }
        Instant comes = duringOpeningHours(shop.clock.instant().plus(Duration.ofMinutes(120 + random.nextInt(28 * 60))));
        story(comes, "customer collects " + fo.id(), () -> {
            shop.fulfillment.pickedUp(fo.id(), key());
            completeIfDone(fo.orderId());
        });
    }

    private Instant duringOpeningHours(Instant at) {
        int hour = at.atZone(ZoneOffset.UTC).getHour();
        if (hour >= 10 && hour < 19) {
            return at;
        }
        Instant day = at.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(hour >= 19 ? 1 : 0));
        return day.plus(Duration.ofHours(10)).plus(Duration.ofMinutes(random.nextInt(8 * 60)));
    }

    // ------------------------------------------------------------------ tracking, completion, returns

    private void scanArrives(SimulatedCarrier.Scan scan, Shipment shipment) {
        Shipment after = shop.fulfillment.applyTracking(scan.update());
        if (!after.status().equals(scan.update().status())) {
            log.count("late scans that did not move a parcel back");
        }
        if (scan.update().status() == ShipmentStatus.DELIVERED) {
            completeIfDone(shipment.orderId());
        } else if (scan.update().status() == ShipmentStatus.EXCEPTION) {
            log.count("parcels lost by the carrier");
            story(after(90), "claim for " + shipment.id(), () -> claimLostParcel(shipment));
        }
    }

    /**
     * Completes an order whose every open unit was delivered (or lost, with its claim settled),
     * voids what was authorised and not needed.
     */
    private void completeIfDone(OrderId id) {
        Order order = shop.orders.load(id);
        if (order.status() != OrderStatus.PROCESSING && order.status() != OrderStatus.CONFIRMED) {
            return;
        }
        boolean done = order.lines().stream().allMatch(l -> l.quantities().settled().equals(l.quantities().open()));
        if (!done || order.fulfillmentStatus() == FulfillmentStatus.UNFULFILLED) {
            return;
        }
        shop.orders.handle(id, new OrderCommand.Complete(), key());
        voidWhatIsLeft(id);
        Story story = log.orders.get(id).story();
        if (story == Story.RETURN_RESTOCK || story == Story.RETURN_DISPOSE || story == Story.EXCHANGE) {
            story(after((2 + random.nextInt(5)) * 24 * 60), "return of " + id, () -> startReturn(id, story));
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
        List<RequestedLine> lines = List.of(RequestedLine.of(line.id().value(), 1, reason));
        ReturnDraft draft;
        if (story == Story.EXCHANGE) {
            Catalogue.Product larger = Catalogue.product(Sku.of("TEE-BASIC-L"));
            draft = ReturnDraft.exchange(id, lines, List.of(new NewLine(LineId.of("1"), larger.sku(), Quantity.of(1),
                    larger.unitPrice(), Amounts.of("0.00", "EUR"), line.unitTax())), false);
        } else {
            draft = ReturnDraft.returnOf(id, lines.toArray(RequestedLine[]::new));
        }
        ReturnRequest r = shop.returns.request(draft, key());
        ReturnRequest rma = shop.returns.approve(r.id(), Network.RETURNS, key());
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

    private void returnArrives(ReturnRequest rma, OrderLine line, Story story) {
        shop.returns.receive(rma.id(), List.of(new LineQuantity(line.id(), Quantity.of(1))), key());
        boolean damaged = story == Story.RETURN_DISPOSE;
        shop.returns.inspect(rma.id(), List.of(new LineInspection(line.id(), new Inspection(Quantity.of(1),
                damaged ? ItemCondition.DAMAGED : ItemCondition.AS_NEW, damaged ? Disposition.DISPOSE : Disposition.RESTOCK,
                Network.RETURNS))), key());
        if (story == Story.EXCHANGE) {
            ReturnRequest exchanged = shop.returns.exchange(rma.id(), key());
            OrderId replacement = exchanged.replacement().orElseThrow().orderId().orElseThrow();
            Order order = shop.orders.load(replacement);
            log.order(new DayLog.Entry(replacement, "exchange", Story.STANDARD, shop.clock.instant(),
                    shop.clock.instant().plus(Duration.ofHours(36))));
            route(replacement);
            log.count("exchanges: replacement orders routed");
            if (order.status() == OrderStatus.CANCELLED) {
                log.unexpected.add("replacement " + replacement + " is cancelled");
            }
        } else {
            shop.returns.refund(rma.id(), RefundMethod.ORIGINAL_PAYMENT, key());
        }
        shop.returns.close(rma.id(), key());
        routeBackorders();
    }

    private void claimLostParcel(Shipment shipment) {
        RequestedLine[] lines = shipment.lines().stream().map(l -> new RequestedLine(l.lineId(), l.quantity(),
                ReturnReasons.LOST_IN_TRANSIT)).toArray(RequestedLine[]::new);
        ReturnRequest claim = shop.returns.request(ReturnDraft.claim(shipment.orderId(), ClaimResolution.REFUND, lines),
                key());
        shop.returns.approve(claim.id(), key());
        shop.returns.refund(claim.id(), RefundMethod.ORIGINAL_PAYMENT, key());
        shop.returns.close(claim.id(), key());
        log.count("claims refunded");
        completeIfDone(shipment.orderId()); // the lost units are settled; the rest may be delivered already
    }

    // ------------------------------------------------------------------ the loop

    private Instant after(long minutes) {
        return shop.clock.instant().plus(Duration.ofMinutes(minutes));
    }

    private void story(Instant when, String what, Runnable action) {
        storyTasks++;
        agenda.add(new Task(when, sequence++, false, what, action));
    }

    private void recurring(Instant first, String what, Runnable action) {
        agenda.add(new Task(first, sequence++, true, what, () -> {
            action.run();
            Duration every = what.startsWith("wave") ? WAVE : what.startsWith("route") ? Duration.ofDays(1)
                    : Duration.ofHours(1);
            recurring(shop.clock.instant().plus(every), what, action);
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
