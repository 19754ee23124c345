package dev.oms.core.internal.shared;

import dev.oms.core.MoneyAllocation;
import dev.oms.core.OrderDecider;
import dev.oms.core.OrderTotals;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import java.util.List;
import java.util.function.Predicate;
import javax.money.MonetaryAmount;

/**
 * What the shipped units of an order are worth: the part of the grand total a merchant may
 * capture for what has left.
 *
 * <p>The grand total is split over the lines by their value (merchandise after discounts, plus
 * tax) exactly ({@link MoneyAllocation}); each line's part counts in full once every open unit of
 * the line shipped, otherwise the floor of its shipped share. So the value only grows as units
 * ship, and equals the grand total once everything open shipped. Where the order's amount due
 * is cash-rounded, the split is in whole increments, so every part is a multiple of the increment.
 *
 * <p>{@link #changedBy} attributes changes of the value to the events that caused them: replaying
 * an order's history, every event changes the value by {@code of(after) - of(before)}, and the
 * changes of all events add up to {@code of(order now)}. A capture per shipment made from the
 * change its own events caused therefore never takes more than the grand total in total, whatever
 * other captures did or did not get recorded (a provider that took the money and timed out, say);
 * FulfillmentService captures each parcel that way. (The order flow serialises every money
 * decision of an order through one record instead, see oms-flow.)
 * Stateless and thread-safe.
 */
public final class ShippedValue {
    private ShippedValue() {
    }

    /**
     * @param order an order
     * @return the value of its shipped units, at most its grand total
     */
    public static MonetaryAmount of(Order order) {
        InvalidInputException.requireNonNull(order, "order");
        List<OrderLine> lines = order.lines();
        OrderTotals totals = OrderTotals.of(order);
        boolean net = totals.basis() == dev.oms.spi.order.TaxPolicy.PriceBasis.TAX_EXCLUSIVE;
        dev.oms.spi.order.Pricing pricing = order.header().pricing();
        long[] weights = new long[lines.size()];
        for (int i = 0; i < weights.length; i++) {
            OrderLine l = lines.get(i);
            MonetaryAmount merchandise = l.netMerchandise(pricing);
            MonetaryAmount value = net ? merchandise.add(totals.lineTaxes().get(l.id())) : merchandise;
            weights[i] = MoneyAllocation.minorUnits(value, "line " + l.id() + " value");
        }
        // the split is in steps: one minor unit, or the cash increment the grand total is a multiple of
        long step = pricing.cashRounding().map(c -> c.minorUnits(order.currency())).orElse(1L);
        long steps = MoneyAllocation.minorUnits(totals.grandTotal(), "grand total") / step;
        MonetaryAmount zero = totals.grandTotal().multiply(0);
        List<MonetaryAmount> shares = MoneyAllocation.allocate(MoneyAllocation.ofMinorUnits(steps, zero), weights);
        long total = 0;
        for (int i = 0; i < lines.size(); i++) {
            long open = lines.get(i).quantities().open().value();
            long shipped = lines.get(i).quantities().shipped().value();
            if (open == 0 || shipped == 0) {
                continue;
            }
            long share = MoneyAllocation.minorUnits(shares.get(i), "line " + lines.get(i).id() + " share");
            total = Math.addExact(total, MoneyAllocation.part(share, shipped, open));
        }
        return MoneyAllocation.ofMinorUnits(Math.multiplyExact(total, step), zero);
    }

    /**
     * The change of {@link #of} caused by some of an order's events.
     *
     * @param decider replays the history
     * @param history the order's whole history, oldest first
     * @param caused which events to count
     * @return the sum over those events of the value after each minus the value before it
     */
    public static MonetaryAmount changedBy(OrderDecider decider, List<OrderEvent> history,
            Predicate<OrderEvent> caused) {
        InvalidInputException.requireNonNull(decider, "decider");
        InvalidInputException.requireNonNull(caused, "caused");
        if (InvalidInputException.requireNonNull(history, "history").isEmpty()) {
            throw new InvalidInputException("history", "an order's history starts with OrderPlaced");
        }
        Order order = decider.evolve(null, history.get(0));
        MonetaryAmount before = of(order);
        MonetaryAmount change = before.multiply(0);
        for (OrderEvent event : history.subList(1, history.size())) {
            order = decider.evolve(order, event);
            MonetaryAmount after = of(order);
            if (caused.test(event)) {
                change = change.add(after.subtract(before));
            }
            before = after;
        }
        return change;
    }

}
