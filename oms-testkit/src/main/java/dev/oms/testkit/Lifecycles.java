package dev.oms.testkit;

import dev.oms.core.PlaceOrder;
import dev.oms.flow.EditPlan;
import dev.oms.flow.FlowResult;
import dev.oms.flow.FlowStores;
import dev.oms.flow.OrderFlow;
import dev.oms.returns.ReturnDraft;
import dev.oms.returns.ReturnDraft.LineToReturn;
import dev.oms.returns.ReturnReasons;
import dev.oms.spi.Address;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.Sku;
import dev.oms.spi.fulfillment.CarrierGateway.TrackingUpdate;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.inventory.Reference;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.payment.PaymentShare;
import dev.oms.spi.returns.Inspection;
import dev.oms.spi.returns.Inspection.Disposition;
import dev.oms.spi.returns.Inspection.ItemCondition;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.testkit.OmsArbitraries.CatalogItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Whole order lifecycles as jqwik {@link ActionChain}s, for a host's own {@code @Property}: random
 * sequences of the order flow's calls on a {@link LifecycleWorld} (accept, paid by card or
 * several ways with the world's gift cards, retry a declined payment, hold and release, edit,
 * cancel an order or a unit, pick, pack and ship, deliver, return with restock and refund,
 * stock receipts, time passing with the flow's timers, crashes at a store write or gateway call,
 * gateway outages, and the resume after them), with room for a host's own steps.
 * {@link #randomStep} draws the same steps from a seeded random, for plain loops and threads.
 *
 * <p>Every step picks its order among those placed so far. A step the system refuses with a typed
 * {@link OmsException} is part of the game, but must change nothing: the kit checks that the
 * order is as it was. A crash ({@link Faults.Crash}) ends the step as a dying JVM would; a later
 * resume step finishes what it interrupted. Check the invariants with
 * {@code chain.withInvariant(...)}, for example {@link LifecycleWorld#checkInvariants()}.
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
    public static Arbitrary<ActionChain<LifecycleWorld>> chains(CurrencyUnit currency, int maxSteps) {
        return chains(currency, maxSteps, List.of());
    }

    /**
     * Chains on in-memory worlds with the kit's steps and the host's own.
     *
     * @param currency the currency of the catalogue and the orders
     * @param maxSteps most steps per chain
     * @param hostSteps the host's steps, mixed in (weight 1 each)
     * @return the chains
     */
    public static Arbitrary<ActionChain<LifecycleWorld>> chains(CurrencyUnit currency, int maxSteps,
            List<Action<LifecycleWorld>> hostSteps) {
        return OmsArbitraries.catalogues(currency, 2, 5).flatMap(catalogue -> OmsArbitraries.stock(
                catalogue.stream().map(CatalogItem::sku).toList(), LifecycleWorld.WAREHOUSES, 20)
                .flatMap(stock -> named(name -> LifecycleWorld.named(name, FlowStores.inMemory(), catalogue, stock),
                        catalogue, maxSteps, hostSteps)));
    }

    /**
     * Chains on worlds the host builds from a name drawn from the property's seed: ids and keys
     * derive from it, so a failing chain replays with the same ids (the in-memory chains are built
     * this way). On stores shared by every chain, a replay of one chain meets the ids its first run
     * left; give each world stores of its own, or use {@link #chains(Supplier, List, int, List)}.
     *
     * @param worlds makes a fresh world per chain from its name, for example
     *     {@code name -> LifecycleWorld.named(name, myStores, catalogue, stock)}
     * @param catalogue the products the worlds sell
     * @param maxSteps most steps per chain
     * @param hostSteps the host's steps, mixed in (weight 1 each)
     * @return the chains
     */
    public static Arbitrary<ActionChain<LifecycleWorld>> named(java.util.function.Function<String, LifecycleWorld> worlds,
            List<CatalogItem> catalogue, int maxSteps, List<Action<LifecycleWorld>> hostSteps) {
        InvalidInputException.requireNonNull(worlds, "worlds");
        return Arbitraries.longs().between(0, Long.MAX_VALUE).withoutEdgeCases().flatMap(n -> chains(
                () -> worlds.apply("w" + Long.toHexString(n)), catalogue, maxSteps, hostSteps));
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
        return chains(worlds, catalogue, maxSteps, List.of());
    }

    /**
     * Chains on worlds the host builds, with the host's own steps.
     *
     * @param worlds makes a fresh world per chain
     * @param catalogue the products the worlds sell
     * @param maxSteps most steps per chain
     * @param hostSteps the host's steps, mixed in (weight 1 each)
     * @return the chains
     */
    public static Arbitrary<ActionChain<LifecycleWorld>> chains(Supplier<LifecycleWorld> worlds,
            List<CatalogItem> catalogue, int maxSteps, List<Action<LifecycleWorld>> hostSteps) {
        InvalidInputException.requireNonNull(worlds, "worlds");
        InvalidInputException.requireNonNull(hostSteps, "hostSteps");
        net.jqwik.api.state.ActionChainArbitrary<LifecycleWorld> chain = ActionChain.startWith(worlds);
        for (Weighted step : steps(catalogue)) {
            chain = chain.withAction(step.weight(), step.action());
        }
        for (Action<LifecycleWorld> host : hostSteps) {
            chain = chain.withAction(1, host);
        }
        return chain.withMaxTransformations(maxSteps);
    }

    /**
     * A step of the kit with how often it is drawn relative to the others.
     *
     * @param weight relative frequency
     * @param action the step
     */
    public record Weighted(int weight, Action<LifecycleWorld> action) {
    }

    /**
     * The kit's steps, for a host composing chains of its own.
     *
     * @param catalogue the products orders are generated over
     * @return the steps with their weights
     */
    public static List<Weighted> steps(List<CatalogItem> catalogue) {
        Arbitrary<PlaceOrder> orders = OmsArbitraries.orders(catalogue);
        Arbitrary<Integer> picks = Arbitraries.integers().between(0, 20);
        Arbitrary<Sku> skus = Arbitraries.of(catalogue.stream().map(CatalogItem::sku).toList());
        return List.of(
                new Weighted(5, step(Combinators.combine(orders, Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(1, 3)).as(Acceptance::new), "accept",
                        (w, a) -> accept(w, a.order(), a.shares(w)))),
                new Weighted(1, step(picks, "retry payment", Lifecycles::retryPayment)),
                new Weighted(1, step(picks, "hold", (w, i) -> hold(w, i, true))),
                new Weighted(1, step(picks, "release hold", (w, i) -> hold(w, i, false))),
                new Weighted(1, step(Combinators.combine(picks, Arbitraries.longs().between(1, 5)).as(List::of),
                        "edit", (w, p) -> edit(w, (Integer) p.get(0), (Long) p.get(1)))),
                new Weighted(1, step(picks, "cancel", Lifecycles::cancel)),
                new Weighted(1, step(picks, "cancel a unit", Lifecycles::cancelUnit)),
                new Weighted(5, step(picks, "work", Lifecycles::work)),
                new Weighted(3, step(picks, "deliver", Lifecycles::deliver)),
                new Weighted(2, step(picks, "return", Lifecycles::returnOne)),
                new Weighted(1, step(picks, "erase", Lifecycles::erase)),
                new Weighted(2, step(Combinators.combine(skus, Arbitraries.of(LifecycleWorld.WAREHOUSES),
                        Arbitraries.longs().between(1, 6)).as(List::of), "receive",
                        (w, r) -> receive(w, (Sku) r.get(0), (LocationId) r.get(1), (Long) r.get(2)))),
                new Weighted(1, step(Arbitraries.integers().between(1, 400), "hours pass", Lifecycles::later)),
                new Weighted(1, step(Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.of(true, false))
                        .as(List::of), "crash", (w, c) -> crash(w, (Integer) c.get(0), (Boolean) c.get(1)))),
                new Weighted(1, step(Arbitraries.integers().between(1, 3), "gateway outage", Lifecycles::outage)),
                new Weighted(1, step(Arbitraries.just(0), "resume", (w, ignored) -> resume(w))));
    }

    /**
     * Draws one of the kit's steps from a seeded random and runs it: the same steps as the
     * chains', for a plain loop (or several threads) a host reproduces from its seed.
     *
     * @param w the world
     * @param random the random (the step's kind and inputs come from it)
     * @return what the step did, for a log (without ids, so two runs of one seed log alike)
     */
    public static String randomStep(LifecycleWorld w, java.util.SplittableRandom random) {
        int pick = random.nextInt(26);
        int index = random.nextInt(21);
        String what;
        Runnable body;
        if (pick < 5) {
            PlaceOrder order = randomOrder(w, random);
            Acceptance a = new Acceptance(order, random.nextInt(6), 1 + random.nextInt(3));
            what = "accept " + order.lines().size() + " lines" + a.paid();
            body = () -> accept(w, order, a.shares(w));
        } else if (pick < 6) {
            boolean place = random.nextBoolean();
            what = (place ? "hold " : "release hold ") + index;
            body = () -> hold(w, index, place);
        } else if (pick < 7) {
            long quantity = 1 + random.nextInt(5);
            what = "edit " + index + " to " + quantity;
            body = () -> edit(w, index, quantity);
        } else if (pick < 8) {
            what = "cancel " + index;
            body = () -> cancel(w, index);
        } else if (pick < 9) {
            what = "cancel a unit of " + index;
            body = () -> cancelUnit(w, index);
        } else if (pick < 14) {
            what = "work " + index;
            body = () -> work(w, index);
        } else if (pick < 17) {
            what = "deliver " + index;
            body = () -> deliver(w, index);
        } else if (pick < 19) {
            what = "return " + index;
            body = () -> returnOne(w, index);
        } else if (pick < 21) {
            Sku sku = w.skus().get(random.nextInt(w.skus().size()));
            LocationId at = LifecycleWorld.WAREHOUSES.get(random.nextInt(LifecycleWorld.WAREHOUSES.size()));
            long units = 1 + random.nextInt(6);
            what = "receive " + units;
            body = () -> receive(w, sku, at, units);
        } else if (pick < 22) {
            int hours = 1 + random.nextInt(400);
            what = "hours pass " + hours;
            body = () -> later(w, hours);
        } else if (pick < 23) {
            int effects = 1 + random.nextInt(12);
            boolean after = random.nextBoolean();
            what = "crash " + effects + (after ? " after" : " before");
            body = () -> crash(w, effects, after);
        } else if (pick < 24) {
            int calls = 1 + random.nextInt(3);
            what = "gateway outage " + calls;
            body = () -> outage(w, calls);
        } else if (pick < 25) {
            what = "resume";
            body = () -> resume(w);
        } else {
            what = "retry payment " + index;
            body = () -> retryPayment(w, index);
        }
        w.step(what);
        try {
            body.run();
        } catch (Faults.Crash | Faults.Outage died) {
            // the JVM died, or a gateway failed; a resume step finishes what it interrupted
        }
        return what;
    }

    /**
     * An order of 1 to 3 catalogue products, 1 to 3 units each, to Germany, now and then with a
     * discount, under a random tax policy: net or gross prices, each rounding level and mode, the
     * products' rates (shipping at 19 %) or the host's per-unit tax; now and then with unit prices
     * two digits finer than the currency (a {@code Pricing} with a unit scale, each line rounding).
     * Cash rounding is left out here: a part of a cash-rounded order shipped alone can be captured
     * below its value, and its return refused until the rest is (see {@code Pricing}).
     */
    private static PlaceOrder randomOrder(LifecycleWorld w, java.util.SplittableRandom random) {
        List<CatalogItem> items = new ArrayList<>(w.catalogue());
        java.util.Collections.shuffle(items, new java.util.Random(random.nextLong()));
        CatalogItem first = items.get(0);
        CurrencyUnit currency = first.unitPrice().getCurrency();
        TaxPolicy policy = new TaxPolicy(pick(TaxPolicy.PriceBasis.values(), random),
                pick(TaxPolicy.TaxSource.values(), random), pick(TaxPolicy.RoundingLevel.values(), random),
                pick(new java.math.RoundingMode[] {java.math.RoundingMode.HALF_UP, java.math.RoundingMode.HALF_EVEN,
                    java.math.RoundingMode.DOWN}, random));
        boolean host = policy.source() == TaxPolicy.TaxSource.HOST;
        PlaceOrder.Builder b = PlaceOrder.builder(dev.oms.spi.ChannelId.of("web"),
                dev.oms.spi.ExternalOrderId.of("sim-" + w.key().value()), dev.oms.spi.CustomerRef.of("c-"
                        + random.nextInt(20)), currency)
                .shipTo(Address.of("DE", "10115").withCoordinates(Address.Coordinates.of(52.53, 13.38)))
                .placedAt(w.clock().instant()).taxPolicy(policy);
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        boolean fine = random.nextInt(3) == 0;
        if (fine) {
            b.pricing(dev.oms.spi.order.Pricing.standard().withUnitScale(digits + 2).withLineRounding(pick(
                    new java.math.RoundingMode[] {java.math.RoundingMode.HALF_UP, java.math.RoundingMode.HALF_EVEN,
                        java.math.RoundingMode.DOWN}, random)));
        }
        int lines = 1 + random.nextInt(Math.min(3, items.size()));
        for (int i = 0; i < lines; i++) {
            CatalogItem item = items.get(i);
            javax.money.MonetaryAmount price = fine ? item.unitPrice().add(dev.oms.spi.Amounts.of(
                    java.math.BigDecimal.valueOf(random.nextInt(100), digits + 2), currency)) : item.unitPrice();
            b.line(new dev.oms.spi.order.NewLine(LineId.of(String.valueOf(i + 1)), item.sku(),
                    Quantity.of(1 + random.nextInt(3)), price, dev.oms.spi.Amounts.zero(currency),
                    host ? LineTax.perUnit(item.unitTax()) : LineTax.rates(item.rate())));
        }
        if (random.nextInt(4) == 0) {
            b.discount("PROMO", first.unitPrice().multiply(0.1).with(javax.money.Monetary.getDefaultRounding()));
        }
        // 4.90 in a currency of two decimals, 0.490 in one of three, 490 in one of none
        javax.money.MonetaryAmount shipping = dev.oms.spi.Amounts.of(java.math.BigDecimal.valueOf(490, digits),
                currency);
        dev.oms.spi.order.Order.ShippingCharge charge = new dev.oms.spi.order.Order.ShippingCharge("standard",
                shipping, host ? LineTax.none() : LineTax.rates(dev.oms.spi.order.TaxRate.of("VAT-19", "19")));
        if (random.nextInt(4) == 0) {
            // a free-shipping coupon, or one for a tenth of it: captures and refunds count what was charged
            charge = charge.withDiscount(new dev.oms.spi.order.Order.Discount("FREESHIP", random.nextBoolean()
                    ? shipping : dev.oms.spi.Amounts.of(java.math.BigDecimal.valueOf(49, digits), currency)));
        }
        return b.shipping(charge).build();
    }

    private static <T> T pick(T[] values, java.util.SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    private interface Step<T> {
        void run(LifecycleWorld world, T input);
    }

    private static <T> Action.Independent<LifecycleWorld> step(Arbitrary<T> inputs, String name, Step<T> body) {
        return () -> inputs.map(input -> Transformer.mutate(name + " " + describe(input), world -> {
            world.step(name + " " + describe(input));
            try {
                body.run(world, input);
            } catch (Faults.Crash | Faults.Outage died) {
                // the JVM died here, or a gateway failed; a resume step finishes what it interrupted
            }
        }));
    }

    private static String describe(Object input) {
        return input instanceof Acceptance a ? a.order().header().externalOrderId() + " " + a.order().lines().size()
                + " lines" + a.paid() : String.valueOf(input);
    }

    /**
     * An order to accept and how it is paid: {@code way} 0 to 2 one payment on the card, 3 and 4
     * the first or second gift card up to {@code units} of the first product with the card for the
     * rest, 5 the first gift card up to that and the second for the rest (declined, and the order
     * held for payment, when the second does not have it).
     */
    private record Acceptance(PlaceOrder order, int way, int units) {
        /** @return the shares; empty for one payment */
        List<PaymentShare> shares(LifecycleWorld w) {
            if (way < 3 || w.giftCardBalance().isEmpty()) {
                return List.of();
            }
            MonetaryAmount upTo = w.catalogue().get(0).unitPrice().multiply(units);
            PaymentMethod first = LifecycleWorld.GIFT_CARDS.get(way == 4 ? 1 : 0);
            PaymentMethod rest = way == 5 ? LifecycleWorld.GIFT_CARDS.get(1) : LifecycleWorld.CARD;
            return List.of(PaymentShare.upTo(first, upTo), PaymentShare.rest(rest));
        }

        /** @return how it is paid, for the step's name */
        String paid() {
            return way < 3 ? "" : way == 5 ? ", paid by two gift cards" : ", paid by gift card " + (way - 2)
                    + " up to " + units + " units and the card";
        }
    }

    /**
     * Runs an operation on an order; a typed refusal must leave the order as it was.
     *
     * @return whether it ran without a refusal
     */
    private static boolean attempt(LifecycleWorld world, OrderId id, Runnable operation) {
        Order before = world.orders().load(id);
        try {
            operation.run();
            return true;
        } catch (OmsException refused) {
            Order after = world.orders().load(id);
            if (!world.shared() && !after.equals(before)) {
                throw new AssertionError("after " + world.lastStep() + ": a refusal (" + refused.getMessage()
                        + ") changed order " + id + "\n  before: " + before + "\n  after:  " + after);
            }
            return false;
        }
    }

    /**
     * Runs steps on an order one after the other, each an {@link #attempt}: a refusal must leave the
     * order as the step before it left it, and ends the run there (the steps before it stand).
     */
    private static void attemptInTurn(LifecycleWorld world, OrderId id, Runnable... steps) {
        for (Runnable step : steps) {
            if (!attempt(world, id, step)) {
                return;
            }
        }
    }

    private static <T> T pick(List<T> items, int index) {
        return items.isEmpty() ? null : items.get(index % items.size());
    }

    private static void accept(LifecycleWorld w, PlaceOrder order, List<PaymentShare> shares) {
        try {
            FlowResult r = shares.isEmpty() ? w.flow().accept(order, w.key())
                    : w.flow().accept(order, shares, w.key());
            w.placedOrder(r.order().id());
        } catch (OmsException refused) {
            // a placement the world refuses (a key or channel order reused) changes nothing
            w.orders().find(order.header().channel(), order.header().externalOrderId())
                    .ifPresent(o -> w.placedOrder(o.id()));
        } catch (RuntimeException died) {
            // a crash or an outage, placed or not yet: a resume may place it later
            w.interruptedPlacement(order);
            throw died;
        }
    }

    /** The customer pays again after a decline (another order's cancellation may have freed a gift card). */
    private static void retryPayment(LifecycleWorld w, int index) {
        OrderId id = pick(w.placed(), index);
        if (id != null && w.orders().load(id).hold(HoldType.PAYMENT, dev.oms.core.OrderDecider.DECLINE_HOLD_CODE)
                .isPresent()) {
            attempt(w, id, () -> w.flow().retryPayment(id, w.key()));
        }
    }

    private static void hold(LifecycleWorld w, int index, boolean place) {
        OrderId id = pick(w.placed(), index);
        if (id != null) {
            attempt(w, id, () -> {
                if (place) {
                    w.flow().placeHold(id, HoldType.CUSTOMER_REQUEST, "wait", "customer asked to wait", w.key());
                } else {
                    w.flow().releaseHold(id, HoldType.CUSTOMER_REQUEST, "wait", "go ahead", w.key());
                }
            });
        }
    }

    private static void edit(LifecycleWorld w, int index, long quantity) {
        OrderId id = pick(w.placed(), index);
        if (id == null) {
            return;
        }
        LineId first = w.orders().load(id).lines().get(0).id();
        try {
            EditPlan plan = w.flow().previewEdit(id, List.of(new OrderEdit.ChangeQuantity(first, Quantity.of(quantity))));
            w.flow().commitEdit(plan, w.key());
        } catch (OmsException refused) {
            // refused or stale: the flow released what it reserved; the invariants check the rest
        }
    }

    private static void cancel(LifecycleWorld w, int index) {
        OrderId id = pick(w.placed(), index);
        if (id != null) {
            attempt(w, id, () -> w.flow().cancel(id, CancelReason.CUSTOMER_REQUEST, "changed their mind", w.key()));
        }
    }

    private static void cancelUnit(LifecycleWorld w, int index) {
        OrderId id = pick(w.placed(), index);
        if (id == null) {
            return;
        }
        for (OrderLine line : w.orders().load(id).lines()) {
            if (line.quantities().unshipped().isPositive()) {
                attempt(w, id, () -> w.flow().cancel(id, line.id(), Quantity.of(1), CancelReason.OUT_OF_STOCK, "",
                        w.key()));
                return;
            }
        }
    }

    /** The warehouse works one fulfilment order of the order one step on: picks, packs, or ships what is open. */
    private static void work(LifecycleWorld w, int index) {
        OrderId id = pick(w.placed(), index);
        if (id == null) {
            return;
        }
        OrderFlow flow = w.flow();
        for (FulfillmentOrder fo : flow.fulfillment().ofOrder(id)) {
            switch (fo.status()) {
                case CREATED -> attempt(w, id, () -> flow.startPicking(fo.id(), w.key()));
                case PICKING -> attempt(w, id, () -> flow.pack(fo.id(), w.key()));
                case PACKED, PARTIALLY_SHIPPED -> {
                    List<LineQuantity> open = new ArrayList<>();
                    fo.lines().forEach(l -> {
                        if (l.open().isPositive()) {
                            open.add(new LineQuantity(l.lineId(), l.open()));
                        }
                    });
                    if (!open.isEmpty()) {
                        attempt(w, id, () -> flow.ship(fo.id(), open, w.key()));
                    }
                }
                default -> {
                    continue;
                }
            }
            return;
        }
    }

    /** The carrier delivers the order's oldest parcel that is not delivered yet. */
    private static void deliver(LifecycleWorld w, int index) {
        OrderId id = pick(w.placed(), index);
        if (id == null) {
            return;
        }
        for (FulfillmentOrder fo : w.flow().fulfillment().ofOrder(id)) {
            for (Shipment s : w.flow().fulfillment().shipmentsOf(fo.id())) {
                if (s.status() != ShipmentStatus.DELIVERED && fo.status() != FulfillmentOrderStatus.CANCELLED) {
                    attempt(w, id, () -> w.flow().track(new TrackingUpdate("d-" + s.trackingNumber(), s.trackingNumber(),
                            ShipmentStatus.DELIVERED, w.clock().instant(), "delivered")));
                    return;
                }
            }
        }
    }

    /** Returns one unit of the first line with delivered, unreturned units: received, inspected, restocked, refunded. */
    private static void returnOne(LifecycleWorld w, int index) {
        OrderId id = pick(w.placed(), index);
        if (id == null) {
            return;
        }
        Order order = w.orders().load(id);
        LineId line = null;
        for (OrderLine l : order.lines()) {
            if (l.quantities().delivered().value() > l.quantities().returned().value()) {
                line = l.id();
                break;
            }
        }
        if (line == null) {
            return;
        }
        LineId returned = line;
        ReturnRequest[] requested = new ReturnRequest[1];
        attemptInTurn(w, id,
                () -> requested[0] = w.flow().requestReturn(ReturnDraft.returnOf(id, new LineToReturn(returned,
                        Quantity.of(1), ReturnReasons.DEFECTIVE)), w.key()),
                () -> {
                    w.requestedReturn(requested[0].id());
                    w.flow().approveReturn(requested[0].id(), LifecycleWorld.RETURNS, w.key());
                },
                () -> w.flow().receiveReturn(requested[0].id(), List.of(new LineQuantity(returned, Quantity.of(1))),
                        w.key()),
                () -> w.flow().inspectReturn(requested[0].id(), List.of(new Inspection.LineInspection(returned,
                        new Inspection(Quantity.of(1), ItemCondition.DEFECTIVE, Disposition.RESTOCK,
                                LifecycleWorld.RETURNS))), w.key()),
                () -> w.flow().refundReturn(requested[0].id(), RefundMethod.ORIGINAL_PAYMENT, w.key()));
    }

    /**
     * Erases the personal data of an order: refused (and nothing changed) while it runs, done once it
     * ended; the invariants and the later steps (returns and refunds after completion) go on over
     * an erased order.
     */
    private static void erase(LifecycleWorld w, int index) {
        OrderId id = pick(w.placed(), index);
        if (id != null) {
            attempt(w, id, () -> w.flow().erasePersonalData(id, w.key()));
        }
    }

    private static void receive(LifecycleWorld w, Sku sku, LocationId at, long units) {
        w.flow().receive(sku, at, Quantity.of(units), Reference.of(Reference.Type.RECEIPT, "po-" + w.key().value()),
                w.key());
    }

    /** Time passes; the flow does what is due. */
    private static void later(LifecycleWorld w, int hours) {
        w.advance(Duration.ofHours(hours));
        w.flow().runDue();
    }

    /** Arms a crash at a store write or gateway call a few effects ahead, before or after it. */
    private static void crash(LifecycleWorld w, int effects, boolean after) {
        w.faults().reset();
        w.faults().arm(effects, after ? Faults.When.AFTER : Faults.When.BEFORE);
    }

    /** The next gateway calls fail: the processes they belong to stay running until a resume. */
    private static void outage(LifecycleWorld w, int calls) {
        w.faults().failGatewayCalls(calls);
    }

    /** A minute later the flow resumes what a crash or a failing gateway interrupted. */
    private static void resume(LifecycleWorld w) {
        w.faults().disarm();
        w.advance(Duration.ofMinutes(1));
        w.flow().resume();
    }
}
