package dev.oms.examples;

import dev.oms.core.FraudScreening;
import dev.oms.core.OrderCommand;
import dev.oms.core.OrderCommand.CommandKind;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderPayments;
import dev.oms.core.OrderService;
import dev.oms.core.OrderService.EditPreview;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.fakes.FakeFraudScreen;
import dev.oms.fakes.FakePaymentGateway;
import dev.oms.fakes.ManualClock;
import dev.oms.spi.Address;
import dev.oms.spi.Address.Coordinates;
import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.order.ServiceLevel;
import dev.oms.spi.payment.FraudScreen.FraudVerdict;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.money.MonetaryAmount;

/**
 * The main example: a host backend that embeds oms on in-memory stores and takes seven orders
 * from four channels through their lifecycles: a split shipment with a return and refund, a
 * payment decline, a fraud review and a fraud reject, an edit before fulfilment, a partial
 * cancellation and a pickup in store. It wires oms the way a real host would: its own clock and
 * ids, a guard ("no confirm without a passed fraud screen"), a listener, the payment provider and
 * fraud screen behind the SPIs.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am package exec:java -DskipTests}.
 */
public final class LifecycleTour {
    private static final String EUR = "EUR";

    private final PrintStream out;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T08:00:00Z"));
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final Set<OrderId> screenedOk = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> eventCounts = new ConcurrentHashMap<>();
    private final OrderService orders;
    private final OrderPayments payments;
    private final FraudScreening fraud;
    private final AtomicInteger keys = new AtomicInteger();
    private final List<OrderId> placed = new ArrayList<>();

    private final CustomerRef alice = CustomerRef.of("cust-alice");
    private final CustomerRef bob = CustomerRef.of("cust-bob");
    private final CustomerRef carol = CustomerRef.of("cust-carol");
    private final CustomerRef mallory = CustomerRef.of("cust-mallory");
    private final LocationId berlinWarehouse = LocationId.of("wh-berlin");
    private final LocationId munichStore = LocationId.of("store-munich");

    LifecycleTour(PrintStream out) {
        this.out = out;
        // The host's guard: nobody confirms an order the fraud screen has not passed.
        OrderDecider decider = OrderDecider.builder()
                .clock(clock)
                .ids(IdGenerator.sequential("tour"))
                .guard("fraud-screen-passed", (order, command) -> screenedOk.contains(order.id())
                        ? Optional.empty() : Optional.of("the fraud screen has not passed this order"),
                        CommandKind.CONFIRM)
                .build();
        this.orders = OrderService.builder(store)
                .decider(decider)
                .listener((order, events) -> events.forEach(e ->
                        eventCounts.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
                                .incrementAndGet()))
                .build();
        FakePaymentGateway gateway = new FakePaymentGateway().declineCustomer(bob);
        this.payments = new OrderPayments(orders, gateway);
        this.fraud = new FraudScreening(orders, new FakeFraudScreen().review(carol).reject(mallory));
    }

    /** @param args ignored */
    public static void main(String[] args) {
        // Moneta announces its MathContext through java.util.logging at INFO; a host keeps that quiet.
        java.util.logging.Logger.getLogger("org.javamoney.moneta").setLevel(java.util.logging.Level.WARNING);
        new LifecycleTour(System.out).run();
    }

    void run() {
        out.println("oms lifecycle tour: 7 orders, 4 channels, in-memory stores");
        out.println();
        splitShipmentWithReturn();
        paymentDeclined();
        fraudReviewThenApproved();
        fraudRejected();
        editBeforeFulfilment();
        partialCancellation();
        pickupInStore();
        summary();
    }

    private void splitShipmentWithReturn() {
        OrderId id = place("web", "web-1001", alice, ServiceLevel.STANDARD, b -> b
                .line("1", "TSHIRT-M", 2, eur("19.90"))
                .line("2", "MUG", 1, eur("12.50"))
                .discount("WELCOME5", eur("5.00"))
                .shipping("standard", eur("4.90"), eur("0.93")));
        screenAuthoriseConfirm(id);
        allocate(id, berlinWarehouse, LineQuantity.of("1", 2), LineQuantity.of("2", 1));
        ship(id, "shp-1001-a", LineQuantity.of("1", 2));
        ship(id, "shp-1001-b", LineQuantity.of("2", 1));
        payments.capture(id, OrderTotals.of(orders.load(id)).grandTotal(), key());
        deliver(id, "shp-1001-a", LineQuantity.of("1", 2));
        deliver(id, "shp-1001-b", LineQuantity.of("2", 1));
        orders.handle(id, new OrderCommand.Complete(), key());
        clock.advance(Duration.ofDays(3));
        orders.handle(id, new OrderCommand.RecordReturn(ReturnId.of("rma-1001"), List.of(LineQuantity.of("1", 1))),
                key());
        MonetaryAmount tshirtShare = OrderTotals.orderDiscountShares(orders.load(id)).get(LineId.of("1"));
        // one T-shirt: its price after its line discount, minus half of the line's coupon share
        MonetaryAmount refund = eur("19.90").subtract(tshirtShare.divide(2)
                .with(javax.money.Monetary.getDefaultRounding()));
        payments.refund(id, refund, key());
        report(id, "split shipment, completed, one T-shirt returned and refunded " + show(refund));
        out.println("    history of " + id + ":");
        for (OrderEvent event : orders.history(id)) {
            out.println("      v" + event.orderVersion() + " " + event.occurredAt() + " "
                    + event.getClass().getSimpleName());
        }
    }

    private void paymentDeclined() {
        OrderId id = place("app", "app-2001", bob, ServiceLevel.EXPRESS, b -> b
                .line("1", "HEADPHONES", 1, eur("89.00"))
                .shipping("express", eur("9.90"), eur("1.88")));
        screen(id);
        payments.authorise(id, OrderTotals.of(orders.load(id)).grandTotal(), key());
        orders.handle(id, new OrderCommand.Confirm(), key());
        try {
            allocate(id, berlinWarehouse, LineQuantity.of("1", 1));
        } catch (OmsException refused) {
            out.println("    refused as it should be: " + refused.getMessage());
        }
        orders.handle(id, new OrderCommand.Cancel(CancelReason.PAYMENT_DECLINED, "no valid payment after 24h"), key());
        report(id, "card declined: payment hold, then cancelled");
    }

    private void fraudReviewThenApproved() {
        OrderId id = place("marketplace", "mkt-3001", carol, ServiceLevel.STANDARD, b -> b
                .line("1", "SNEAKER-42", 1, eur("120.00")));
        FraudScreening.Screened screened = fraud.screen(id, key());
        out.println("    fraud screen: " + screened.verdict().outcome() + " (" + screened.verdict().reason() + ")");
        try {
            orders.handle(id, new OrderCommand.Confirm(), key());
        } catch (OmsException refused) {
            out.println("    refused as it should be: " + refused.getMessage());
        }
        fraud.approve(id, "reviewed by agent 7: known customer", key());
        screenedOk.add(id);
        payments.authorise(id, OrderTotals.of(orders.load(id)).grandTotal(), key());
        orders.handle(id, new OrderCommand.Confirm(), key());
        allocate(id, berlinWarehouse, LineQuantity.of("1", 1));
        ship(id, "shp-3001", LineQuantity.of("1", 1));
        report(id, "fraud review hold, approved, shipped");
    }

    private void fraudRejected() {
        OrderId id = place("web", "web-4001", mallory, ServiceLevel.STANDARD, b -> b
                .line("1", "LAPTOP", 1, eur("1499.00")));
        FraudVerdict verdict = fraud.screen(id, key()).verdict();
        report(id, "fraud screen " + verdict.outcome() + ": cancelled");
    }

    private void editBeforeFulfilment() {
        OrderId id = place("web", "web-5001", alice, ServiceLevel.STANDARD, b -> b
                .line("1", "SOCKS", 3, eur("4.00"))
                .shipping("standard", eur("4.90"), eur("0.00")));
        screenAuthoriseConfirm(id);
        EditPreview preview = orders.previewEdit(id, OrderCommand.Edit.of(
                new OrderEdit.AddLine(NewLine.of("2", "CAP", 1, eur("15.00"))),
                new OrderEdit.ChangeQuantity(LineId.of("1"), Quantity.of(2))));
        out.println("    edit preview: grand total " + show(preview.before().grandTotal()) + " -> "
                + show(preview.after().grandTotal()) + ", to charge " + show(preview.difference()));
        orders.commitEdit(preview, key());
        payments.authorise(id, preview.difference(), key());
        report(id, "edited before fulfilment, difference authorised");
    }

    private void partialCancellation() {
        OrderId id = place("app", "app-6001", alice, ServiceLevel.STANDARD, b -> b
                .line("1", "PLATE", 6, eur("7.50")));
        screenAuthoriseConfirm(id);
        allocate(id, berlinWarehouse, LineQuantity.of("1", 6));
        // the warehouse gives the two broken plates back first: allocated units are not cancelled
        // on the order alone (with oms-flow, OrderFlow.cancel does both)
        orders.handle(id, new OrderCommand.Deallocate(berlinWarehouse, List.of(LineQuantity.of("1", 2))), key());
        orders.handle(id, new OrderCommand.CancelLine(LineId.of("1"), Quantity.of(2), CancelReason.OUT_OF_STOCK,
                "two plates broken in the warehouse"), key());
        ship(id, "shp-6001", LineQuantity.of("1", 4));
        report(id, "2 of 6 cancelled (out of stock), 4 shipped");
    }

    private void pickupInStore() {
        OrderId id = orders.place(PlaceOrder.builder(ChannelId.of("store-pos"), ExternalOrderId.of("pos-7001"),
                        alice, javax.money.Monetary.getCurrency(EUR))
                .shipTo(Address.of("DE", "80331").withCoordinates(Coordinates.of(48.137, 11.575)))
                .pickupAt(munichStore)
                .placedAt(clock.instant())
                .line("1", "JACKET-L", 1, eur("149.00"))
                .build(), key()).order().id();
        placed.add(id);
        out.println("order " + id + " from store-pos (pos-7001), pickup at " + munichStore);
        screenAuthoriseConfirm(id);
        allocate(id, munichStore, LineQuantity.of("1", 1));
        ship(id, "pickup-7001", LineQuantity.of("1", 1));
        deliver(id, "pickup-7001", LineQuantity.of("1", 1));
        payments.capture(id, OrderTotals.of(orders.load(id)).grandTotal(), key());
        orders.handle(id, new OrderCommand.Complete(), key());
        report(id, "picked up in store");
    }

    private void summary() {
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byChannel = new TreeMap<>();
        for (OrderId id : placed) {
            Order order = orders.load(id);
            byStatus.merge(order.status().name(), 1, Integer::sum);
            byChannel.merge(order.header().channel().value(), 1, Integer::sum);
        }
        out.println();
        out.println("orders by channel: " + byChannel);
        out.println("orders by status:  " + byStatus);
        out.println("events in the outbox, waiting to be relayed: " + store.unpublished(10_000).size());
        out.println("events seen by the listener: " + new TreeMap<>(eventCounts));
    }

    private interface Lines {
        PlaceOrder.Builder add(PlaceOrder.Builder builder);
    }

    private OrderId place(String channel, String externalId, CustomerRef customer, ServiceLevel level, Lines lines) {
        clock.advance(Duration.ofMinutes(7));
        PlaceOrder.Builder builder = PlaceOrder.builder(ChannelId.of(channel), ExternalOrderId.of(externalId),
                customer, javax.money.Monetary.getCurrency(EUR))
                .shipTo(Address.of("DE", "10115").withCoordinates(Coordinates.of(52.532, 13.384)))
                .serviceLevel(level)
                .placedAt(clock.instant());
        OrderId id = orders.place(lines.add(builder).build(), key()).order().id();
        placed.add(id);
        out.println("order " + id + " from " + channel + " (" + externalId + ")");
        return id;
    }

    private void screen(OrderId id) {
        if (fraud.screen(id, key()).verdict().outcome() == FraudVerdict.Outcome.ACCEPT) {
            screenedOk.add(id);
        }
    }

    private void screenAuthoriseConfirm(OrderId id) {
        screen(id);
        payments.authorise(id, OrderTotals.of(orders.load(id)).grandTotal(), key());
        orders.handle(id, new OrderCommand.Confirm(), key());
    }

    private void allocate(OrderId id, LocationId location, LineQuantity... lines) {
        orders.handle(id, new OrderCommand.Allocate(location, List.of(lines)), key());
    }

    private void ship(OrderId id, String shipment, LineQuantity... lines) {
        clock.advance(Duration.ofHours(5));
        orders.handle(id, new OrderCommand.Ship(ShipmentId.of(shipment), List.of(lines)), key());
    }

    private void deliver(OrderId id, String shipment, LineQuantity... lines) {
        clock.advance(Duration.ofDays(1));
        orders.handle(id, new OrderCommand.Deliver(ShipmentId.of(shipment), List.of(lines)), key());
    }

    private void report(OrderId id, String story) {
        Order order = orders.load(id);
        out.printf("    %-10s payment %-18s fulfilment %-19s total %-11s holds %s%n", order.status(),
                OrderTotals.paymentStatus(order), order.fulfillmentStatus(), show(OrderTotals.of(order).grandTotal()),
                order.holds().stream().map(h -> h.type() + "/" + h.code()).toList());
        out.println("    -> " + story);
    }

    private CommandKey key() {
        return CommandKey.of("tour-" + keys.incrementAndGet());
    }

    /** Shows an amount at its currency's scale ("EUR 18.00"), which Moneta's toString does not. */
    static String show(MonetaryAmount amount) {
        return amount.getCurrency().getCurrencyCode() + " " + amount.getNumber().numberValue(java.math.BigDecimal.class)
                .setScale(amount.getCurrency().getDefaultFractionDigits(), java.math.RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    private static MonetaryAmount eur(String amount) {
        return Amounts.of(amount, EUR);
    }
}
