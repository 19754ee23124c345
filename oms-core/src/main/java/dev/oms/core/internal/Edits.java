package dev.oms.core.internal;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.Quantity;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.LineQuantities;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.OrderEdit;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one {@link OrderEdit} to an order. The decider uses it to validate and price an edit,
 * and evolve uses the same code to apply the committed edit, so preview, decision and replay can
 * never disagree.
 */
public final class Edits {
    private Edits() {
    }

    /**
     * @param order the order before the change
     * @param edit the change
     * @return the order after it (same version and time; the caller sets those)
     * @throws InvalidInputException if the change does not fit the order (unknown or duplicate
     *     line, another currency)
     * @throws RuleViolationException if a changed line already has allocated or shipped units
     */
    public static Order apply(Order order, OrderEdit edit) {
        if (edit instanceof OrderEdit.AddLine add) {
            NewLine line = add.line();
            if (order.line(line.id()).isPresent()) {
                throw new InvalidInputException("AddLine.line.id", "order " + order.id() + " already has line "
                        + line.id());
            }
            order.header().pricing().requireUnitAmount(line.unitPrice(), order.currency(), "AddLine.line.unitPrice");
            order.header().pricing().requireUnitAmount(line.unitDiscount(), order.currency(),
                    "AddLine.line.unitDiscount");
            line.tax().requireFits(order.header().taxPolicy(), order.currency(), "AddLine.line.tax");
            List<OrderLine> lines = new ArrayList<>(order.lines());
            lines.add(OrderLine.from(line));
            return order.withLines(lines);
        }
        if (edit instanceof OrderEdit.RemoveLine remove) {
            OrderLine line = requireUnfulfilled(order, order.requireLine(remove.lineId()));
            List<OrderLine> lines = new ArrayList<>(order.lines());
            lines.remove(line);
            if (lines.isEmpty()) {
                throw new RuleViolationException(order.id(), "edit-keeps-an-open-line",
                        "cannot remove the last line " + line.id() + "; cancel the order instead");
            }
            return order.withLines(lines);
        }
        if (edit instanceof OrderEdit.ChangeQuantity change) {
            OrderLine line = order.requireLine(change.lineId());
            Quantity fulfilling = line.quantities().allocated().plus(line.quantities().shipped());
            if (fulfilling.isGreaterThan(change.openQuantity())) {
                throw new RuleViolationException(order.id(), "edit-unfulfilled-part", "line " + line.id() + " has "
                        + fulfilling + " units allocated or shipped, so its open quantity cannot become "
                        + change.openQuantity() + "; cancel allocated units through the order flow first");
            }
            LineQuantities resized = line.quantities().resizeOpen(change.openQuantity());
            List<OrderLine> lines = new ArrayList<>(order.lines());
            lines.set(lines.indexOf(line), line.withQuantities(resized));
            return order.withLines(lines);
        }
        if (edit instanceof OrderEdit.SetAttributes set) {
            if (set.lineId().isEmpty()) {
                return order.withHeader(order.header().withAttributes(set.attributes()));
            }
            OrderLine line = order.requireLine(set.lineId().get());
            List<OrderLine> lines = new ArrayList<>(order.lines());
            lines.set(lines.indexOf(line), line.withAttributes(set.attributes()));
            return order.withLines(lines);
        }
        OrderEdit.ChangeShippingAddress address = (OrderEdit.ChangeShippingAddress) edit;
        return order.withHeader(order.header().withShippingAddress(address.address()));
    }

    private static OrderLine requireUnfulfilled(Order order, OrderLine line) {
        LineQuantities q = line.quantities();
        if (q.allocated().isPositive() || q.shipped().isPositive()) {
            throw new RuleViolationException(order.id(), "edit-before-fulfilment",
                    "line " + line.id() + " already has allocated or shipped units");
        }
        return line;
    }
}
