package dev.oms.testkit;

import dev.oms.core.OrderInvariants;
import dev.oms.core.internal.shared.ShippedValue;
import dev.oms.flow.OrderFlow;
import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Sku;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.PaymentCaptured;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentLine;
import dev.oms.spi.inventory.Reservation;
import dev.oms.spi.inventory.Reservation.ReservedLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessKind;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.money.MonetaryAmount;

/**
 * The invariants that hold across the modules of an {@link OrderFlow}, as reusable checks for a
 * host's own runs (after each step of a simulation, after a resume, in an audit of stored data).
 *
 * <p>Some hold after every step, whatever crashed or is still running:
 * <ul>
 *   <li>each order's own invariants ({@link OrderInvariants}), and its events rebuild it, as a
 *       fulfilment order's and a return's events rebuild them;</li>
 *   <li>every fulfilment order's lines lie within its order's lines: the same SKU, and per line at
 *       most the order's open units given to fulfilment orders;</li>
 *   <li>no shipped unit of a cancelled line: per line, the units fulfilment orders shipped never
 *       exceed what the order did not cancel, and a cancelled order has nothing shipped and no open
 *       fulfilment order;</li>
 *   <li>no oversell, and the stock ledger reconciles.</li>
 * </ul>
 * The others hold once no process of the order is running and no money decision is left to carry
 * out ("at rest": after it finished, or parked waiting, or after {@link OrderFlow#resume()}
 * finished what a crash interrupted):
 * <ul>
 *   <li>held stock equals allocated minus shipped, per order and location: what the order's
 *       active reservations hold at a location is what its fulfilment orders there still have
 *       open, and per line the order's allocated units are the fulfilment orders' open units and
 *       its shipped units theirs;</li>
 *   <li>captured equals the value shipped (what the shipped units are worth, as captures count it): once nothing is left to ship
 *       (or the order ended), {@code captured - (refunded - refunds of returns)} is exactly the
 *       shipped value (or an exchange's prepaid credit, if larger), so it never exceeds the grand
 *       total; while units are still to ship it is never less (a value that dips while the order
 *       runs is not refunded and captured again); refunded never exceeds captured. One case is
 *       more when settled: a return refunded every unit's share as it stood then (its shares
 *       frozen at the first refund), an edit afterwards lowered the value shipped (cancelling
 *       open units moves an order discount onto the shipped ones), and everything captured is
 *       refunded already, so no money is left to refund the difference from.</li>
 * </ul>
 * Each check throws an {@link AssertionError} naming the step, the order and every rule broken,
 * with the figures. Stateless and thread-safe.
 */
public final class FlowInvariants {
    private FlowInvariants() {
    }

    /**
     * Checks every invariant of the flow for the orders and SKUs.
     *
     * @param flow the flow
     * @param orders the orders to check
     * @param skus the SKUs to check for oversell and the ledger
     * @param step what happened last, for the message
     * @throws AssertionError naming the step, the order and every broken rule
     */
    public static void check(OrderFlow flow, Collection<OrderId> orders, Collection<Sku> skus, String step) {
        InvalidInputException.requireNonNull(flow, "flow");
        List<String> broken = new ArrayList<>();
        for (OrderId id : InvalidInputException.requireNonNull(orders, "orders")) {
            broken.addAll(violations(flow, id));
        }
        if (!broken.isEmpty()) {
            throw new AssertionError("after " + step + ": " + String.join("\n  ", broken));
        }
        Invariants.noOversell(flow.inventory(), skus, step);
        Invariants.ledgerReconciles(flow.inventory(), skus, step);
    }

    /**
     * @param flow the flow
     * @param orderId an order
     * @return whether no process of the order is running
     */
    public static boolean atRest(OrderFlow flow, OrderId orderId) {
        for (ProcessRecord p : flow.processesOf(orderId)) {
            if (p.status() == ProcessStatus.RUNNING) {
                return false;
            }
            if (p.kind() == ProcessKind.PAYMENTS && p.steps().stream().anyMatch(s -> s.name().startsWith("d")
                    && p.step("x" + s.name().substring(1, s.name().indexOf(':'))).isEmpty())) {
                return false; // a money decision a crash left to carry out
            }
        }
        return true;
    }

    /**
     * @param flow the flow
     * @param orderId an order
     * @return every invariant the order breaks across the modules, in words; empty if none
     */
    public static List<String> violations(OrderFlow flow, OrderId orderId) {
        Order order = flow.orders().load(orderId);
        String at = "order " + orderId + " (" + order.status() + ", v" + order.version() + "): ";
        List<String> out = new ArrayList<>();
        OrderInvariants.violations(order).forEach(v -> out.add(at + v));
        List<OrderEvent> history = flow.orders().history(orderId);
        if (!flow.orders().decider().replay(history).equals(order)) {
            out.add(at + "its events do not rebuild it");
        }
        List<FulfillmentOrder> fos = flow.fulfillment().ofOrder(orderId);
        Map<LineId, Long> given = new HashMap<>();
        Map<LineId, Long> open = new HashMap<>();
        Map<LineId, Long> shipped = new HashMap<>();
        Map<LocationId, Long> openAt = new HashMap<>();
        for (FulfillmentOrder fo : fos) {
            if (!flow.fulfillment().decider().replay(flow.fulfillment().history(fo.id())).equals(fo)) {
                out.add(at + "the events of fulfilment order " + fo.id() + " do not rebuild it");
            }
            for (FulfillmentLine fl : fo.lines()) {
                OrderLine line = order.line(fl.lineId()).orElse(null);
                if (line == null || !line.sku().equals(fl.sku())) {
                    out.add(at + "fulfilment order " + fo.id() + " has line " + fl.lineId() + " (" + fl.sku()
                            + ") the order does not have");
                    continue;
                }
                given.merge(fl.lineId(), fl.quantity().value() - fl.cancelled().value(), Long::sum);
                open.merge(fl.lineId(), fl.open().value(), Long::sum);
                shipped.merge(fl.lineId(), fl.shipped().value(), Long::sum);
                openAt.merge(fo.location(), fl.open().value(), Long::sum);
            }
        }
        for (OrderLine line : order.lines()) {
            long lineOpen = line.quantities().open().value();
            if (given.getOrDefault(line.id(), 0L) > lineOpen) {
                out.add(at + "line " + line.id() + ": fulfilment orders were given " + given.get(line.id())
                        + " units, the order has " + lineOpen + " open");
            }
            if (shipped.getOrDefault(line.id(), 0L) > lineOpen) {
                out.add(at + "line " + line.id() + ": fulfilment orders shipped " + shipped.get(line.id())
                        + " units of " + lineOpen + " not cancelled");
            }
        }
        if (order.status() == OrderStatus.CANCELLED && (shipped.values().stream().anyMatch(v -> v > 0)
                || open.values().stream().anyMatch(v -> v > 0))) {
            out.add(at + "cancelled, but a fulfilment order shipped or still has open units");
        }
        List<ReturnRequest> returns = flow.returns().ofOrder(orderId);
        for (ReturnRequest r : returns) {
            if (!flow.returns().decider().replay(flow.returns().history(r.id())).equals(r)) {
                out.add(at + "the events of return " + r.id() + " do not rebuild it");
            }
        }
        if (!atRest(flow, orderId)) {
            return out;
        }
        for (OrderLine line : order.lines()) {
            if (line.quantities().allocated().value() != open.getOrDefault(line.id(), 0L)) {
                out.add(at + "line " + line.id() + ": allocated " + line.quantities().allocated()
                        + " but fulfilment orders have " + open.getOrDefault(line.id(), 0L) + " open");
            }
            if (line.quantities().shipped().value() != shipped.getOrDefault(line.id(), 0L)) {
                out.add(at + "line " + line.id() + ": shipped " + line.quantities().shipped()
                        + " but fulfilment orders shipped " + shipped.getOrDefault(line.id(), 0L));
            }
        }
        Map<LocationId, Long> held = new HashMap<>();
        // a converted quote's holds that its acceptance has not taken over yet (the order waits for
        // approval, say) are kept for the quote's life: not stock held for fulfilment
        java.util.Set<String> quoteHolds = new java.util.HashSet<>();
        for (dev.oms.spi.process.ProcessRecord p : flow.processesOf(orderId)) {
            if (p.step("quote-stock").isEmpty()) {
                p.step("quote-held").ifPresent(s -> s.lines().forEach(l -> quoteHolds.add(l.note())));
            }
        }
        for (Reservation r : flow.inventory().reservationsOf(orderId)) {
            if (r.status().isActive() && !quoteHolds.contains(r.id().value())) {
                for (ReservedLine l : r.lines()) {
                    held.merge(l.position().location(), l.held().value(), Long::sum);
                }
            }
        }
        held.values().removeIf(v -> v == 0);
        openAt.values().removeIf(v -> v == 0);
        if (!held.equals(openAt)) {
            out.add(at + "held stock " + held + " is not what its fulfilment orders have open " + openAt);
        }
        MonetaryAmount credit = Amounts.zero(order.currency());
        for (OrderEvent e : history) {
            if (e instanceof PaymentCaptured c && c.reference().value().startsWith("exchange:")) {
                credit = credit.add(c.amount());
            }
        }
        MonetaryAmount returnRefunds = Amounts.zero(order.currency());
        for (ReturnRequest r : returns) {
            for (ReturnEvent e : flow.returns().history(r.id())) {
                if (e instanceof ReturnEvent.Refunded refunded) {
                    returnRefunds = returnRefunds.add(refunded.amount());
                } else if (e instanceof ReturnEvent.Exchanged exchanged) {
                    returnRefunds = returnRefunds.add(exchanged.credit()).add(exchanged.refunded());
                }
            }
        }
        MonetaryAmount value = ShippedValue.of(order);
        MonetaryAmount expected = value.isGreaterThan(credit) ? value : credit;
        MonetaryAmount net = order.payments().captured().subtract(order.payments().refunded().subtract(returnRefunds));
        boolean settled = order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.COMPLETED
                || order.status() == OrderStatus.ARCHIVED
                || order.lines().stream().allMatch(l -> l.quantities().unshipped().isZero());
        // an edit that lowers the value shipped after a return refunded everything captured leaves
        // nothing to refund the difference from: the customer has all their money back already
        boolean nothingLeftToRefund = net.isGreaterThan(expected)
                && order.payments().refunded().isEqualTo(order.payments().captured());
        if (settled ? !net.isEqualTo(expected) && !nothingLeftToRefund : net.isLessThan(expected)) {
            out.add(at + "captured " + order.payments().captured() + " - (refunded " + order.payments().refunded()
                    + " - refunds of returns " + returnRefunds + ") = " + net + ", but the value shipped is " + value
                    + (credit.isZero() ? "" : " (prepaid credit " + credit + ")"));
        }
        return out;
    }
}
