package dev.oms.testkit.flow;

import static dev.oms.testkit.flow.CrashWorld.BERLIN;
import static dev.oms.testkit.flow.CrashWorld.HAMBURG;
import static dev.oms.testkit.flow.CrashWorld.STORE;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.flow.EditPlan;
import dev.oms.flow.FlowResult;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.Inspection.ItemCondition;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ClaimResolution;
import dev.oms.testkit.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash at every step: for every operation of the flow and every effect inside it (each store
 * write and gateway call), the process dies just before the effect and, in a second run, just
 * after it (the effect happened, nobody saw the answer). Right after the crash the invariants that
 * always hold hold; after {@code resume()} nothing is left running and every invariant holds; after
 * the host repeats its call with the same key, the end is the same as without a crash.
 */
public class FlowCrashTest {
    /** One operation: its set-up (run without crashes) returns the call to crash in. */
    record Scenario(String name, Function<CrashWorld, Supplier<?>> setup) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("accept a split order", w -> {
                    w.stock("TEE", BERLIN, 5).stock("MUG", HAMBURG, 2);
                    var order = w.order("a").line(w.line("1", "TEE", 2, "20.00")).line(w.line("2", "MUG", 1, "8.00")).build();
                    CommandKey key = w.key();
                    return () -> w.flow.accept(order, key);
                }),
                new Scenario("accept with a backorder", w -> {
                    w.stock("TEE", BERLIN, 1);
                    var order = w.order("a").line(w.line("1", "TEE", 3, "20.00")).build();
                    CommandKey key = w.key();
                    return () -> w.flow.accept(order, key);
                }),
                new Scenario("receive stock for a waiting order", w -> {
                    w.stock("TEE", BERLIN, 1);
                    w.accept(w.order("a").line(w.line("1", "TEE", 3, "20.00")));
                    CommandKey key = w.key();
                    return () -> w.flow.receive(w.sku("TEE"), HAMBURG, Quantity.of(5),
                            Reference.of(Reference.Type.RECEIPT, "po-late"), key);
                }),
                new Scenario("cancel an order being picked at two locations", w -> {
                    w.stock("TEE", BERLIN, 5).stock("MUG", HAMBURG, 2);
                    FlowResult a = w.accept(w.order("a").line(w.line("1", "TEE", 2, "20.00")).line(w.line("2", "MUG", 1, "8.00")));
                    w.flow.startPicking(a.fulfillmentOrders().get(0).id(), w.key());
                    CommandKey key = w.key();
                    return () -> w.flow.cancel(a.order().id(), CancelReason.CUSTOMER_REQUEST, "", key);
                }),
                new Scenario("cancel a unit after a partial shipment", w -> {
                    w.stock("TEE", BERLIN, 5).stock("MUG", HAMBURG, 2);
                    FlowResult a = w.accept(w.order("a").line(w.line("1", "TEE", 2, "20.00")).line(w.line("2", "MUG", 2, "8.00")));
                    FulfillmentOrder tees = a.fulfillmentOrders().stream().filter(f -> f.location().equals(BERLIN))
                            .findFirst().orElseThrow();
                    w.flow.ship(tees.id(), w.open(w.packed(tees)), w.key());
                    CommandKey key = w.key();
                    return () -> w.flow.cancel(a.order().id(), LineId.of("2"), Quantity.of(1), CancelReason.OUT_OF_STOCK,
                            "", key);
                }),
                new Scenario("ship a parcel", w -> {
                    w.stock("TEE", BERLIN, 5);
                    FlowResult a = w.accept(w.order("a").line(w.line("1", "TEE", 2, "20.00")));
                    FulfillmentOrder fo = w.packed(a.fulfillmentOrders().get(0));
                    CommandKey key = w.key();
                    return () -> w.flow.ship(fo.id(), List.of(LineQuantity.of("1", 1)), key);
                }),
                new Scenario("deliver and complete", w -> {
                    w.stock("TEE", BERLIN, 5);
                    FlowResult a = w.accept(w.order("a").line(w.line("1", "TEE", 2, "20.00")));
                    FulfillmentOrder fo = w.packed(a.fulfillmentOrders().get(0));
                    Shipment s = w.flow.ship(fo.id(), w.open(fo), w.key()).shipments().get(0);
                    var delivered = w.delivered(s);
                    return () -> w.flow.track(delivered);
                }),
                new Scenario("collect a pickup", w -> {
                    w.stock("TEE", STORE, 2);
                    FlowResult a = w.accept(w.order("a").pickupAt(STORE).line(w.line("1", "TEE", 1, "20.00")));
                    FulfillmentOrder fo = w.packed(a.fulfillmentOrders().get(0));
                    w.flow.readyForPickup(fo.id(), w.key());
                    CommandKey key = w.key();
                    return () -> w.flow.pickedUp(fo.id(), key);
                }),
                new Scenario("give up an uncollected pickup", w -> {
                    w.stock("TEE", STORE, 2);
                    FlowResult a = w.accept(w.order("a").pickupAt(STORE).line(w.line("1", "TEE", 1, "20.00")));
                    FulfillmentOrder fo = w.packed(a.fulfillmentOrders().get(0));
                    w.flow.readyForPickup(fo.id(), w.key());
                    w.clock.advance(Duration.ofDays(8));
                    return () -> w.flow.runDue();
                }),
                new Scenario("hold an order being picked", w -> {
                    w.stock("TEE", BERLIN, 5);
                    FlowResult a = w.accept(w.order("a").line(w.line("1", "TEE", 2, "20.00")));
                    w.flow.startPicking(a.fulfillmentOrders().get(0).id(), w.key());
                    CommandKey key = w.key();
                    return () -> w.flow.placeHold(a.order().id(), HoldType.CUSTOMER_REQUEST, "wait", "customer asked", key);
                }),
                new Scenario("release a hold", w -> {
                    w.stock("TEE", BERLIN, 5);
                    w.fraud.review(CustomerRef.of("r"));
                    FlowResult a = w.accept(w.order("r").line(w.line("1", "TEE", 2, "20.00")));
                    CommandKey key = w.key();
                    return () -> w.flow.approveReview(a.order().id(), "checked", key);
                }),
                new Scenario("retry a declined payment", w -> {
                    w.stock("TEE", BERLIN, 5);
                    w.payments.declineCustomer(CustomerRef.of("d"));
                    FlowResult a = w.accept(w.order("d").line(w.line("1", "TEE", 2, "20.00")));
                    w.payments.approveCustomer(CustomerRef.of("d"));
                    CommandKey key = w.key();
                    return () -> w.flow.retryPayment(a.order().id(), key);
                }),
                new Scenario("edit an order being fulfilled", w -> {
                    w.stock("TEE", BERLIN, 5).stock("CAP", HAMBURG, 3);
                    FlowResult a = w.accept(w.order("a").line(w.line("1", "TEE", 3, "20.00")));
                    EditPlan plan = w.flow.previewEdit(a.order().id(), List.of(new OrderEdit.ChangeQuantity(LineId.of("1"),
                            Quantity.of(2)), new OrderEdit.AddLine(w.line("2", "CAP", 1, "12.00"))));
                    CommandKey key = w.key();
                    return () -> w.flow.commitEdit(plan, key);
                }),
                new Scenario("inspect and restock a return", w -> {
                    ReturnRequest rma = delivered(w, false);
                    w.flow.receiveReturn(rma.id(), List.of(LineQuantity.of("1", 1)), w.key());
                    CommandKey key = w.key();
                    return () -> w.flow.inspectReturn(rma.id(), List.of(new LineInspection(LineId.of("1"),
                            new Inspection(Quantity.of(1), ItemCondition.AS_NEW, Disposition.RESTOCK, BERLIN))), key);
                }),
                new Scenario("refund a return", w -> {
                    ReturnRequest rma = delivered(w, false);
                    w.flow.receiveReturn(rma.id(), List.of(LineQuantity.of("1", 1)), w.key());
                    w.flow.inspectReturn(rma.id(), List.of(new LineInspection(LineId.of("1"), new Inspection(Quantity.of(1),
                            ItemCondition.AS_NEW, Disposition.RESTOCK, BERLIN))), w.key());
                    CommandKey key = w.key();
                    return () -> w.flow.refundReturn(rma.id(), RefundMethod.ORIGINAL_PAYMENT, key);
                }),
                new Scenario("settle an exchange", w -> {
                    ReturnRequest rma = delivered(w, true);
                    w.flow.receiveReturn(rma.id(), List.of(LineQuantity.of("1", 1)), w.key());
                    w.flow.inspectReturn(rma.id(), List.of(new LineInspection(LineId.of("1"), new Inspection(Quantity.of(1),
                            ItemCondition.AS_NEW, Disposition.RESTOCK, BERLIN))), w.key());
                    CommandKey key = w.key();
                    return () -> w.flow.exchange(rma.id(), key);
                }),
                new Scenario("refund a claim for a lost parcel", w -> {
                    w.stock("TEE", BERLIN, 5);
                    FlowResult a = w.accept(w.order("a").line(w.line("1", "TEE", 2, "20.00")));
                    FulfillmentOrder fo = w.packed(a.fulfillmentOrders().get(0));
                    w.flow.ship(fo.id(), w.open(fo), w.key());
                    ReturnRequest claim = w.flow.requestReturn(ReturnDraft.claim(a.order().id(), ClaimResolution.REFUND,
                            LineToReturn.of("1", 2, ReturnReasons.LOST_IN_TRANSIT)), w.key());
                    w.flow.approveClaim(claim.id(), w.key());
                    CommandKey key = w.key();
                    return () -> w.flow.refundReturn(claim.id(), RefundMethod.ORIGINAL_PAYMENT, key);
                }));
    }

    /** An order of two tees delivered, and an approved return (or exchange for a cap) of one. */
    private static ReturnRequest delivered(CrashWorld w, boolean exchange) {
        w.stock("TEE", BERLIN, 5).stock("CAP", BERLIN, 5);
        FlowResult a = w.accept(w.order("a").line(w.line("1", "TEE", 2, "20.00")));
        FulfillmentOrder fo = w.packed(a.fulfillmentOrders().get(0));
        Shipment s = w.flow.ship(fo.id(), w.open(fo), w.key()).shipments().get(0);
        w.flow.track(w.delivered(s));
        OrderId id = a.order().id();
        List<LineToReturn> lines = List.of(LineToReturn.of("1", 1, ReturnReasons.TOO_SMALL));
        ReturnDraft draft = exchange ? ReturnDraft.exchange(id, lines, List.of(w.line("1", "CAP", 1, "22.00")),
                false) : ReturnDraft.returnOf(id, lines.toArray(LineToReturn[]::new));
        ReturnRequest r = w.flow.requestReturn(draft, w.key());
        return w.flow.approveReturn(r.id(), BERLIN, w.key());
    }

    /** Crash points run by this class, printed at the end (the figure the README quotes). */
    private static final java.util.concurrent.atomic.AtomicInteger CRASHES = new java.util.concurrent.atomic.AtomicInteger();

    @org.junit.jupiter.api.AfterAll
    static void printTheCrashCount(org.junit.jupiter.api.TestInfo info) {
        System.out.println(info.getTestClass().map(Class::getSimpleName).orElse("FlowCrashTest") + ": " + CRASHES.get()
                + " crashes, each resumed, repeated and compared with the run without it");
    }

    /** @return a fresh world; a subclass runs the scenarios on other stores */
    protected CrashWorld world() {
        return new CrashWorld();
    }

    /**
     * @param effect an effect of the operation, from 1
     * @param effects how many it has
     * @param when before or after it
     * @return whether to crash there (every boundary, both ways, unless a subclass samples them)
     */
    protected boolean crashesAt(int effect, int effects, Faults.When when) {
        return true;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void a_crash_before_or_after_any_effect_is_finished_by_resume_and_ends_as_without_it(Scenario scenario) {
        CrashWorld clean = world();
        Supplier<?> op = scenario.setup().apply(clean);
        clean.faults.reset();
        op.get();
        int effects = clean.faults.effects();
        List<String> log = clean.faults.log();
        clean.check(scenario + " without a crash");
        String expected = summary(clean);
        clean.close();
        assertThat(effects).as("effects of " + scenario).isPositive();
        for (int n = 1; n <= effects; n++) {
            for (Faults.When when : Faults.When.values()) {
                if (!crashesAt(n, effects, when)) {
                    continue;
                }
                String at = scenario + ", crash " + when + " " + log.get(n - 1);
                CRASHES.incrementAndGet();
                CrashWorld w = world();
                Supplier<?> call = scenario.setup().apply(w);
                CrashWorld.crashing(w, n, when, call);
                w.check(at + ", right after it");
                w.resume();
                for (OrderId id : w.orders()) {
                    assertThat(w.flow.processesOf(id)).as(at + ": nothing is left running after resume")
                            .noneMatch(p -> p.status() == ProcessStatus.RUNNING);
                }
                w.check(at + ", after resume");
                call.get(); // the host repeats its call with the same key
                w.resume();
                w.check(at + ", after the repeat");
                assertThat(summary(w)).as(at + ": the same end as without a crash").isEqualTo(expected);
                w.close();
            }
        }
    }

    /** Everything that matters of the world's orders, without ids (a crash may make the generator skip some). */
    private static String summary(CrashWorld w) {
        List<String> out = new ArrayList<>();
        for (OrderId id : w.orders()) {
            Order o = w.flow.orders().load(id);
            StringBuilder s = new StringBuilder(o.status() + " " + o.payments()
                    + " holds " + o.holds().size());
            o.lines().forEach(l -> s.append(" ").append(l.id()).append(l.quantities()));
            w.flow.fulfillment().ofOrder(id).stream().map(fo -> fo.location() + ":" + fo.status() + ":" + fo.lines()
                    .stream().map(l -> l.lineId() + "/" + l.quantity() + "/" + l.shipped() + "/" + l.cancelled()).toList())
                    .sorted().forEach(f -> s.append(" ").append(f));
            w.flow.returns().ofOrder(id).forEach(r -> s.append(" return:").append(r.status()));
            out.add(s.toString());
        }
        for (Sku sku : w.skus()) {
            for (var at : List.of(BERLIN, HAMBURG, STORE)) {
                var p = w.flow.inventory().position(sku, at);
                out.add(sku.value().substring(0, 3) + "@" + at + " " + p.onHand() + "/" + p.reserved());
            }
        }
        return String.join("\n", out);
    }
}
