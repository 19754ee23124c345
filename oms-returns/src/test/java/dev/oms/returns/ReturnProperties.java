package dev.oms.returns;

import static dev.oms.returns.ReturnsWorld.RETURNS_CENTER;
import static dev.oms.returns.ReturnsWorld.line;
import static org.assertj.core.api.Assertions.assertThat;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnPolicy.RestockingFee;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.CommandKey;
import dev.oms.spi.LineId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.LineQuantities;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.Inspection.ItemCondition;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ClaimResolution;
import dev.oms.spi.returns.ReturnRequest.ReturnKind;
import dev.oms.spi.returns.ReturnRequest.ReturnLine;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Stateful properties: a random delivered order, then random chains of return requests,
 * receipts (whole and partial), inspections (repeated with the same key now and then), refunds to
 * card or store credit, claims, cancellations and closes. After every step: refunded never
 * exceeds captured and equals the sum of the paid refunds; returned never exceeds delivered and
 * equals what the returns received; the refund account counts exactly the refunded units; and
 * restocked units reappear in inventory exactly once (the others as damaged or in quality
 * control).
 */
class ReturnProperties {
    private static final List<String> SKUS = List.of("TEE", "CUP", "HAT");
    private static final List<String> REASONS = List.of(ReturnReasons.TOO_SMALL, ReturnReasons.CHANGED_MIND,
            ReturnReasons.DEFECTIVE, ReturnReasons.DAMAGED_IN_TRANSIT, ReturnReasons.NOT_AS_DESCRIBED);

    /** The system under test: one delivered order and everything done to it. Mutable; one per chain. */
    static final class World {
        final ReturnsWorld w;
        final OrderId orderId;
        final List<ReturnRequest> requests = new ArrayList<>();
        final Map<String, Long> restocked = new HashMap<>();
        final Map<String, Long> damaged = new HashMap<>();
        final Map<String, Long> refurbished = new HashMap<>();

        World(OrderSpec spec) {
            ReturnPolicy policy = spec.fees
                    ? ReturnPolicy.builder().restockingFee(RestockingFee.percent("15"))
                            .returnShippingFee(ReturnsWorld.eur("3.90")).build()
                    : ReturnPolicy.standard();
            w = new ReturnsWorld(policy);
            SKUS.forEach(sku -> w.stock(sku, 50));
            orderId = w.deliveredOrder("prop", b -> {
                for (int i = 0; i < spec.quantities.size(); i++) {
                    b.line(line(String.valueOf(i + 1), SKUS.get(i), spec.quantities.get(i), spec.prices.get(i), "0.00",
                            "1.17"));
                }
                if (spec.discount) {
                    b.discount("PROMO", ReturnsWorld.eur("7.77"));
                }
                return b.shipping("std", ReturnsWorld.eur("4.90"), ReturnsWorld.eur("0.93"));
            });
        }

        Order order() {
            return w.orders.load(orderId);
        }

        ReturnRequest pick(int index, ReturnStatus... statuses) {
            List<ReturnRequest> fresh = w.returns.ofOrder(orderId).stream()
                    .filter(r -> List.of(statuses).contains(r.status())).toList();
            return fresh.isEmpty() ? null : fresh.get(index % fresh.size());
        }

        /** Runs an operation; a typed refusal is part of the game but must change nothing. */
        void attempt(Runnable operation) {
            List<ReturnRequest> before = w.returns.ofOrder(orderId);
            Order order = order();
            RefundAccount account = w.returnStore.refundAccount(orderId);
            try {
                operation.run();
            } catch (OmsException refused) {
                assertThat(w.returns.ofOrder(orderId)).as("a refusal changes no return: " + refused).isEqualTo(before);
                assertThat(order()).as("a refusal changes the order not: " + refused).isEqualTo(order);
                assertThat(w.returnStore.refundAccount(orderId)).isEqualTo(account);
            }
        }

        @Override
        public String toString() {
            return "World" + w.returns.ofOrder(orderId).stream().map(r -> r.kind() + ":" + r.status()).toList();
        }
    }

    /** A random order: 1-3 lines of 1-4 units, prices, an order discount or not, fees or not. */
    record OrderSpec(List<Long> quantities, List<String> prices, boolean discount, boolean fees) {
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        Arbitrary<OrderSpec> specs = Arbitraries.integers().between(1, 3).flatMap(n -> Combinators.combine(
                Arbitraries.longs().between(1, 4).list().ofSize(n),
                Arbitraries.integers().between(1, 9_999).map(c -> java.math.BigDecimal.valueOf(c, 2).toPlainString())
                        .list().ofSize(n),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as(OrderSpec::new));
        return specs.flatMap(spec -> ActionChain.startWith(() -> new World(spec))
                .withAction(4, new RequestReturn())
                .withAction(4, new Receive())
                .withAction(3, new Inspect())
                .withAction(3, new Refund())
                .withAction(1, new Claim())
                .withAction(1, new Cancel())
                .withAction(1, new Close())
                .withMaxTransformations(25));
    }

    @Property(tries = 500)
    void refunds_stay_within_captures_returns_within_deliveries_and_restocks_count_once(
            @ForAll("chains") ActionChain<World> chain) {
        chain.withInvariant("refunded <= captured, and equal to the refunds paid", world -> {
            Order order = world.order();
            assertThat(order.payments().refunded().isLessThanOrEqualTo(order.payments().captured())).isTrue();
            MonetaryAmount paid = dev.oms.spi.Amounts.zero(order.currency());
            for (ReturnRequest r : world.w.returns.ofOrder(world.orderId)) {
                if (r.status() == ReturnStatus.REFUNDED || r.status() == ReturnStatus.CLOSED && r.refund().isPresent()) {
                    paid = paid.add(r.refund().get().total());
                }
            }
            assertThat(order.payments().refunded()).isEqualTo(paid);
        }).withInvariant("returned <= delivered per line, and equal to the units received", world -> {
            Map<LineId, Long> received = new HashMap<>();
            for (ReturnRequest r : world.w.returns.ofOrder(world.orderId)) {
                for (ReturnLine l : r.lines()) {
                    received.merge(l.lineId(), l.received().value(), Long::sum);
                }
            }
            for (OrderLine line : world.order().lines()) {
                LineQuantities q = line.quantities();
                assertThat(q.returned().value()).as("line " + line.id()).isLessThanOrEqualTo(q.delivered().value())
                        .isEqualTo(received.getOrDefault(line.id(), 0L));
            }
        }).withInvariant("the refund account counts exactly the refunded units", world -> {
            Map<LineId, Long> counted = new HashMap<>();
            for (ReturnRequest r : world.w.returns.ofOrder(world.orderId)) {
                r.refund().ifPresent(b -> b.lines().forEach(l -> counted.merge(l.lineId(), l.units().value(), Long::sum)));
            }
            RefundAccount account = world.w.returnStore.refundAccount(world.orderId);
            for (OrderLine line : world.order().lines()) {
                assertThat(account.of(line.id()).units()).isEqualTo(counted.getOrDefault(line.id(), 0L))
                        .isLessThanOrEqualTo(line.quantities().open().value());
            }
        }).withInvariant("restocked units reappear as available exactly once", world -> {
            for (String sku : SKUS) {
                var position = world.w.inventory.position(Sku.of(sku), RETURNS_CENTER);
                assertThat(world.w.inventory.availability().atp(Sku.of(sku), RETURNS_CENTER)).as(sku + " available")
                        .isEqualTo(world.restocked.getOrDefault(sku, 0L));
                assertThat(position.damaged().value()).isEqualTo(world.damaged.getOrDefault(sku, 0L));
                assertThat(position.qualityControl().value()).isEqualTo(world.refurbished.getOrDefault(sku, 0L));
            }
            assertThat(world.w.inventory.reconcile(SKUS.stream().map(Sku::of).toList()).balanced()).isTrue();
        }).run();
    }

    static final class RequestReturn implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.longs().between(1, 3),
                    Arbitraries.of(REASONS)).as((line, units, reason) -> Transformer.mutate("return " + units + " of line "
                            + line + " (" + reason + ")", world -> world.attempt(() -> {
                                ReturnRequest r = world.w.returns.request(ReturnDraft.returnOf(world.orderId,
                                        LineToReturn.of(String.valueOf(line), units, reason)), world.w.key());
                                world.w.returns.approve(r.id(), RETURNS_CENTER, world.w.key());
                            })));
        }
    }

    static final class Receive implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.longs().between(1, 3))
                    .as((pick, units) -> Transformer.mutate("receive up to " + units, world -> world.attempt(() -> {
                        ReturnRequest r = world.pick(pick, ReturnStatus.APPROVED, ReturnStatus.RECEIVED);
                        if (r == null || r.kind() == ReturnKind.CLAIM) {
                            return;
                        }
                        ReturnLine line = r.lines().get(0);
                        long open = line.quantity().value() - line.received().value();
                        if (open > 0) {
                            world.w.returns.receive(r.id(), List.of(new LineQuantity(line.lineId(),
                                    Quantity.of(Math.min(open, units)))), world.w.key());
                        }
                    })));
        }
    }

    static final class Inspect implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(Disposition.values()),
                    Arbitraries.of(true, false)).as((pick, disposition, repeat) -> Transformer.mutate("inspect as "
                            + disposition + (repeat ? " twice with one key" : ""), world -> world.attempt(() -> {
                                ReturnRequest r = world.pick(pick, ReturnStatus.RECEIVED);
                                if (r == null) {
                                    return;
                                }
                                ReturnLine line = r.lines().get(0);
                                long units = line.received().value() - line.inspected().value();
                                List<LineInspection> inspections = List.of(new LineInspection(line.lineId(),
                                        new Inspection(Quantity.of(units), ItemCondition.OPENED, disposition,
                                                RETURNS_CENTER)));
                                CommandKey key = world.w.key();
                                world.w.returns.inspect(r.id(), inspections, key);
                                if (repeat) {
                                    world.w.returns.inspect(r.id(), inspections, key);
                                }
                                Map<String, Long> bucket = switch (disposition) {
                                    case RESTOCK -> world.restocked;
                                    case REFURBISH -> world.refurbished;
                                    case DISPOSE, RETURN_TO_VENDOR -> world.damaged;
                                };
                                bucket.merge(line.sku().value(), units, Long::sum);
                            })));
        }
    }

    static final class Refund implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(0, 5),
                    Arbitraries.of(RefundMethod.ORIGINAL_PAYMENT, RefundMethod.STORE_CREDIT))
                    .as((pick, method) -> Transformer.mutate("refund to " + method, world -> world.attempt(() -> {
                        ReturnRequest r = world.pick(pick, ReturnStatus.INSPECTED);
                        if (r != null) {
                            world.w.returns.refund(r.id(), method, world.w.key());
                        }
                    })));
        }
    }

    static final class Claim implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.longs().between(1, 2))
                    .as((line, units) -> Transformer.mutate("claim " + units + " damaged of line " + line,
                            world -> world.attempt(() -> {
                                ReturnRequest r = world.w.returns.request(ReturnDraft.claim(world.orderId,
                                        ClaimResolution.REFUND, LineToReturn.of(String.valueOf(line), units,
                                                ReturnReasons.DAMAGED)), world.w.key());
                                world.w.returns.approve(r.id(), world.w.key());
                                world.w.returns.refund(r.id(), RefundMethod.ORIGINAL_PAYMENT, world.w.key());
                            })));
        }
    }

    static final class Cancel implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.integers().between(0, 5).map(pick -> Transformer.mutate("cancel",
                    world -> world.attempt(() -> {
                        ReturnRequest r = world.pick(pick, ReturnStatus.APPROVED, ReturnStatus.RECEIVED);
                        if (r != null) {
                            world.w.returns.cancel(r.id(), "changed plans", world.w.key());
                        }
                    })));
        }
    }

    static final class Close implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.integers().between(0, 5).map(pick -> Transformer.mutate("close",
                    world -> world.attempt(() -> {
                        ReturnRequest r = world.pick(pick, ReturnStatus.REFUNDED, ReturnStatus.INSPECTED);
                        if (r != null) {
                            world.w.returns.close(r.id(), world.w.key());
                        }
                    })));
        }
    }
}
