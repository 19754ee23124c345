package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oms.spi.OmsException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.FulfillmentStatus;
import dev.oms.spi.order.LineQuantities;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderLine;
import dev.oms.spi.order.OrderStatus;
import dev.oms.spi.order.PaymentLedger;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random command sequences against the decider and the service: whatever is accepted or refused,
 * the invariants hold after every step.
 */
class OrderLifecycleProperties {
    private static final Set<CommandKind> ACCEPTED_KINDS = ConcurrentHashMap.newKeySet();

    @Provide
    Arbitrary<PlaceOrder> orders() {
        return OrderGenerators.orders();
    }

    @Provide
    Arbitrary<List<OrderGenerators.Step>> steps() {
        return OrderGenerators.steps().list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 1000)
    void invariants_hold_after_every_command(@ForAll("orders") PlaceOrder place,
            @ForAll("steps") List<OrderGenerators.Step> steps) {
        runCheckingInvariants(place, steps, kind -> { });
    }

    /**
     * The same run on a fixed seed, which records every command kind the decider accepted. The
     * random-seeded property above explores new sequences on every build; this one proves, the
     * same way on every build, that the generators reach every command kind (a check on a random
     * seed would fail now and then for a rare kind such as a refund or a completion).
     */
    @Property(tries = 1000, seed = "20261122")
    void invariants_hold_on_a_fixed_seed_that_reaches_every_command(@ForAll("orders") PlaceOrder place,
            @ForAll("steps") List<OrderGenerators.Step> steps) {
        runCheckingInvariants(place, steps, ACCEPTED_KINDS::add);
    }

    private static void runCheckingInvariants(PlaceOrder place, List<OrderGenerators.Step> steps,
            Consumer<CommandKind> accepted) {
        OrderDecider decider = decider();
        Order order = decider.place(place).orThrow().order();
        checkInvariants(order, "after placement");
        for (int step = 0; step < steps.size(); step++) {
            OrderCommand command = steps.get(step).commandFor(order);
            String where = "step " + step + " " + command;
            Decision decision = decider.decide(order, command);
            if (decision instanceof Decision.Accepted acceptedDecision) {
                accepted.accept(command.kind());
                assertThat(TransitionTable.targets(order.status(), command.kind()))
                        .as("%s: %s -> %s is declared in the transition table", where, order.status(),
                                acceptedDecision.order().status())
                        .contains(acceptedDecision.order().status());
                assertThat(acceptedDecision.order().version()).isEqualTo(order.version() + 1);
                assertThat(decider.evolveAll(order, acceptedDecision.events())).as(where)
                        .isEqualTo(acceptedDecision.order());
                order = acceptedDecision.order();
                checkInvariants(order, where);
            } else {
                assertThat(((Decision.Rejected) decision).reason()).as(where).isInstanceOf(OmsException.class);
            }
        }
    }

    @Property(tries = 1000)
    void replaying_the_stored_events_reproduces_the_stored_order(@ForAll("orders") PlaceOrder place,
            @ForAll("steps") List<OrderGenerators.Step> steps) {
        InMemoryOrderStore store = new InMemoryOrderStore();
        OrderService service = service(store);
        Order order = service.place(place).order();
        for (OrderGenerators.Step step : steps) {
            try {
                service.handle(order.id(), step.commandFor(store.load(order.id()).orElseThrow()));
            } catch (OmsException refused) {
                // refusals are part of the sequence; they must change nothing, checked below
            }
        }
        Order stored = store.load(order.id()).orElseThrow();
        List<OrderEvent> events = store.events(order.id());
        assertThat(service.decider().replay(events)).isEqualTo(stored);
        assertThat(events).extracting(OrderEvent::orderVersion).isSorted();
        assertThat(events.get(events.size() - 1).orderVersion()).isEqualTo(stored.version());
        assertThat(events).extracting(OrderEvent::eventId).doesNotHaveDuplicates();
    }

    @AfterContainer
    static void every_command_kind_was_accepted_somewhere() {
        Set<CommandKind> expected = EnumSet.allOf(CommandKind.class);
        expected.remove(CommandKind.PLACE);
        assertThat(ACCEPTED_KINDS).as("the generators reach every command kind").containsAll(expected);
    }

    /** The invariants of the issue, each checked independently of the code under test. */
    static void checkInvariants(Order order, String where) {
        long open = 0;
        long shipped = 0;
        long delivered = 0;
        long returned = 0;
        for (OrderLine line : order.lines()) {
            LineQuantities q = line.quantities();
            String at = where + " line " + line.id();
            assertThat(q.ordered().value()).as(at + ": ordered = cancelled + open")
                    .isEqualTo(q.cancelled().value() + q.open().value());
            assertThat(q.open().value()).as(at + ": open = unallocated + allocated + shipped")
                    .isEqualTo(q.unallocated().value() + q.allocated().value() + q.shipped().value());
            assertThat(q.shipped().value()).as(at + ": shipped = in transit + delivered")
                    .isEqualTo(q.inTransit().value() + q.delivered().value());
            assertThat(q.delivered().value()).as(at + ": delivered >= returned").isGreaterThanOrEqualTo(q.returned().value());
            open += q.open().value();
            shipped += q.shipped().value();
            delivered += q.delivered().value();
            returned += q.returned().value();
        }
        OrderTotals t = OrderTotals.of(order);
        MonetaryAmount subtotal = sum(order, order.lines().stream().map(l -> l.unitPrice().multiply(l.quantities().open().value())).toList());
        MonetaryAmount tax = sum(order, order.lines().stream().map(l -> l.unitTax().multiply(l.quantities().open().value())).toList());
        if (open > 0) {
            tax = tax.add(sum(order, order.shippingCharges().stream().map(s -> s.tax()).toList()));
        }
        assertThat(t.subtotal()).as(where + ": subtotal is the sum of line subtotals").isEqualTo(subtotal);
        assertThat(t.tax()).as(where + ": tax is the sum of its parts").isEqualTo(tax);
        assertThat(t.grandTotal()).as(where + ": grand total = subtotal - discounts + shipping + tax")
                .isEqualTo(t.subtotal().subtract(t.lineDiscounts()).subtract(t.orderDiscounts()).add(t.shipping()).add(t.tax()));
        assertThat(t.grandTotal().isNegative()).as(where + ": grand total is not negative").isFalse();
        assertThat(sum(order, List.copyOf(OrderTotals.orderDiscountShares(order).values())))
                .as(where + ": discount shares sum to the applied discount").isEqualTo(t.orderDiscounts());

        PaymentLedger p = order.payments();
        assertThat(p.captured().isLessThanOrEqualTo(p.authorised())).as(where + ": captured <= authorised").isTrue();
        assertThat(p.captured().add(p.voided()).isLessThanOrEqualTo(p.authorised()))
                .as(where + ": captured + voided <= authorised").isTrue();
        assertThat(p.refunded().isLessThanOrEqualTo(p.captured())).as(where + ": refunded <= captured").isTrue();

        assertThat(order.fulfillmentStatus()).as(where + ": fulfilment status derived from quantities")
                .isEqualTo(expectedFulfillment(open, shipped, delivered, returned));
        Optional<String> statusProblem = statusProblem(order, open, shipped);
        assertThat(statusProblem).as(where).isEmpty();
    }

    private static FulfillmentStatus expectedFulfillment(long open, long shipped, long delivered, long returned) {
        if (returned > 0) {
            return returned == open ? FulfillmentStatus.RETURNED : FulfillmentStatus.PARTIALLY_RETURNED;
        }
        if (delivered > 0) {
            return delivered == open ? FulfillmentStatus.DELIVERED : FulfillmentStatus.PARTIALLY_DELIVERED;
        }
        if (shipped > 0) {
            return shipped == open ? FulfillmentStatus.FULFILLED : FulfillmentStatus.PARTIALLY_FULFILLED;
        }
        return FulfillmentStatus.UNFULFILLED;
    }

    private static Optional<String> statusProblem(Order order, long open, long shipped) {
        long allocated = order.lines().stream().mapToLong(l -> l.quantities().allocated().value()).sum();
        OrderStatus s = order.status();
        if ((s == OrderStatus.PENDING || s == OrderStatus.CONFIRMED) && (allocated > 0 || shipped > 0)) {
            return Optional.of(s + " but fulfilment started");
        }
        if (s == OrderStatus.CANCELLED && open > 0) {
            return Optional.of("CANCELLED but " + open + " units open");
        }
        if (open == 0 && s != OrderStatus.CANCELLED && s != OrderStatus.ARCHIVED) {
            return Optional.of(s + " with no open unit");
        }
        boolean allDelivered = order.lines().stream()
                .allMatch(l -> l.quantities().delivered().equals(l.quantities().open()));
        if (s == OrderStatus.COMPLETED && !allDelivered) {
            return Optional.of("COMPLETED but not every open unit delivered");
        }
        return Optional.empty();
    }

    private static MonetaryAmount sum(Order order, List<MonetaryAmount> amounts) {
        MonetaryAmount total = dev.oms.spi.Amounts.zero(order.currency());
        for (MonetaryAmount amount : amounts) {
            total = total.add(amount);
        }
        return total;
    }
}
