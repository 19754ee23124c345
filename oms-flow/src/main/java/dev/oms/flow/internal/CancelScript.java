package dev.oms.flow.internal;

import dev.oms.core.OrderCommand;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.LineId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.process.ProcessInput;
import dev.oms.spi.process.ProcessRecord.ProcessStep;
import dev.oms.spi.process.ProcessRecord.StepLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cancelling an order, a line or some units, at any stage. The target (every unshipped unit, or
 * the units asked for) is recorded first. Then, in rounds: the units that are unallocated are
 * cancelled on the order; for the rest, fulfilment orders that have not shipped them give them up
 * (least advanced first: their stock is released and the units go back to unallocated), and the
 * next round cancels those. Units that shipped meanwhile, or are in a parcel, cannot be cancelled
 * and are named in the result. A fulfilment order that ships concurrently is safe: giving up
 * units and shipping them are both version-checked changes of the fulfilment order, so each unit
 * does one or the other. Finally the money follows: what the cancellation changed of the shipped
 * value is captured or refunded, an order that ended releases its authorisation, and an order
 * whose every other unit was delivered completes.
 */
final class CancelScript implements Script {
    private static final int ROUNDS = 8;

    private final Engines e;
    private final Money money;

    CancelScript(Engines engines) {
        this.e = engines;
        this.money = new Money(engines);
    }

    @Override
    public void run(Run run) {
        ProcessInput.Cancel input = (ProcessInput.Cancel) run.record().input();
        OrderId id = input.orderId();
        run.orderIs(id);
        boolean whole = input.lines().isEmpty();
        ProcessStep target = run.once("target", () -> new ProcessStep("target", targetOf(input), Optional.empty(),
                whole ? "every unshipped unit" : "the units asked for"));
        Map<LineId, Quantity> wanted = Routing.byLine(target.lines());
        for (int round = 1; round <= ROUNDS; round++) {
            int r = round;
            Order order = e.orders().load(id);
            Optional<ProcessStep> decided = run.recorded("cancel-" + r);
            // a round that planned a give-back found nothing to cancel on the order: a resume
            // finishes that give-back first, whatever the order has unallocated now (an edit may
            // have added units since), or the units given up would stay allocated and reserved
            if (decided.isEmpty() && run.recorded("give-up-" + r).isEmpty()) {
                Map<LineId, Long> now = new LinkedHashMap<>();
                left(run, wanted).forEach((line, units) -> {
                    long free = Math.min(units, order.requireLine(line).quantities().unallocated().value());
                    if (free > 0) {
                        now.put(line, free);
                    }
                });
                if (!now.isEmpty()) {
                    List<StepLine> lines = new ArrayList<>();
                    now.forEach((line, q) -> lines.add(line(order.requireLine(line), Quantity.of(q), "")));
                    decided = Optional.of(run.once("cancel-" + r, () -> new ProcessStep("cancel-" + r, lines,
                            Optional.empty(), "cancel on the order")));
                }
            }
            if (decided.isPresent()) {
                ProcessStep d = decided.get();
                run.once("cancelled-" + r, () -> cancelOnOrder(run, "cancelled-" + r, order, d, input, whole));
            }
            Map<LineId, Long> left = left(run, wanted);
            if (left.isEmpty()) {
                break;
            }
            ProcessStep plan = run.recorded("give-up-" + r).orElse(null);
            if (plan == null) {
                List<StepLine> giveUp = GiveBack.plan(e.fulfillment().ofOrder(id), left, new LinkedHashMap<>());
                if (giveUp.isEmpty()) {
                    Map<LineId, Long> rest = left;
                    run.once("not-done:cancel", () -> new ProcessStep("not-done:cancel", shipped(order, rest),
                            Optional.empty(), "shipped or in a parcel"));
                    break;
                }
                plan = run.once("give-up-" + r, () -> new ProcessStep("give-up-" + r, giveUp, Optional.empty(),
                        "fulfilment orders give units back"));
            }
            Map<FulfillmentOrderId, List<LineQuantity>> byFo = new LinkedHashMap<>();
            for (StepLine l : plan.lines()) {
                byFo.computeIfAbsent(l.fulfillmentOrderId().orElseThrow(), k -> new ArrayList<>())
                        .add(new LineQuantity(l.lineId(), l.quantity()));
            }
            byFo.forEach((fo, lines) -> run.once("given-up-" + r + ":" + fo, () -> {
                try {
                    e.fulfillment().cancelUnits(fo, lines, input.reason().name().toLowerCase(java.util.Locale.ROOT),
                            run.key("given-up-" + r + ":" + fo));
                    return ProcessStep.done("given-up-" + r + ":" + fo);
                } catch (OmsException shippedMeanwhile) {
                    return new ProcessStep("given-up-" + r + ":" + fo, List.of(), Optional.empty(),
                            "refused: " + shippedMeanwhile.getMessage());
                }
            }));
        }
        money.settle(run, id);
        money.completeIfDone(run, id);
    }

    /** Every unshipped unit, or the units asked for. */
    private List<StepLine> targetOf(ProcessInput.Cancel input) {
        Order order = e.orders().load(input.orderId());
        List<StepLine> lines = new ArrayList<>();
        if (input.lines().isEmpty()) {
            for (OrderLine line : order.lines()) {
                if (line.quantities().unshipped().isPositive()) {
                    lines.add(line(line, line.quantities().unshipped(), ""));
                }
            }
        } else {
            for (LineQuantity lq : input.lines()) {
                lines.add(line(order.requireLine(lq.lineId()), lq.quantity(), ""));
            }
        }
        return lines;
    }

    /** Units of the target not cancelled yet by this process. */
    private static Map<LineId, Long> left(Run run, Map<LineId, Quantity> wanted) {
        Map<LineId, Long> left = new LinkedHashMap<>();
        wanted.forEach((line, q) -> left.put(line, q.value()));
        for (ProcessStep s : run.steps("cancelled-")) {
            for (StepLine l : s.lines()) {
                left.merge(l.lineId(), -l.quantity().value(), Long::sum);
            }
        }
        left.values().removeIf(v -> v <= 0);
        return left;
    }

    /**
     * Cancels the decided units on the order: one {@code Cancel} if that is every unshipped unit,
     * else line by line; records the units actually cancelled (a line routed concurrently keeps
     * its units, and the next round takes them from its fulfilment order).
     */
    private ProcessStep cancelOnOrder(Run run, String name, Order before, ProcessStep decided, ProcessInput.Cancel input,
            boolean whole) {
        Map<LineId, Long> units = new LinkedHashMap<>();
        decided.lines().forEach(l -> units.merge(l.lineId(), l.quantity().value(), Long::sum));
        Order order = e.orders().load(before.id());
        boolean everything = whole && order.lines().stream().allMatch(l -> l.quantities().shipped().isZero()
                && l.quantities().allocated().isZero()
                && l.quantities().unallocated().value() == units.getOrDefault(l.id(), 0L));
        List<StepLine> done = new ArrayList<>();
        if (everything || e.orders().recorded(run.key(name)).isPresent()) {
            e.orders().handle(order.id(), new OrderCommand.Cancel(input.reason(), input.note()), run.key(name));
            units.forEach((line, q) -> done.add(line(order.requireLine(line), Quantity.of(q), "")));
        } else {
            for (Map.Entry<LineId, Long> u : units.entrySet()) {
                try {
                    e.orders().handle(order.id(), new OrderCommand.CancelLine(u.getKey(), Quantity.of(u.getValue()),
                            input.reason(), input.note()), run.key(name + ":" + u.getKey()));
                    done.add(line(order.requireLine(u.getKey()), Quantity.of(u.getValue()), ""));
                } catch (OmsException allocatedMeanwhile) {
                    // routed concurrently: the next round takes them from the fulfilment order
                }
            }
        }
        return new ProcessStep(name, done, Optional.empty(), everything ? "the whole order" : "line by line");
    }

    private static List<StepLine> shipped(Order order, Map<LineId, Long> rest) {
        List<StepLine> lines = new ArrayList<>();
        rest.forEach((line, q) -> lines.add(line(order.requireLine(line), Quantity.of(q),
                "SKU " + order.requireLine(line).sku() + ": " + q + " units already shipped or in a parcel")));
        return lines;
    }

    private static StepLine line(OrderLine line, Quantity q, String note) {
        return new StepLine(line.id(), Optional.of(line.sku()), q, Optional.empty(), Optional.empty(), note);
    }
}
