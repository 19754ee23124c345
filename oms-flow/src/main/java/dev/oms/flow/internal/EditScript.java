package dev.oms.flow.internal;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderDecider.Decision;
import dev.oms.core.OrderTotals;
import dev.oms.flow.EditPlan;
import dev.oms.flow.EditPlan.StalePreviewException;
import dev.oms.fulfillment.RoutingPlan;
import dev.oms.inventory.ReservationOutcome;
import dev.oms.inventory.ReserveRequest;
import dev.oms.inventory.ReserveRequest.ReserveLine;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReservationId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentLine;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.inventory.Reservation.ReservePolicy;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.payment.PaymentMethod;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.process.ProcessRecord.StepLine;
import dev.oms.spi.process.ProcessRecord.WaitReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * Edits before and after allocation. The preview works out, without changing anything, which
 * units fulfilment orders not yet shipped give back (a lower quantity, a removed line, a new
 * address their location does not ship to), the order after the edit, the routing of every unit
 * that will be unallocated then (added units, increased quantities, units given back for the new
 * address), and the payment difference.
 *
 * <p>The commit applies exactly the preview: it refuses a stale one (the order or a fulfilment
 * order changed since) before anything; it reserves the planned stock first, all or nothing per
 * location, and if that is gone refuses as stale after releasing what it reserved; it authorises
 * the difference (a decline refuses the edit and records nothing on the order); then the
 * fulfilment orders give their units back, the edit is saved, and the new fulfilment orders are
 * created from the reservations. Units the preview could not route wait for stock.
 */
final class EditScript implements Script {

    private final Engines e;
    private final Money money;
    private final Routing routing;

    EditScript(Engines engines) {
        this.e = engines;
        this.money = new Money(engines);
        this.routing = new Routing(engines);
    }

    // ------------------------------------------------------------------ preview

    /**
     * @param orderId the order
     * @param edits the changes
     * @return the plan; nothing saved
     * @throws OmsException the typed refusal of the edit (for example units that already shipped)
     */
    EditPlan preview(OrderId orderId, List<OrderEdit> edits) {
        Order order = e.orders().load(orderId);
        if (order.status() != OrderStatus.PENDING && order.status() != OrderStatus.CONFIRMED
                && order.status() != OrderStatus.PROCESSING) {
            dev.oms.core.TransitionTable.check(order, dev.oms.core.OrderCommand.CommandKind.EDIT);
        }
        List<FulfillmentOrder> fos = e.fulfillment().ofOrder(orderId);
        Map<FulfillmentOrderId, Long> versions = new LinkedHashMap<>();
        fos.forEach(fo -> versions.put(fo.id(), fo.version()));
        Map<LineId, Long> giveBack = new LinkedHashMap<>();
        Optional<String> newCountry = Optional.empty();
        for (OrderEdit edit : edits) {
            requireNoMoreMadeToOrder(order, edit);
            if (edit instanceof OrderEdit.ChangeQuantity c) {
                OrderLine line = order.requireLine(c.lineId());
                long drop = line.quantities().unshipped().value() + line.quantities().shipped().value()
                        - c.openQuantity().value() - line.quantities().unallocated().value();
                if (drop > 0) {
                    giveBack.merge(c.lineId(), drop, Long::sum);
                }
            } else if (edit instanceof OrderEdit.RemoveLine r) {
                OrderLine line = order.requireLine(r.lineId());
                if (line.quantities().allocated().isPositive()) {
                    giveBack.merge(r.lineId(), line.quantities().allocated().value(), Long::sum);
                }
            } else if (edit instanceof OrderEdit.ChangeShippingAddress a) {
                newCountry = Optional.of(a.address().country());
            }
        }
        List<StepLine> release = new ArrayList<>(giveBackPlan(fos, giveBack, order));
        if (newCountry.isPresent() && order.header().pickupLocation().isEmpty()) {
            String country = newCountry.get();
            for (FulfillmentOrder fo : fos) {
                boolean serves = e.router().locations().stream().filter(l -> l.id().equals(fo.location()))
                        .findFirst().map(l -> l.serves(country)).orElse(true);
                if (!serves && GiveBack.CAN_GIVE_BACK.contains(fo.status()) && fo.status() != FulfillmentOrderStatus.PARTIALLY_SHIPPED) {
                    for (FulfillmentLine fl : fo.lines()) {
                        long already = release.stream().filter(l -> l.fulfillmentOrderId().filter(fo.id()::equals)
                                .isPresent() && l.lineId().equals(fl.lineId())).mapToLong(l -> l.quantity().value()).sum();
                        long open = fl.open().value() - already;
                        if (open > 0) {
                            release.add(new StepLine(fl.lineId(), Optional.of(fl.sku()), Quantity.of(open),
                                    Optional.of(fo.location()), Optional.of(fo.id()), fo.location()
                                    + " does not ship to " + country));
                        }
                    }
                }
            }
        }
        Order freed = order;
        for (StepLine l : release) {
            freed = e.orders().decider().decide(freed, new OrderCommand.Deallocate(l.location().orElseThrow(),
                    List.of(new LineQuantity(l.lineId(), l.quantity())))).orThrow().order();
        }
        Order after = e.orders().decider().decide(freed, new OrderCommand.Edit(edits)).orThrow().order();
        List<StepLine> reserve = new ArrayList<>();
        List<StepLine> notRouted = new ArrayList<>();
        if (routing.routable(after) && after.status() != OrderStatus.PENDING) {
            RoutingPlan plan = e.router().route(routing.request(after));
            for (RoutingPlan.Shipment s : plan.shipments()) {
                for (LineQuantity lq : s.lines()) {
                    reserve.add(new StepLine(lq.lineId(), Optional.of(after.requireLine(lq.lineId()).sku()), lq.quantity(),
                            Optional.of(s.location()), Optional.empty(), ""));
                }
            }
            for (RoutingPlan.Unrouted u : plan.unrouted()) {
                OrderLine line = after.requireLine(u.lineId());
                notRouted.add(new StepLine(u.lineId(), Optional.of(line.sku()), u.quantity(), Optional.empty(),
                        Optional.empty(), "SKU " + line.sku() + ": " + u.reason()));
            }
        }
        return new EditPlan(orderId, order.version(), versions, edits, OrderTotals.of(order), OrderTotals.of(after),
                release, reserve, notRouted);
    }

    /**
     * Made-to-order units are planned and made when the order is accepted: an edit may lower them
     * (the units cancelled are not made), never add any; order them anew instead.
     */
    private void requireNoMoreMadeToOrder(Order order, OrderEdit edit) {
        boolean more = false;
        if (edit instanceof OrderEdit.AddLine a) {
            more = e.production().recipeFor(a.line().sku()).isPresent();
        } else if (edit instanceof OrderEdit.ChangeQuantity c) {
            OrderLine line = order.requireLine(c.lineId());
            more = routing.madeToOrder(line) && c.openQuantity().value() > line.quantities().open().value();
        }
        if (more) {
            throw new RuleViolationException(order.id(), "made-to-order-edit", "a made-to-order line is planned and "
                    + "made when the order is accepted: an edit can lower it, not add to it; place a new order");
        }
    }

    /** Which fulfilment orders give back which units of lines that shrink; refused if parcels hold more than the edit leaves. */
    private static List<StepLine> giveBackPlan(List<FulfillmentOrder> all, Map<LineId, Long> giveBack, Order order) {
        Map<LineId, Long> shipped = new LinkedHashMap<>();
        List<StepLine> plan = GiveBack.plan(all, giveBack, shipped);
        shipped.forEach((line, units) -> {
            throw new RuleViolationException(order.id(), "edit-unfulfilled-part", "line " + line + " has " + units
                    + " units more in parcels than the edit leaves; they shipped, return them instead");
        });
        return plan;
    }

    // ------------------------------------------------------------------ commit

    @Override
    public void run(Run run) {
        ProcessInput.Edit input = (ProcessInput.Edit) run.record().input();
        OrderId id = input.orderId();
        run.orderIs(id);
        if (run.count("wake-") > 0) {
            routeWaiting(run, id);
            return;
        }
        ProcessStep planned = run.recorded("plan").orElseThrow(() -> new IllegalStateException(
                "an edit process starts with its plan"));
        Map<LocationId, List<StepLine>> reserveAt = new LinkedHashMap<>();
        List<StepLine> release = new ArrayList<>();
        for (StepLine l : planned.lines()) {
            if (l.fulfillmentOrderId().isPresent()) {
                release.add(l);
            } else if (l.location().isPresent()) {
                reserveAt.computeIfAbsent(l.location().get(), k -> new ArrayList<>()).add(l);
            }
        }
        Map<LocationId, ReservationId> reserved = new LinkedHashMap<>();
        for (Map.Entry<LocationId, List<StepLine>> at : reserveAt.entrySet()) {
            String name = "reserve:" + at.getKey();
            ProcessStep step = run.once(name, () -> reserve(run, name, id, at.getKey(), at.getValue()));
            if (step.note().startsWith("refused")) {
                compensate(run, reserved);
                throw new StalePreviewException(id, "the stock it routed is gone (" + step.note() + ")");
            }
            reserved.put(at.getKey(), dev.oms.spi.ReservationId.of(step.note()));
        }
        if (planned.amount().filter(a -> a.isPositive()).isPresent()) {
            // the method is decided (and recorded) before the provider is asked: a resume asks on
            // the same one, and knows that a call may have reached the provider
            // (a record from before this step existed that is run again counts as a repeat too)
            boolean repeat = run.done("authorising") || run.record().attempts() > 1;
            ProcessStep asked = run.once("authorising", () -> new ProcessStep("authorising", List.of(), planned.amount(),
                    money.topUpMethodOf(e.orders().load(id)).map(m -> m.kind() + " " + m.id()).orElse("")));
            Optional<PaymentMethod> method = asked.note().isEmpty() ? Optional.empty()
                    : Optional.of(PaymentMethod.of(asked.note().substring(asked.note().indexOf(' ') + 1),
                            PaymentMethod.Kind.valueOf(asked.note().substring(0, asked.note().indexOf(' ')))));
            ProcessStep paid = run.once("authorise", () -> {
                MonetaryAmount amount = planned.amount().get();
                try {
                    // an order paid several ways pays an edit that costs more on its card, if it has one
                    if (method.isPresent()) {
                        e.payments().authoriseAdditional(id, method.get(), amount, run.key("authorise"));
                    } else {
                        e.payments().authoriseAdditional(id, amount, run.key("authorise"));
                    }
                    return new ProcessStep("authorise", List.of(), planned.amount(), "authorised");
                } catch (dev.oms.core.OrderPayments.PaymentDeclinedException declined) {
                    return new ProcessStep("authorise", List.of(), Optional.empty(), "declined: " + declined.providerReason());
                } catch (dev.oms.spi.StaleVersionException again) {
                    throw again;
                } catch (OmsException refused) {
                    // the run before may have been approved and died before the record
                    String released = repeat ? "; " + Money.describeRelease(e.payments().releaseUnrecorded(id, method,
                            amount, run.key("authorise"))) : "";
                    return new ProcessStep("authorise", List.of(), Optional.empty(), "refused: " + refused.getMessage()
                            + released);
                }
            });
            if (paid.note().startsWith("declined")) {
                compensate(run, reserved);
                throw new dev.oms.core.OrderPayments.PaymentDeclinedException(id, "authorise", paid.note());
            }
            if (paid.note().startsWith("refused")) {
                compensate(run, reserved);
                throw new StalePreviewException(id, "the order changed while the edit was applied (" + paid.note() + ")");
            }
        }
        Map<FulfillmentOrderId, List<LineQuantity>> byFo = new LinkedHashMap<>();
        release.forEach(l -> byFo.computeIfAbsent(l.fulfillmentOrderId().get(), k -> new ArrayList<>())
                .add(new LineQuantity(l.lineId(), l.quantity())));
        byFo.forEach((fo, lines) -> run.once("give-back:" + fo, () -> {
            try {
                e.fulfillment().cancelUnits(fo, lines, "edit", run.key("give-back:" + fo));
                return ProcessStep.done("give-back:" + fo);
            } catch (OmsException shipped) {
                return new ProcessStep("give-back:" + fo, List.of(), Optional.empty(), "refused: " + shipped.getMessage());
            }
        }));
        ProcessStep edited = run.once("edit", () -> {
            try {
                e.orders().handle(id, new OrderCommand.Edit(input.edits()), run.key("edit"));
                return ProcessStep.done("edit");
            } catch (OmsException refused) {
                return new ProcessStep("edit", List.of(), Optional.empty(), "refused: " + refused.getMessage());
            }
        });
        if (edited.note().startsWith("refused")) {
            compensate(run, reserved);
            routing.route(run, id, "undo");
            run.finish(ProcessStatus.FAILED, Optional.of(edited.note()));
            throw new StalePreviewException(id, "the order changed while the edit was applied (" + edited.note() + ")");
        }
        if (planned.amount().filter(MonetaryAmount::isPositive).isPresent()) {
            // before the new units get fulfilment orders: if the order now waits for an approver,
            // they are not allocated (their stock goes back) and are routed once it is approved
            run.once("approval", () -> reapprove(run, id));
        }
        for (Map.Entry<LocationId, ReservationId> at : reserved.entrySet()) {
            String name = "fo:" + at.getKey();
            List<LineQuantity> lines = reserveAt.get(at.getKey()).stream()
                    .map(l -> new LineQuantity(l.lineId(), l.quantity())).toList();
            run.once(name, () -> {
                try {
                    FulfillmentOrder fo = e.fulfillment().create(id, at.getKey(), lines, at.getValue(), run.key(name));
                    return new ProcessStep(name, reserveAt.get(at.getKey()).stream().map(l -> new StepLine(l.lineId(),
                            l.sku(), l.quantity(), l.location(), Optional.of(fo.id()), "")).toList(), Optional.empty(), "");
                } catch (OmsException refused) {
                    return new ProcessStep(name, List.of(), Optional.empty(), "refused: " + refused.getMessage());
                }
            });
        }
        money.settle(run, id);
        money.completeIfDone(run, id);
        routeWaiting(run, id);
    }

    /**
     * An edit that raised a business order's total asks the host's approval policy again: if it
     * names an approver for the new total, the order and its open fulfilment orders wait on an
     * approval hold, released by {@code approve} (and the order cancelled by {@code reject}).
     */
    private ProcessStep reapprove(Run run, OrderId id) {
        Order order = e.orders().load(id);
        if (order.header().b2b().isEmpty() || order.holds().stream().anyMatch(h -> h.type() == HoldType.APPROVAL)) {
            return new ProcessStep("approval", List.of(), Optional.empty(), "not asked");
        }
        Optional<String> approver = AcceptScript.approverAtTotal(e, order);
        if (approver.isEmpty()) {
            return new ProcessStep("approval", List.of(), Optional.empty(), "within the buyer's limit");
        }
        String code = approver.get();
        HoldScript.holdEverywhere(e, run, "approval/", id, HoldType.APPROVAL, code, "the edit raised the total to "
                + dev.oms.spi.Amounts.format(OrderTotals.of(order).grandTotal()) + "; waits for approval by " + code);
        return new ProcessStep("approval", List.of(), Optional.empty(), "waits for " + code);
    }

    /** Units still unallocated after the edit (or its routing) wait for stock. */
    private void routeWaiting(Run run, OrderId id) {
        String round = String.valueOf(run.count("wake-") + 1);
        List<StepLine> notRouted = routing.route(run, id, round);
        run.once("not-routed@" + round, () -> new ProcessStep("not-routed@" + round, notRouted, Optional.empty(), ""));
        Order order = e.orders().load(id);
        if (order.isOnHold() && routing.unrouted(order) > 0 && order.status() != OrderStatus.CANCELLED) {
            run.park(WaitReason.HOLD, Optional.empty()); // routed when the hold (an approval, say) is released
        }
        if (routing.routable(order)) {
            run.park(WaitReason.STOCK, e.policy().backorderAfter().map(d -> run.record().startedAt().plus(d)));
        }
    }

    private ProcessStep reserve(Run run, String name, OrderId id, LocationId location, List<StepLine> lines) {
        List<ReserveLine> request = lines.stream().map(l -> new ReserveLine(l.lineId(), l.sku().orElseThrow(), location,
                l.quantity())).toList();
        ReservationOutcome outcome = e.inventory().reserve(new ReserveRequest(id, request, ReservePolicy.ALL_OR_NOTHING,
                Optional.empty(), 0), run.key(name));
        return outcome.reservation().filter(r -> r.status().isActive())
                .map(r -> new ProcessStep(name, List.of(), Optional.empty(), r.id().value()))
                .orElse(new ProcessStep(name, List.of(), Optional.empty(), "refused at " + location));
    }

    /** Releases the reservations this edit made, then ends it as failed. */
    private void compensate(Run run, Map<LocationId, ReservationId> reserved) {
        reserved.forEach((location, reservation) -> run.once("unreserve:" + location,
                () -> e.inventory().release(reservation, run.key("unreserve:" + location))));
        run.finish(ProcessStatus.FAILED, Optional.of("refused; nothing of it stays"));
    }

    /** The plan as the edit process's first step: released units (with their fulfilment order), planned units (with a location). */
    static ProcessStep planStep(EditPlan plan) {
        List<StepLine> lines = new ArrayList<>(plan.release());
        lines.addAll(plan.reserve());
        return new ProcessStep("plan", lines, Optional.of(plan.difference()), "previewed at version "
                + plan.baseVersion());
    }

    /** Refuses a preview the order or its fulfilment orders moved on from. */
    void requireCurrent(EditPlan plan) {
        Order order = e.orders().load(plan.orderId());
        if (order.version() != plan.baseVersion()) {
            throw new StalePreviewException(plan.orderId(), "the order is at version " + order.version()
                    + ", the preview at " + plan.baseVersion());
        }
        Map<FulfillmentOrderId, Long> now = new LinkedHashMap<>();
        e.fulfillment().ofOrder(plan.orderId()).forEach(fo -> now.put(fo.id(), fo.version()));
        if (!now.equals(plan.fulfillmentVersions())) {
            throw new StalePreviewException(plan.orderId(), "its fulfilment orders changed");
        }
        if (e.orders().decider().decide(order, new OrderCommand.Edit(plan.edits())) instanceof Decision.Rejected r
                && !(r.reason() instanceof RuleViolationException)) {
            throw r.reason();
        }
    }
}
