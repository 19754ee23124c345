package dev.oms.flow.internal;

import dev.oms.fulfillment.RoutingPlan;
import dev.oms.fulfillment.RoutingRequest;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.process.ProcessRecord.StepLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Routes an order's unallocated units into fulfilment orders, in rounds recorded as steps.
 *
 * <p>A round is a plan (step {@code route@<round>.<n>}: units per location, and the units no
 * location could take with the reason) followed by one step per planned location (reserve there
 * all or nothing, then the fulfilment order and its allocation). A location whose stock went
 * since the plan gives its units back, and the next plan of the round routes them elsewhere (at
 * most three plans per round). A resume replays the recorded plans and finishes their locations;
 * it never plans again over units a recorded plan already placed.
 */
final class Routing {
    private static final int PLANS_PER_ROUND = 3;

    private final Engines e;

    Routing(Engines engines) {
        this.e = engines;
    }

    /**
     * @param run the process
     * @param orderId the order
     * @param round which round (a process routes again after it waited for stock)
     * @return the units this round could not route, with reasons
     */
    List<StepLine> route(Run run, OrderId orderId, String round) {
        List<StepLine> notDone = new ArrayList<>();
        for (int n = 1; n <= PLANS_PER_ROUND; n++) {
            String planName = "route@" + round + "." + n;
            Optional<ProcessStep> recorded = run.recorded(planName);
            if (recorded.isEmpty()) {
                Order loaded = e.orders().load(orderId);
                if (n == 1 && !run.done(QuoteHolds.STEP) && run.done(QuoteHolds.HELD) && routable(loaded)) {
                    Order confirmed = loaded; // a converted quote's held stock becomes fulfilment orders first
                    run.once(QuoteHolds.STEP, () -> QuoteHolds.takeOver(e, run, confirmed));
                    loaded = e.orders().load(orderId);
                }
                Order order = loaded;
                if (!routable(order)) {
                    break;
                }
                recorded = Optional.of(run.once(planName, () -> plan(planName, order)));
            }
            notDone.clear();
            boolean refused = false;
            Map<LocationId, List<StepLine>> byLocation = new LinkedHashMap<>();
            for (StepLine line : recorded.get().lines()) {
                if (line.location().isPresent()) {
                    byLocation.computeIfAbsent(line.location().get(), k -> new ArrayList<>()).add(line);
                } else {
                    notDone.add(line);
                }
            }
            for (Map.Entry<LocationId, List<StepLine>> at : byLocation.entrySet()) {
                String name = "fo@" + round + "." + n + ":" + at.getKey();
                ProcessStep created = run.once(name, () -> createAt(run, name, orderId, at.getKey(), at.getValue()));
                for (StepLine line : created.lines()) {
                    if (line.fulfillmentOrderId().isEmpty()) {
                        refused = true;
                        notDone.add(line);
                    }
                }
            }
            if (!refused) {
                break;
            }
        }
        return notDone;
    }

    /**
     * Releases what a recorded plan reserved at a location whose fulfilment order was never
     * created (a crash between the two), for a process that will not finish that plan (its order
     * ended). Idempotent by keys derived from the location's step.
     *
     * @param run the process
     */
    void giveBackUnfinished(Run run) {
        for (ProcessStep plan : run.steps("route@")) {
            String round = plan.name().substring("route@".length());
            plan.lines().stream().flatMap(l -> l.location().stream()).distinct().forEach(at -> {
                String name = "fo@" + round + ":" + at;
                if (run.recorded(name).isEmpty()) {
                    e.inventory().outcomeOf(run.key(name + ":reserve")).flatMap(ReservationOutcome::reservation)
                            .filter(r -> r.status().isActive())
                            .ifPresent(r -> e.inventory().release(r.id(), run.key(name + ":give-back")));
                }
            });
        }
    }

    /** Whether the order has units to route from stock and may be routed now. */
    boolean routable(Order order) {
        if (order.status() != OrderStatus.CONFIRMED && order.status() != OrderStatus.PROCESSING) {
            return false;
        }
        return !order.isOnHold() && unrouted(order) > 0;
    }

    /** @return the unallocated units of the order's lines sold from stock (made-to-order lines wait for production) */
    long unrouted(Order order) {
        long units = 0;
        for (OrderLine line : order.lines()) {
            if (!madeToOrder(line)) {
                units += line.quantities().unallocated().value();
            }
        }
        return units;
    }

    /**
     * @param order an order with units to route from stock ({@link #routable})
     * @return the request for its unallocated units, made-to-order lines left out
     */
    RoutingRequest request(Order order) {
        RoutingRequest all = RoutingRequest.forOrder(order);
        if (e.production() == dev.oms.flow.Production.NONE) {
            return all;
        }
        List<RoutingRequest.RouteLine> fromStock = all.lines().stream()
                .filter(l -> !madeToOrder(order.requireLine(l.lineId()))).toList();
        return new RoutingRequest(all.destination(), all.serviceLevel(), all.pickupLocation(), fromStock,
                all.excluded(), all.routingSafetyStock(), all.minimumShipmentValue(), all.splitPolicy(), all.shipBy());
    }

    boolean madeToOrder(OrderLine line) {
        return e.production() != dev.oms.flow.Production.NONE && e.production().recipeFor(line.sku()).isPresent();
    }

    private ProcessStep plan(String name, Order order) {
        RoutingPlan plan = e.router().route(request(order));
        List<StepLine> lines = new ArrayList<>();
        for (RoutingPlan.Shipment shipment : plan.shipments()) {
            for (LineQuantity lq : shipment.lines()) {
                lines.add(new StepLine(lq.lineId(), Optional.of(order.requireLine(lq.lineId()).sku()), lq.quantity(),
                        Optional.of(shipment.location()), Optional.empty(), ""));
            }
        }
        for (RoutingPlan.Unrouted u : plan.unrouted()) {
            OrderLine line = order.requireLine(u.lineId());
            lines.add(new StepLine(u.lineId(), Optional.of(line.sku()), u.quantity(), Optional.empty(), Optional.empty(),
                    "SKU " + line.sku() + ": " + u.reason() + excluded(plan)));
        }
        return new ProcessStep(name, lines, Optional.empty(), plan.shipments().size() + " locations");
    }

    /** The rules that excluded locations, for the reason of unrouted units. */
    private static String excluded(RoutingPlan plan) {
        StringJoiner out = new StringJoiner(", ", " (", ")").setEmptyValue("");
        int shown = 0;
        for (RoutingPlan.Verdict v : plan.explanation()) {
            if (v instanceof RoutingPlan.Excluded x && shown++ < 6) {
                out.add(x.location() + " excluded by " + x.rule());
            } else if (v instanceof RoutingPlan.Ranked r && shown++ < 6) {
                out.add(r.location() + " can supply " + r.coverableUnits());
            }
        }
        return out.toString();
    }

    /** Reserves the planned units at one location and creates their fulfilment order; refusals become lines without one. */
    ProcessStep createAt(Run run, String name, OrderId orderId, LocationId location, List<StepLine> planned) {
        List<ReserveLine> reserve = new ArrayList<>();
        List<LineQuantity> lines = new ArrayList<>();
        for (StepLine l : planned) {
            reserve.add(new ReserveLine(l.lineId(), l.sku().orElseThrow(), location, l.quantity()));
            lines.add(new LineQuantity(l.lineId(), l.quantity()));
        }
        String why;
        try {
            ReservationOutcome outcome = e.inventory().reserve(new ReserveRequest(orderId, reserve,
                    ReservePolicy.ALL_OR_NOTHING, Optional.empty(), 0), run.key(name + ":reserve"));
            if (outcome.reservation().isPresent() && outcome.reservation().get().status().isActive()) {
                FulfillmentOrder fo = e.fulfillment().create(orderId, location, lines,
                        outcome.reservation().get().id(), run.key(name));
                return new ProcessStep(name, with(planned, fo.id(), ""), Optional.empty(), "created " + fo.id());
            }
            StringJoiner short_ = new StringJoiner("; ");
            outcome.shortfalls().forEach(s -> short_.add("SKU " + s.sku() + " at " + s.location() + ": "
                    + s.reserved() + " of " + s.requested() + " available"));
            why = "stock changed since routing: " + short_;
        } catch (OmsException refused) {
            why = refused.getMessage();
        }
        return new ProcessStep(name, without(planned, "at " + location + ": " + why), Optional.empty(), "not created");
    }

    private static List<StepLine> with(List<StepLine> planned, FulfillmentOrderId fo, String note) {
        return planned.stream().map(l -> new StepLine(l.lineId(), l.sku(), l.quantity(), l.location(), Optional.of(fo),
                note)).toList();
    }

    private static List<StepLine> without(List<StepLine> planned, String note) {
        String n = note.length() > 1000 ? note.substring(0, 1000) : note;
        return planned.stream().map(l -> new StepLine(l.lineId(), l.sku(), l.quantity(), l.location(),
                Optional.empty(), n)).toList();
    }

    /** @return the units of a line named by steps, summed */
    static Map<LineId, Quantity> byLine(List<StepLine> lines) {
        Map<LineId, Quantity> sum = new LinkedHashMap<>();
        lines.forEach(l -> sum.merge(l.lineId(), l.quantity(), Quantity::plus));
        return sum;
    }
}
