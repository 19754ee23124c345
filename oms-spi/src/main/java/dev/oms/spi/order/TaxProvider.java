package dev.oms.spi.order;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.order.Order.Discount;
import dev.oms.spi.order.Order.OrderHeader;
import dev.oms.spi.order.Order.ShippingCharge;
import java.util.List;
import java.util.Map;

/**
 * The host's tax engine, for orders whose tax the host supplies ({@link TaxPolicy.TaxSource#HOST}):
 * oms-core's {@code OrderService} asks it for the tax of a placement that carries none and places
 * the order with the amounts it returns ({@link LineTax.Supplied}, for each line's quantity).
 *
 * <p>Contract: called once per new placement, before anything is stored, in the caller's thread;
 * a repeat of a placed order is compared without its tax and does not call it again. It may call
 * a remote service; an exception it throws reaches the caller and nothing is stored. What it
 * returns is checked like any supplied tax (in the order's currency, not negative, whole minor
 * units, every line and shipping charge answered, nothing else); amounts are the host's: oms
 * shares them out to the open units and never recomputes them. Edits are not sent to it: an
 * added line carries its own amounts, so an edit's preview and its commit never disagree.
 */
public interface TaxProvider {
    /**
     * @param request the placement, its lines and shipping charges untaxed
     * @return the tax of every line and every shipping charge
     */
    TaxQuote quote(TaxRequest request);

    /**
     * What to tax: a placement as the channel sent it.
     *
     * @param header who orders, where to, in which currency and price basis ({@link TaxPolicy#basis()})
     * @param lines the lines, with their quantities and prices
     * @param discounts the order-level discounts
     * @param shippingCharges the shipping charges
     */
    record TaxRequest(OrderHeader header, List<NewLine> lines, List<Discount> discounts,
            List<ShippingCharge> shippingCharges) {
        /** Copies the lists. */
        public TaxRequest {
            lines = List.copyOf(lines);
            discounts = List.copyOf(discounts);
            shippingCharges = List.copyOf(shippingCharges);
        }
    }

    /**
     * The host's tax for a request.
     *
     * @param lines each line's taxes for its whole quantity, by line id (an empty list for an
     *     untaxed line)
     * @param shipping each shipping charge's taxes, in the request's order of charges
     */
    record TaxQuote(Map<LineId, List<TaxLine>> lines, List<List<TaxLine>> shipping) {
        /** @throws InvalidInputException if a map, a list or an entry in them is null */
        public TaxQuote {
            InvalidInputException.requireNonNull(lines, "TaxQuote.lines");
            InvalidInputException.requireNonNull(shipping, "TaxQuote.shipping");
            Map<LineId, List<TaxLine>> copy = new java.util.LinkedHashMap<>();
            lines.forEach((id, taxes) -> copy.put(InvalidInputException.requireNonNull(id, "TaxQuote.lines"),
                    copyOf(taxes, "TaxQuote.lines[" + id + "]")));
            lines = java.util.Collections.unmodifiableMap(copy);
            List<List<TaxLine>> charges = new java.util.ArrayList<>();
            for (int i = 0; i < shipping.size(); i++) {
                charges.add(copyOf(shipping.get(i), "TaxQuote.shipping[" + i + "]"));
            }
            shipping = List.copyOf(charges);
        }

        private static List<TaxLine> copyOf(List<TaxLine> taxes, String field) {
            InvalidInputException.requireNonNull(taxes, field);
            for (TaxLine t : taxes) {
                InvalidInputException.requireNonNull(t, field);
            }
            return List.copyOf(taxes);
        }
    }
}
