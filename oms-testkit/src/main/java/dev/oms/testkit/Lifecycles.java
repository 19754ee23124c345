package dev.oms.testkit;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.returns.RequestedLine;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.ReservePolicy;
import dev.oms.spi.inventory.ReservedLine;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.HoldType;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.order.OrderLine;
import dev.oms.spi.returns.Disposition;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.ItemCondition;
import dev.oms.spi.returns.RefundMethod;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Whole order lifecycles as jqwik {@link ActionChain}s, for a host's own {@code @Property}: random
 * sequences of place (with payment authorised), confirm (reserving stock), hold, release, edit,
 * cancel, ship (committing stock and capturing), deliver, return (received, inspected and
 * restocked) and refund, on a {@link LifecycleWorld}.
 *
 * <p>Every step picks its order among those placed so far. A step the system refuses with a typed
 * {@link OmsException} is part of the game, but must change nothing: the kit checks that the
 * order is as it was. Check the invariants with {@code chain.withInvariant(...)}, for example
 * {@link LifecycleWorld#checkInvariants()}.
 *
 * <pre>{@code
 * @Property
 * void lifecycles_keep_their_invariants(@ForAll("lifecycles") ActionChain<LifecycleWorld> chain) {
 *     chain.withInvariant("oms invariants", LifecycleWorld::checkInvariants).run();
 * }
 *
 * @Provide
 * Arbitrary<ActionChain<LifecycleWorld>> lifecycles() {
 *     return Lifecycles.chains(Monetary.getCurrency("EUR"), 40);
 * }
 * }</pre>
 */
public final class Lifecycles {
    private static final List<LocationId> LOCATIONS = List.of(LocationId.of("wh-1"), LocationId.of("wh-2"));

    private Lifecycles() {
    }

    /**
     * Chains on in-memory worlds with a random catalogue (2 to 5 products) stocked at two
     * warehouses (0 to 20 units per position).
     *
     * @param currency the currency of the catalogue and the orders
     * @param maxSteps most steps per chain
     * @return the chains
     */
    public static Arbitrary<ActionChain<LifecycleWorld>> chains(javax.money.CurrencyUnit currency, int maxSteps) {
        return OmsArbitraries.catalogues(currency, 2, 5).flatMap(catalogue -> OmsArbitraries.stock(
                catalogue.stream().map(CatalogItem::sku).toList(), LOCATIONS, 20)
                .flatMap(stock -> chains(() -> LifecycleWorld.inMemory(catalogue, stock), catalogue, maxSteps)));
    }

    /**
     * Chains on worlds the host builds, for example on its own stores with
     * {@link LifecycleWorld#on}.
     *
     * @param worlds makes a fresh world per chain
     * @param catalogue the products the worlds sell (orders are generated over them)
     * @param maxSteps most steps per chain
     * @return the chains
     */
    public static Arbitrary<ActionChain<LifecycleWorld>> chains(Supplier<LifecycleWorld> worlds,
            List<CatalogItem> catalogue, int maxSteps) {
        InvalidInputException.requireNonNull(worlds, "worlds");
        Arbitrary<PlaceOrder> orders = OmsArbitraries.orders(catalogue);
        Arbitrary<Integer> picks = Arbitraries.integers().between(0, 20);
        return ActionChain.startWith(worlds)
                .withAction(4, step(orders, "place", Lifecycles::place))
                .withAction(4, step(picks, "confirm", Lifecycles::confirm))
                .withAction(1, step(picks, "hold", (w, i) -> hold(w, i, true)))
                .withAction(1, step(picks, "release hold", (w, i) -> hold(w, i, false)))
                .withAction(1, step(Combinators.combine(picks, Arbitraries.longs().between(1, 5)).as(List::of),
                        "edit", (w, p) -> edit(w, (Integer) p.get(0), (Long) p.get(1))))
                .withAction(1, step(picks, "cancel", Lifecycles::cancel))
                .withAction(4, step(picks, "ship", Lifecycles::ship))
                .withAction(3, step(picks, "deliver", Lifecycles::deliver))
                .withAction(2, step(picks, "return", Lifecycles::returnOne))
                .withAction(2, step(picks, "refund", Lifecycles::refund))
                .withMaxTransformations(maxSteps);
    }

    private interface Step<T> {
        void run(LifecycleWorld world, T input);
    }

    private static <T> Action.Independent<LifecycleWorld> step(Arbitrary<T> inputs, String name, Step<T> body) {
        return () -> inputs.map(input -> Transformer.mutate(name + " " + describe(input), world -> {
            world.step(name + " " + describe(input));
            body.run(world, input);
        }));
    }

    private static String describe(Object input) {
        return input instanceof PlaceOrder p ? p.header().externalOrderId() + " " + p.lines().size() + " lines"
                : String.valueOf(input);
    }

    /** Runs an operation on an order; a typed refusal must leave the order as it was. */
    private static void attempt(LifecycleWorld world, OrderId id, Runnable operation) {
        Order before = world.orders().load(id);
        try {
            operation.run();
        } catch (OmsException refused) {
            Order after = world.orders().load(id);
            if (!after.equals(before)) {
                throw new AssertionError("after " + world.lastStep() + ": a refusal (" + refused.getMessage()
                        + ") changed order " + id + "\n  before: " + before + "\n  after:  " + after);
            }
        }
    }

    private static <T> T pick(List<T> items, int index) {
        return items.isEmpty() ? null : items.get(index % items.size());
    }

    private static void place(LifecycleWorld w, PlaceOrder order) {
        OrderId id = w.orders().place(order, w.key()).order().id();
        w.placedOrder(id);
        Order placed = w.orders().load(id);
        MonetaryAmount total = OrderTotals.of(placed).grandTotal();
        if (total.isPositive() && placed.payments().authorised().isZero()) {
            w.payments().authorise(id, total, w.key());
        }
    }

    private static void confirm(LifecycleWorld w, int index) {
        OrderId id = pick(w.placed(), index);
        if (id != null) {
            attempt(w, id, () -> w.reservations().confirmAndReserve(id, ReservePolicy.PARTIAL, w.key()));
        }
    }

    private static void hold(LifecycleWorld w, int index, boolean place) {
        OrderId id = pick(w.placed(), index);
        if (id != null) {
            attempt(w, id, () -> w.orders().handle(id, place ? OrderCommand.PlaceHold.of(HoldType.CUSTOMER_REQUEST,
                    "customer asked to wait") : OrderCommand.ReleaseHold.of(HoldType.CUSTOMER_REQUEST, "go ahead"),
                    w.key()));
        }
    }

    private static void edit(LifecycleWorld w, int index, long quantity) {
        OrderId id = pick(w.placed(), index);
        if (id != null) {
            LineId first = w.orders().load(id).lines().get(0).id();
            attempt(w, id, () -> w.orders().handle(id, OrderCommand.Edit.of(new OrderEdit.ChangeQuantity(first,
                    Quantity.of(quantity))), w.key()));
        }
    }

    private static void cancel(LifecycleWorld w, int index) {
        OrderId id = pick(w.placed(), index);
        if (id != null) {
            attempt(w, id, () -> w.reservations().cancel(id, CancelReason.CUSTOMER_REQUEST, "changed their mind",
                    w.key()));
        }
    }

    /** Ships what one location holds for the order, commits it and captures the shipped value. */
    private static void ship(LifecycleWorld w, int index) {
        OrderId id = pick(w.placed(), index);
        if (id == null) {
            return;
        }
        Order order = w.orders().load(id);
        Map<LocationId, Map<LineId, Long>> held = new LinkedHashMap<>();
        for (Reservation r : w.inventory().reservationsOf(id)) {
            if (r.status().isActive()) {
                for (ReservedLine line : r.lines()) {
                    if (line.held().isPositive()) {
                        held.computeIfAbsent(line.position().location(), k -> new LinkedHashMap<>())
                                .merge(line.lineId(), line.held().value(), Long::sum);
                    }
                }
            }
        }
        if (held.isEmpty()) {
            return;
        }
        Map.Entry<LocationId, Map<LineId, Long>> at = held.entrySet().iterator().next();
        List<LineQuantity> lines = new ArrayList<>();
        at.getValue().forEach((line, units) -> {
            long allocated = order.requireLine(line).quantities().allocated().value();
            if (Math.min(units, allocated) > 0) {
                lines.add(new LineQuantity(line, Quantity.of(Math.min(units, allocated))));
            }
        });
        if (lines.isEmpty()) {
            return;
        }
        attempt(w, id, () -> {
            w.reservations().ship(id, ShipmentId.of("s-" + w.key().value()), at.getKey(), lines, w.key());
            Order shipped = w.orders().load(id);
            MonetaryAmount owed = OrderTotals.of(shipped).grandTotal().subtract(shipped.payments().captured());
            MonetaryAmount capturable = shipped.payments().capturable();
            MonetaryAmount amount = owed.isGreaterThan(capturable) ? capturable : owed;
            if (amount.isPositive()) {
                w.payments().capture(id, amount.with(Monetary.getDefaultRounding()), w.key());
            }
        });
    }

    private static void deliver(LifecycleWorld w, int index) {
        OrderId id = pick(w.placed(), index);
        if (id == null) {
            return;
        }
        List<LineQuantity> moving = lines(w.orders().load(id), l -> l.quantities().inTransit().value());
        if (!moving.isEmpty()) {
            attempt(w, id, () -> w.orders().handle(id, new OrderCommand.Deliver(ShipmentId.of("d-" + w.key().value()),
                    moving), w.key()));
        }
    }

    /** Returns one unit of the first line with delivered, unreturned units: received, inspected, restocked. */
    private static void returnOne(LifecycleWorld w, int index) {
        OrderId id = pick(w.placed(), index);
        if (id == null) {
            return;
        }
        List<LineQuantity> returnable = lines(w.orders().load(id),
                l -> l.quantities().delivered().value() - l.quantities().returned().value());
        if (returnable.isEmpty()) {
            return;
        }
        LineId line = returnable.get(0).lineId();
        attempt(w, id, () -> {
            ReturnRequest r = w.returns().request(ReturnDraft.returnOf(id, new RequestedLine(line, Quantity.of(1),
                    ReturnReasons.DEFECTIVE)), w.key());
            w.requestedReturn(r.id());
            w.returns().approve(r.id(), LifecycleWorld.RETURNS, w.key());
            w.returns().receive(r.id(), List.of(new LineQuantity(line, Quantity.of(1))), w.key());
            w.returns().inspect(r.id(), List.of(new ReturnEvent.LineInspection(line, new Inspection(Quantity.of(1),
                    ItemCondition.DEFECTIVE, Disposition.RESTOCK, LifecycleWorld.RETURNS))), w.key());
        });
    }

    private static void refund(LifecycleWorld w, int index) {
        List<ReturnId> inspected = w.returnIds().stream()
                .filter(r -> w.returns().load(r).status() == ReturnStatus.INSPECTED).toList();
        ReturnId rid = pick(inspected, index);
        if (rid != null) {
            OrderId id = w.returns().load(rid).orderId();
            attempt(w, id, () -> w.returns().refund(rid, RefundMethod.ORIGINAL_PAYMENT, w.key()));
        }
    }

    private static List<LineQuantity> lines(Order order, Function<OrderLine, Long> units) {
        List<LineQuantity> out = new ArrayList<>();
        for (OrderLine l : order.lines()) {
            long u = units.apply(l);
            if (u > 0) {
                out.add(new LineQuantity(l.id(), Quantity.of(u)));
            }
        }
        return out;
    }
}
