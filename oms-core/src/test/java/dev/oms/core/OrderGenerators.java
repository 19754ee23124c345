package dev.oms.core;

import static dev.oms.core.Fixtures.*;
import dev.oms.core.OrderCommand.*;
import dev.oms.spi.Address;
import dev.oms.spi.CustomerRef;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.Sku;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.OrderEdit;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for orders and command sequences. Line ids are drawn from L1..L4 plus an
 * unknown L9, quantities from 1..4, amounts from 0.01..150.00 EUR with the odd USD amount, so
 * that sequences mix accepted commands with every kind of refusal.
 */
final class OrderGenerators {
    private OrderGenerators() {
    }

    static Arbitrary<MonetaryAmount> eurCents(int min, int max) {
        return Arbitraries.integers().between(min, max).map(c -> eur(BigDecimal.valueOf(c, 2).toPlainString()));
    }

    static Arbitrary<MonetaryAmount> paymentAmounts() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, eurCents(1, 15_000)),
                Tuple.of(1, Arbitraries.integers().between(1, 999).map(c -> Monetary.getDefaultAmountFactory()
                        .setCurrency(USD).setNumber(BigDecimal.valueOf(c, 2)).create())));
    }

    static Arbitrary<NewLine> line(String id) {
        return Combinators.combine(Arbitraries.of("TSHIRT", "MUG", "SOCKS", "CAP"), Arbitraries.longs().between(1, 4),
                eurCents(0, 9_999), Arbitraries.integers().between(0, 100), eurCents(0, 2_000))
                .as((sku, qty, price, discountPercent, tax) -> new NewLine(LineId.of(id), Sku.of(sku), Quantity.of(qty),
                        price, price.multiply(discountPercent).divide(100).with(Monetary.getDefaultRounding()),
                        LineTax.perUnit(tax)));
    }

    static Arbitrary<PlaceOrder> orders() {
        Arbitrary<List<NewLine>> lines = Arbitraries.integers().between(1, 4).flatMap(n -> {
            Arbitrary<NewLine> l1 = line("L1");
            if (n == 1) {
                return l1.map(List::of);
            }
            if (n == 2) {
                return Combinators.combine(l1, line("L2")).as(List::of);
            }
            if (n == 3) {
                return Combinators.combine(l1, line("L2"), line("L3")).as(List::of);
            }
            return Combinators.combine(l1, line("L2"), line("L3"), line("L4")).as(List::of);
        });
        return Combinators.combine(lines, eurCents(0, 3_000).list().ofMaxSize(2), eurCents(0, 1_500).list().ofMaxSize(1),
                Arbitraries.integers().between(1, 1_000_000)).as((ls, discounts, shipping, n) -> {
                    PlaceOrder.Builder b = PlaceOrder.builder(WEB, ExternalOrderId.of("gen-" + n),
                            CustomerRef.of("c-" + (n % 50)), EUR).shipTo(Address.of("FR", "75001")).placedAt(T0);
                    ls.forEach(b::line);
                    for (int i = 0; i < discounts.size(); i++) {
                        b.discount("D" + i, discounts.get(i));
                    }
                    shipping.forEach(s -> b.shipping("std", s, s.multiply(0)));
                    return b.build();
                });
    }

    private static Arbitrary<LineId> lineIds() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("L1")), Tuple.of(4, Arbitraries.just("L2")),
                Tuple.of(2, Arbitraries.of("L3", "L4")), Tuple.of(1, Arbitraries.just("L9"))).map(LineId::of);
    }

    private static Arbitrary<List<LineQuantity>> lineQuantities() {
        Arbitrary<LineQuantity> one = Combinators.combine(lineIds(),
                Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(1L)), Tuple.of(2, Arbitraries.just(2L)),
                        Tuple.of(1, Arbitraries.longs().between(3, 5))))
                .as((id, q) -> new LineQuantity(id, Quantity.of(q)));
        return Arbitraries.frequencyOf(Tuple.of(4, one.map(List::of)),
                Tuple.of(1, one.list().ofMinSize(2).ofMaxSize(3).uniqueElements(LineQuantity::lineId)));
    }

    /** A step of a generated lifecycle: a fixed command, or one computed from the order's state. */
    record Step(String label, java.util.function.Function<dev.oms.spi.order.Order, OrderCommand> make) {
        static Step fixed(OrderCommand command) {
            return new Step(command.toString(), order -> command);
        }

        OrderCommand commandFor(dev.oms.spi.order.Order order) {
            return make.apply(order);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * Fixed random commands mixed with steps that move everything the state allows (allocate all
     * unallocated, ship all allocated, deliver all in transit, return one delivered unit,
     * authorise the grand total, capture what is capturable, refund half of what is refundable),
     * so that sequences reach delivery, returns, completion, captures and refunds.
     */
    static Arbitrary<Step> steps() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, commands().map(Step::fixed)),
                Tuple.of(6, Arbitraries.of(
                        Step.fixed(new Confirm()),
                        Step.fixed(new Complete()),
                        new Step("allocate everything unallocated", o -> new Allocate(LocationId.of("wh-1"),
                                moving(o, q -> q.unallocated()))),
                        new Step("ship everything allocated", o -> new Ship(ShipmentId.of("s1"),
                                moving(o, q -> q.allocated()))),
                        new Step("deliver everything in transit", o -> new Deliver(ShipmentId.of("s1"),
                                moving(o, q -> q.inTransit()))),
                        new Step("lose one unit in transit", o -> new RecordLoss(
                                moving(o, q -> q.inTransit().min(Quantity.of(1))), "claim c1")),
                        new Step("return one delivered unit", o -> new RecordReturn(ReturnId.of("r1"),
                                moving(o, q -> q.delivered().minus(q.returned()).min(Quantity.of(1))))),
                        new Step("authorise the grand total", o -> new RecordAuthorisation(
                                atLeastOneCent(OrderTotals.of(o).grandTotal()), PaymentReference.of("psp"))),
                        new Step("capture everything capturable", o -> new RecordCapture(
                                atLeastOneCent(o.payments().capturable()), PaymentReference.of("psp"))),
                        new Step("refund half of what is refundable", o -> new RecordRefund(
                                atLeastOneCent(o.payments().refundable().divide(2)
                                        .with(Monetary.getDefaultRounding())), PaymentReference.of("psp"))))),
                // an order paid by invoice, from its first authorisation to its settlement
                Tuple.of(1, Arbitraries.of(
                        new Step("authorise the grand total on the invoice", o -> new RecordAuthorisation(
                                atLeastOneCent(OrderTotals.of(o).grandTotal()), PaymentReference.of("credit"),
                                Optional.of(INVOICE))),
                        new Step("invoice everything capturable", o -> new RecordCapture(
                                atLeastOneCent(o.payments().capturable()), PaymentReference.of("inv"),
                                Optional.of(INVOICE))),
                        new Step("settle what is invoiced", o -> new OrderCommand.RecordSettlement(
                                atLeastOneCent(o.payments().captured().subtract(o.payments().settled())),
                                PaymentReference.of("bank"), INVOICE)))));
    }

    /**
     * A payment step derived from the ledger; where nothing is left it asks for one cent, which
     * the decider must refuse.
     */
    private static MonetaryAmount atLeastOneCent(MonetaryAmount amount) {
        return amount.isPositive() ? amount : eur("0.01");
    }

    private static List<LineQuantity> moving(dev.oms.spi.order.Order order,
            java.util.function.Function<dev.oms.spi.order.Order.LineQuantities, Quantity> bucket) {
        List<LineQuantity> moves = new java.util.ArrayList<>();
        for (dev.oms.spi.order.Order.OrderLine line : order.lines()) {
            Quantity q = bucket.apply(line.quantities());
            if (q.isPositive()) {
                moves.add(new LineQuantity(line.id(), q));
            }
        }
        // nothing to move: ask for one unit of the first line, which the decider must refuse
        return moves.isEmpty() ? List.of(new LineQuantity(order.lines().get(0).id(), Quantity.of(1))) : moves;
    }

    private static final dev.oms.spi.payment.PaymentMethod INVOICE = dev.oms.spi.payment.PaymentMethod.of("invoice",
            dev.oms.spi.payment.PaymentMethod.Kind.INVOICE);

    static Arbitrary<OrderCommand> commands() {
        PaymentReference ref = PaymentReference.of("psp");
        Arbitrary<HoldType> holdTypes = Arbitraries.of(HoldType.ADDRESS, HoldType.FRAUD_REVIEW, HoldType.PAYMENT);
        Arbitrary<LocationId> locations = Arbitraries.of("wh-1", "wh-2").map(LocationId::of);
        Arbitrary<ShipmentId> shipments = Arbitraries.of("s1", "s2").map(ShipmentId::of);
        Arbitrary<OrderEdit> edits = Arbitraries.oneOf(
                Combinators.combine(lineIds(), Arbitraries.longs().between(1, 5))
                        .as((id, q) -> new OrderEdit.ChangeQuantity(id, Quantity.of(q))),
                lineIds().map(OrderEdit.RemoveLine::new),
                Arbitraries.of("L5", "L6", "L1").flatMap(OrderGenerators::line).map(OrderEdit.AddLine::new),
                Arbitraries.just(new OrderEdit.ChangeShippingAddress(Address.of("DE", "10115"))));
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(new Confirm())),
                Tuple.of(2, holdTypes.map(t -> PlaceHold.of(t, "generated"))),
                Tuple.of(3, holdTypes.map(t -> ReleaseHold.of(t, "generated"))),
                Tuple.of(1, Arbitraries.just(new Cancel(CancelReason.CUSTOMER_REQUEST, "")))
                ,
                Tuple.of(2, Combinators.combine(lineIds(), Arbitraries.longs().between(1, 3))
                        .as((id, q) -> new CancelLine(id, Quantity.of(q), CancelReason.OUT_OF_STOCK, ""))),
                Tuple.of(2, edits.list().ofMinSize(1).ofMaxSize(3).map(Edit::new)),
                Tuple.of(4, paymentAmounts().map(a -> new RecordAuthorisation(a, ref))),
                Tuple.of(1, paymentAmounts().map(a -> new RecordDecline(a, "declined"))),
                Tuple.of(4, paymentAmounts().map(a -> new RecordCapture(a, ref))),
                Tuple.of(1, paymentAmounts().map(a -> new RecordVoid(a, ref))),
                Tuple.of(3, paymentAmounts().map(a -> new RecordRefund(a, ref))),
                // an order paid by invoice: its payments name the method, and what is invoiced is settled later
                Tuple.of(2, paymentAmounts().map(a -> new RecordAuthorisation(a, ref, Optional.of(INVOICE)))),
                Tuple.of(2, paymentAmounts().map(a -> new RecordCapture(a, ref, Optional.of(INVOICE)))),
                Tuple.of(2, paymentAmounts().map(a -> new OrderCommand.RecordSettlement(a, ref, INVOICE))),
                Tuple.of(6, Combinators.combine(locations, lineQuantities()).as(Allocate::new)),
                Tuple.of(1, Combinators.combine(locations, lineQuantities()).as(Deallocate::new)),
                Tuple.of(6, Combinators.combine(shipments, lineQuantities()).as(Ship::new)),
                Tuple.of(5, Combinators.combine(shipments, lineQuantities()).as(Deliver::new)),
                Tuple.of(1, lineQuantities().map(l -> new RecordLoss(l, "claim"))),
                Tuple.of(2, lineQuantities().map(l -> new RecordReturn(ReturnId.of("r"), l))),
                Tuple.of(2, Arbitraries.just(new Complete())),
                Tuple.of(1, Arbitraries.just(new Archive())),
                Tuple.of(1, Arbitraries.just(new OrderCommand.ErasePersonalData())),
                // a made-to-order line's promise, moved by a late stage
                Tuple.of(1, lineIds().map(id -> new OrderCommand.PromiseDelivery(List.of(id),
                        java.time.Instant.parse("2026-12-24T12:00:00Z"), Optional.of("assembly"), "late"))));
    }
}
