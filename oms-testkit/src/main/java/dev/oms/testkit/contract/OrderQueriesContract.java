package dev.oms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.core.AttributeDefinitions;
import dev.oms.core.AttributeDefinitions.Definition;
import dev.oms.core.AttributeDefinitions.Scope;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderService;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.fakes.ManualClock;
import dev.oms.spi.Address;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.Quantity;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.Sku;
import dev.oms.spi.order.Attributes;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.FulfillmentStatus;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.Order.PaymentStatus;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.store.OrderQueries;
import dev.oms.spi.store.OrderQuery;
import dev.oms.spi.store.OrderQuery.Sort;
import dev.oms.spi.store.OrderStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.Test;

/**
 * The conformance contract of {@link OrderQueries}. An adapter author extends this class in
 * their own test code and implements {@link #newStore()} (and {@link #queries} if the queries
 * are not the store object itself).
 *
 * <p>The orders are written through oms-core's {@link OrderService} on the store, so each save
 * carries its grand total as oms computes it. What a query must return is computed from the
 * orders as the store loads them, by {@link OrderQuery.Filter#matches} and {@link OrderQuery#compare}:
 * the store must find exactly those, in that order, on pages of the size asked.
 *
 * <p>Every test works on orders of a channel of its own and every query it checks names that
 * channel, so the store may be shared between tests and hold other orders.
 */
public abstract class OrderQueriesContract {
    private static final Instant T0 = Instant.parse("2026-11-02T08:00:00Z");
    private static final AttributeDefinitions ATTRIBUTES = AttributeDefinitions.of(
            Definition.optional(Scope.ORDER, "po-number", Attributes.Type.TEXT),
            Definition.optional(Scope.ORDER, "rush", Attributes.Type.BOOLEAN),
            Definition.optional(Scope.ORDER, "width", Attributes.Type.NUMBER),
            Definition.optional(Scope.LINE, "engraving", Attributes.Type.TEXT),
            Definition.optional(Scope.LINE, "deliver-on", Attributes.Type.DATE));
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** For subclasses: an adapter's test class. */
    protected OrderQueriesContract() {
    }

    /** @return the order store under test */
    protected abstract OrderStore newStore();

    /**
     * @param store a store from {@link #newStore()}
     * @return its queries; by default the store itself
     */
    protected OrderQueries queries(OrderStore store) {
        assertThat(store).as("the store answers queries (override queries(store) if another object does)")
                .isInstanceOf(OrderQueries.class);
        return (OrderQueries) store;
    }

    /** A store, its queries, a service whose clock the test moves, and a channel of its own. */
    private final class World {
        final OrderStore store = newStore();
        final OrderQueries queries = queries(store);
        final ManualClock clock = new ManualClock(T0);
        final ChannelId channel;
        final OrderService orders;
        final List<OrderId> ids = new ArrayList<>();

        World(String name) {
            channel = ChannelId.of("q-" + name + "-" + run);
            orders = OrderService.builder(store).decider(OrderDecider.builder().clock(clock)
                    .ids(IdGenerator.sequential("q" + name + "-" + run + "-")).attributes(ATTRIBUTES).build()).build();
        }

        OrderId place(String customer, Instant placedAt, List<String> tags, String... skus) {
            return place(customer, placedAt, tags, Attributes.NONE, Attributes.NONE, skus);
        }

        /** An order whose first line carries {@code line} attributes. */
        OrderId place(String customer, Instant placedAt, List<String> tags, Attributes order, Attributes line,
                String... skus) {
            PlaceOrder.Builder b = PlaceOrder.builder(channel, ExternalOrderId.of("e" + ids.size()),
                    CustomerRef.of(customer + "-" + run), Monetary.getCurrency("EUR"))
                    .shipTo(Address.of("DE", "10115")).placedAt(placedAt);
            tags.forEach(b::tag);
            order.values().forEach(b::attribute);
            for (int i = 0; i < skus.length; i++) {
                b.line(NewLine.of(String.valueOf(i + 1), skus[i], 2, Amounts.of("10.00", "EUR"))
                        .withAttributes(i == 0 ? line : Attributes.NONE));
            }
            OrderId id = orders.place(b.build()).order().id();
            ids.add(id);
            return id;
        }

        Order handle(OrderId id, OrderCommand command) {
            clock.advance(Duration.ofMillis(1));
            return orders.handle(id, command).order();
        }

        MonetaryAmount total(OrderId id) {
            return OrderTotals.of(orders.load(id)).grandTotal();
        }

        MonetaryAmount part(OrderId id) {
            return total(id).divide(4);
        }

        OrderQuery.Filter.Builder filter() {
            return OrderQuery.Filter.builder().channel(channel);
        }

        /** What a query over this world's orders must return, from the orders as the store loads them. */
        List<Order> expected(OrderQuery query) {
            List<Order> all = new ArrayList<>();
            for (OrderId id : ids) {
                Order order = store.load(id).orElseThrow();
                if (query.filter().matches(order, OrderTotals.paymentStatus(order))) {
                    all.add(order);
                }
            }
            all.sort(query::compare);
            return all;
        }

        /** Every page of the query, checking each page's size and cursor. */
        List<Order> pages(OrderQuery first) {
            List<Order> found = new ArrayList<>();
            OrderQuery query = first;
            for (int n = 0; n < 10_000; n++) {
                OrderQuery.Page page = queries.find(query);
                assertThat(page.orders().size()).as("a page holds at most the page size").isLessThanOrEqualTo(
                        query.pageSize());
                found.addAll(page.orders());
                if (page.next().isEmpty()) {
                    return found;
                }
                assertThat(page.orders()).as("a page with a next cursor is full").hasSize(query.pageSize());
                // a host hands the cursor to a client as text and takes it back
                query = query.after(OrderQuery.Cursor.parse(page.next().get().value()));
            }
            throw new AssertionError("more than 10,000 pages");
        }
    }

    /**
     * Orders of every kind the filters tell apart: statuses, payment and fulfilment statuses,
     * holds, customers, tags, SKUs, placement instants (two share one, so ties are broken by id)
     * and changes at different instants.
     */
    private World varied(String name) {
        World w = new World(name);
        Instant day = T0.minus(Duration.ofDays(3));
        OrderId pending = w.place("ann", day, List.of("vip"), "TEE", "MUG");
        OrderId confirmed = w.place("ann", day, List.of(), "MUG");
        w.handle(confirmed, new OrderCommand.Confirm());
        OrderId authorised = w.place("bob", day.plusSeconds(60), List.of("gift"), "CAP");
        w.handle(authorised, new OrderCommand.RecordAuthorisation(w.total(authorised), PaymentReference.of("a1")));
        OrderId paid = w.place("bob", day.plusSeconds(120), List.of("vip", "gift"), "TEE");
        w.handle(paid, new OrderCommand.RecordAuthorisation(w.total(paid), PaymentReference.of("a2")));
        w.handle(paid, new OrderCommand.RecordCapture(w.total(paid), PaymentReference.of("c2")));
        OrderId partly = w.place("cy", day.plusSeconds(180), List.of(), "TEE", "CAP");
        w.handle(partly, new OrderCommand.RecordAuthorisation(w.total(partly), PaymentReference.of("a3")));
        w.handle(partly, new OrderCommand.RecordCapture(w.part(partly), PaymentReference.of("c3")));
        OrderId refunded = w.place("cy", day.plusSeconds(240), List.of("b2b"), "MUG");
        w.handle(refunded, new OrderCommand.RecordAuthorisation(w.total(refunded), PaymentReference.of("a4")));
        w.handle(refunded, new OrderCommand.RecordCapture(w.total(refunded), PaymentReference.of("c4")));
        w.handle(refunded, new OrderCommand.RecordRefund(w.part(refunded), PaymentReference.of("r4")));
        OrderId whole = w.place("cy", day.plusSeconds(270), List.of(), "SOCK");
        w.handle(whole, new OrderCommand.RecordAuthorisation(w.total(whole), PaymentReference.of("a6")));
        w.handle(whole, new OrderCommand.RecordCapture(w.total(whole), PaymentReference.of("c6")));
        w.handle(whole, new OrderCommand.RecordRefund(w.total(whole), PaymentReference.of("r6")));
        OrderId voided = w.place("dee", day.plusSeconds(300), List.of(), "CAP");
        w.handle(voided, new OrderCommand.RecordAuthorisation(w.total(voided), PaymentReference.of("a5")));
        w.handle(voided, new OrderCommand.RecordVoid(w.total(voided), PaymentReference.of("v5")));
        OrderId held = w.place("dee", day.plusSeconds(360), List.of("vip"), "TEE");
        w.handle(held, new OrderCommand.PlaceHold(HoldType.FRAUD_REVIEW, "screen", "score 80"));
        OrderId manual = w.place("eve", day.plusSeconds(420), List.of(), "SOCK");
        w.handle(manual, new OrderCommand.Confirm());
        w.handle(manual, new OrderCommand.PlaceHold(HoldType.CUSTOM, "agent", "customer called"));
        OrderId cancelled = w.place("eve", day.plusSeconds(480), List.of("gift"), "SOCK", "MUG");
        w.handle(cancelled, new OrderCommand.Cancel(CancelReason.CUSTOMER_REQUEST, "changed mind"));
        OrderId shipped = w.place("ann", day.plusSeconds(540), List.of(), "TEE");
        w.handle(shipped, new OrderCommand.Confirm());
        LineQuantity two = new LineQuantity(LineId.of("1"), Quantity.of(2));
        LineQuantity one = new LineQuantity(LineId.of("1"), Quantity.of(1));
        w.handle(shipped, new OrderCommand.Allocate(LocationId.of("wh"), List.of(two)));
        w.handle(shipped, new OrderCommand.Ship(ShipmentId.of("s-" + run), List.of(one)));
        OrderId delivered = w.place("bob", day.plusSeconds(600), List.of(), "CAP");
        w.handle(delivered, new OrderCommand.Confirm());
        w.handle(delivered, new OrderCommand.Allocate(LocationId.of("wh"), List.of(two)));
        w.handle(delivered, new OrderCommand.Ship(ShipmentId.of("s2-" + run), List.of(two)));
        w.handle(delivered, new OrderCommand.Deliver(ShipmentId.of("s2-" + run), List.of(two), Optional.empty()));
        w.place("fay", day.plusSeconds(660), List.of(), "TEE", "SOCK");
        w.place("fay", day.plusSeconds(660), List.of("vip"), "MUG");
        w.place("gus", day.plusSeconds(720), List.of(), Attributes.NONE.with("po-number", new Attributes.Text("PO-1"))
                .with("rush", new Attributes.Flag(true)).with("width", new Attributes.Number(new BigDecimal("5"))),
                Attributes.NONE.with("engraving", new Attributes.Text("For \"Ann\"")), "DESK", "LAMP");
        w.place("gus", day.plusSeconds(780), List.of(), Attributes.NONE.with("po-number", new Attributes.Text("PO-2"))
                .with("width", new Attributes.Number(new BigDecimal("5.50"))), Attributes.NONE.with("engraving",
                        new Attributes.Text("For \"Ann\"")).with("deliver-on", new Attributes.Date(
                                LocalDate.parse("2026-12-24"))), "DESK");
        OrderId edited = w.place("gus", day.plusSeconds(840), List.of(), "LAMP", "DESK");
        Attributes po = Attributes.NONE.with("po-number", new Attributes.Text("PO-1"))
                .with("width", new Attributes.Number(new BigDecimal("5.000")));
        Attributes slot = Attributes.NONE.with("deliver-on", new Attributes.Date(LocalDate.parse("2026-12-24")));
        w.handle(edited, new OrderCommand.Edit(List.of(new OrderEdit.SetAttributes(Optional.empty(), po),
                new OrderEdit.SetAttributes(Optional.of(LineId.of("2")), slot))));
        return w;
    }

    /**
     * Each filter alone and some together, on every sort, in pages of three: exactly the orders
     * that pass, in the sort's order, none twice. When it fails: see which filter (the
     * description names it); check the column or index the filter reads is written by every
     * save, and that ties of the sort's instant are broken by the order id in code point order.
     */
    @Test
    public void required_every_filter_finds_exactly_the_orders_that_pass_it() {
        World w = varied("filters");
        Instant day = T0.minus(Duration.ofDays(3));
        Map<String, OrderQuery.Filter> filters = new java.util.LinkedHashMap<>();
        filters.put("no other part", w.filter().build());
        filters.put("status", w.filter().status(OrderStatus.CONFIRMED, OrderStatus.CANCELLED).build());
        for (PaymentStatus p : PaymentStatus.values()) {
            filters.put("payment status " + p, w.filter().paymentStatus(p).build());
        }
        for (FulfillmentStatus f : new FulfillmentStatus[] {FulfillmentStatus.UNFULFILLED,
            FulfillmentStatus.PARTIALLY_FULFILLED, FulfillmentStatus.DELIVERED}) {
            filters.put("fulfilment status " + f, w.filter().fulfillmentStatus(f).build());
        }
        filters.put("hold type", w.filter().onHold(HoldType.FRAUD_REVIEW).build());
        filters.put("hold types", w.filter().onHold(HoldType.FRAUD_REVIEW, HoldType.CUSTOM).build());
        filters.put("two channels", OrderQuery.Filter.builder().channel(w.channel, ChannelId.of("q-none-" + run)).build());
        filters.put("customer", w.filter().customer(CustomerRef.of("ann-" + run)).build());
        filters.put("customers", w.filter().customer(CustomerRef.of("bob-" + run), CustomerRef.of("eve-" + run))
                .build());
        filters.put("tag", w.filter().tag("vip").build());
        filters.put("tags", w.filter().tag("gift", "b2b").build());
        filters.put("sku", w.filter().sku(Sku.of("SOCK")).build());
        filters.put("skus", w.filter().sku(Sku.of("CAP"), Sku.of("SOCK")).build());
        filters.put("placed from", w.filter().placedBetween(day.plusSeconds(300), null).build());
        filters.put("placed until", w.filter().placedBetween(null, day.plusSeconds(120)).build());
        filters.put("placed between", w.filter().placedBetween(day.plusSeconds(60), day.plusSeconds(361)).build());
        filters.put("updated between", w.filter().updatedBetween(T0.plusMillis(5), T0.plusMillis(15)).build());
        filters.put("together", w.filter().status(OrderStatus.PENDING, OrderStatus.CONFIRMED)
                .customer(CustomerRef.of("ann-" + run), CustomerRef.of("dee-" + run)).tag("vip").sku(Sku.of("TEE"))
                .build());
        filters.put("nothing passes", w.filter().status(OrderStatus.COMPLETED).build());
        filters.put("an attribute", w.filter().attribute("po-number", new Attributes.Text("PO-1")).build());
        filters.put("a number attribute, whatever its scale", w.filter().attribute("width",
                new Attributes.Number(new BigDecimal("5.0"))).build());
        filters.put("two attributes", w.filter().attribute("po-number", new Attributes.Text("PO-1"))
                .attribute("rush", new Attributes.Flag(true)).build());
        filters.put("a line attribute", w.filter().lineAttribute("engraving", new Attributes.Text("For \"Ann\""))
                .build());
        filters.put("two attributes of one line", w.filter().lineAttribute("engraving",
                new Attributes.Text("For \"Ann\"")).lineAttribute("deliver-on", new Attributes.Date(
                        LocalDate.parse("2026-12-24"))).build());
        filters.put("a line attribute set by an edit", w.filter().lineAttribute("deliver-on",
                new Attributes.Date(LocalDate.parse("2026-12-24"))).build());
        int nonEmpty = 0;
        for (Map.Entry<String, OrderQuery.Filter> f : filters.entrySet()) {
            for (Sort sort : Sort.values()) {
                OrderQuery query = OrderQuery.of(f.getValue()).sortedBy(sort).pageSize(3);
                List<Order> expected = w.expected(query);
                assertThat(ids(w.pages(query))).as(f.getKey() + ", " + sort).containsExactlyElementsOf(ids(expected));
                nonEmpty += expected.isEmpty() ? 0 : 1;
                if (f.getKey().contains("attribute")) {
                    assertThat(expected).as(f.getKey() + " finds orders of the world").isNotEmpty();
                }
            }
        }
        assertThat(w.expected(OrderQuery.of(filters.get("a number attribute, whatever its scale")))).as(
                "5.0 finds 5 and 5.000, not 5.50").hasSize(2);
        assertThat(nonEmpty).as("filters that find something").isGreaterThan(filters.size() * 3);
        assertThat(w.expected(OrderQuery.of(w.filter().paymentStatus(PaymentStatus.values()).build())))
                .as("the world has every payment status")
                .extracting(OrderTotals::paymentStatus).containsAll(List.of(PaymentStatus.values()));
    }

    /**
     * Custom attributes of every type, on the order and a line, read back exactly as saved, also
     * after an edit replaced them, and a query finds the order by each of them. When it fails:
     * the store's form of the snapshot drops or changes them (a date, a number's scale, an amount's
     * currency), or the query columns are not written by every save.
     */
    @Test
    public void required_custom_attributes_read_back_as_saved_and_find_the_order() {
        World w = new World("attributes");
        Attributes order = Attributes.NONE.with("po-number", new Attributes.Text("PO \"7\"\n\u00e9\uD83D\uDE00"))
                .with("rush", new Attributes.Flag(false)).with("width", new Attributes.Number(new BigDecimal("12.50")));
        Attributes line = Attributes.NONE.with("engraving", new Attributes.Text("\\ back\tslash"))
                .with("deliver-on", new Attributes.Date(LocalDate.parse("2027-01-31")));
        OrderId id = w.place("hal", T0, List.of(), order, line, "DESK", "LAMP");
        Order placed = w.orders.load(id);
        assertThat(w.store.load(id)).as("read back as saved").contains(placed);
        assertThat(placed.header().attributes()).isEqualTo(order);
        assertThat(placed.lines().get(0).attributes()).isEqualTo(line);
        Order edited = w.handle(id, new OrderCommand.Edit(List.of(new OrderEdit.SetAttributes(
                Optional.of(LineId.of("2")), line))));
        assertThat(w.store.load(id)).as("read back after the edit").contains(edited);
        for (Map.Entry<String, Attributes.Value> a : order.values().entrySet()) {
            assertThat(ids(w.pages(OrderQuery.of(w.filter().attribute(a.getKey(), a.getValue()).build()))))
                    .as("found by " + a.getKey()).containsExactly(id);
        }
        assertThat(ids(w.pages(OrderQuery.of(w.filter().lineAttribute("engraving", line.get("engraving").get())
                .lineAttribute("deliver-on", line.get("deliver-on").get()).build())))).containsExactly(id);
        assertThat(w.pages(OrderQuery.of(w.filter().attribute("rush", new Attributes.Flag(true)).build()))).isEmpty();
    }

    /**
     * Counts by status are those of the orders that pass the filter, every status present.
     */
    @Test
    public void required_counts_by_status_are_those_of_the_orders_that_pass() {
        World w = varied("counts");
        for (OrderQuery.Filter filter : List.of(w.filter().build(), w.filter().tag("vip").build(),
                w.filter().status(OrderStatus.CONFIRMED).build(), w.filter().paymentStatus(PaymentStatus.PAID).build())) {
            Map<OrderStatus, Long> expected = new EnumMap<>(OrderStatus.class);
            for (OrderStatus s : OrderStatus.values()) {
                expected.put(s, 0L);
            }
            w.expected(OrderQuery.of(filter)).forEach(o -> expected.merge(o.status(), 1L, Long::sum));
            assertThat(w.queries.countByStatus(filter)).as(filter.toString()).isEqualTo(expected);
        }
    }

    /**
     * A page reflects saves made before it: an order that changes status leaves one filter and
     * joins another, and is found in its latest version.
     */
    @Test
    public void required_a_page_shows_each_order_in_its_latest_version() {
        World w = varied("latest");
        OrderQuery pending = OrderQuery.of(w.filter().status(OrderStatus.PENDING).build());
        List<Order> before = w.pages(pending);
        Order first = before.get(0);
        Order confirmed = w.handle(first.id(), new OrderCommand.Confirm());
        assertThat(ids(w.pages(pending))).doesNotContain(first.id());
        assertThat(w.pages(OrderQuery.of(w.filter().status(OrderStatus.CONFIRMED).build())))
                .as("found again in its new version").contains(confirmed);
    }

    /**
     * Keyset paging while another thread inserts orders and changes others (holds placed and
     * released, so their last change moves forward): by placement, every order that existed when
     * paging began comes exactly once and no order twice; by last change ascending, every such
     * order comes at least once, twice only in a newer version; by last change descending, every
     * order not changed meanwhile comes once and none twice. When it fails: the page is probably
     * not read after the cursor by (instant, id), or an update is briefly invisible to readers.
     */
    @Test
    public void required_paging_across_concurrent_inserts_and_updates_skips_and_repeats_nothing() throws Exception {
        World w = new World("paging");
        for (int i = 0; i < 60; i++) {
            w.place("c" + (i % 7), T0.minus(Duration.ofMinutes(60 - i / 2)), List.of(), "TEE");
        }
        List<OrderId> existing = List.copyOf(w.ids);
        Map<Sort, List<Order>> seen = new EnumMap<>(Sort.class);
        Set<OrderId> changed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 120; i++) {
                OrderId id = existing.get((i * 17) % existing.size());
                changed.add(id);
                w.handle(id, new OrderCommand.PlaceHold(HoldType.CUSTOM, "h" + i, "busy"));
                w.handle(id, new OrderCommand.ReleaseHold(HoldType.CUSTOM, "h" + i, "done"));
                if (i % 4 == 0) {
                    w.place("new", T0.minus(Duration.ofMinutes(90 - i)), List.of(), "MUG");
                }
            }
        });
        writer.start();
        for (Sort sort : Sort.values()) {
            seen.put(sort, w.pages(OrderQuery.of(w.filter().build()).sortedBy(sort).pageSize(4)));
        }
        writer.join();
        for (Sort sort : Sort.values()) {
            List<Order> found = seen.get(sort);
            Map<OrderId, List<Long>> versions = new HashMap<>();
            found.forEach(o -> versions.computeIfAbsent(o.id(), k -> new ArrayList<>()).add(o.version()));
            for (OrderId id : existing) {
                List<Long> v = versions.getOrDefault(id, List.of());
                if (sort.byPlacement()) {
                    assertThat(v).as(sort + ": " + id + " exactly once").hasSize(1);
                } else if (sort.ascending()) {
                    assertThat(v).as(sort + ": " + id + " at least once").isNotEmpty();
                    assertThat(v).as(sort + ": " + id + " again only in a newer version").isSorted()
                            .doesNotHaveDuplicates();
                } else {
                    assertThat(v.size()).as(sort + ": " + id + " at most once").isLessThanOrEqualTo(1);
                    if (!changed.contains(id)) {
                        assertThat(v).as(sort + ": " + id + ", not changed, exactly once").hasSize(1);
                    }
                }
            }
            if (sort.byPlacement() || !sort.ascending()) {
                assertThat(ids(found)).as(sort + ": no order twice").doesNotHaveDuplicates();
            }
        }
    }

    private static List<OrderId> ids(List<Order> orders) {
        return orders.stream().map(Order::id).toList();
    }
}
