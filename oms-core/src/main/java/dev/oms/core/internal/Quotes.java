package dev.oms.core.internal;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.event.OrderEvent.OrderPlaced;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.order.Order.Discount;
import dev.oms.spi.order.Order.OrderHeader;
import dev.oms.spi.order.Order.ShippingCharge;
import dev.oms.spi.order.TaxLine;
import dev.oms.spi.order.TaxPolicy.TaxSource;
import dev.oms.spi.order.TaxProvider;
import dev.oms.spi.order.TaxProvider.TaxQuote;
import dev.oms.spi.order.TaxProvider.TaxRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A placement's tax from the host's {@link TaxProvider}: when it is asked, how its quote becomes
 * the placement's supplied tax, and how a repeat is compared with a placement it taxed.
 */
public final class Quotes {
    private Quotes() {
    }

    /**
     * @param provider the host's tax engine, or null
     * @param header the placement's header
     * @param lines its lines
     * @param shipping its shipping charges
     * @return whether the provider taxes this placement: there is one, the host supplies the
     *     order's tax, and no line or charge carries any
     */
    public static boolean asked(TaxProvider provider, OrderHeader header, List<NewLine> lines,
            List<ShippingCharge> shipping) {
        return provider != null && header.taxPolicy().source() == TaxSource.HOST
                && lines.stream().noneMatch(l -> l.tax().taxed()) && shipping.stream().noneMatch(c -> c.tax().taxed());
    }

    /**
     * @param provider the host's tax engine
     * @param header the placement's header
     * @param lines its lines, untaxed
     * @param discounts its discounts
     * @param shipping its shipping charges, untaxed
     * @return the lines and charges with the quote's amounts, lines first
     * @throws InvalidInputException if the quote is missing, leaves a line or charge out, names
     *     one the placement does not have, or has an amount in another currency (the field names
     *     the quote's entry, {@code TaxQuote.lines[1].taxes[0]})
     */
    public static Taxed apply(TaxProvider provider, OrderHeader header, List<NewLine> lines, List<Discount> discounts,
            List<ShippingCharge> shipping) {
        TaxQuote quote = provider.quote(new TaxRequest(header, lines, discounts, shipping));
        InvalidInputException.requireNonNull(quote, "TaxProvider.quote");
        for (LineId id : quote.lines().keySet()) {
            if (lines.stream().noneMatch(l -> l.id().equals(id))) {
                throw new InvalidInputException("TaxQuote.lines", "names line " + id + ", which the order does not have");
            }
        }
        if (quote.shipping().size() != shipping.size()) {
            throw new InvalidInputException("TaxQuote.shipping", "answers " + quote.shipping().size()
                    + " shipping charges; the order has " + shipping.size());
        }
        List<NewLine> taxedLines = new ArrayList<>(lines.size());
        for (NewLine line : lines) {
            List<TaxLine> taxes = quote.lines().get(line.id());
            if (taxes == null) {
                throw new InvalidInputException("TaxQuote.lines", "has no tax for line " + line.id()
                        + " (an empty list for an untaxed line)");
            }
            taxedLines.add(line.withTax(taxes.isEmpty() ? LineTax.none()
                    : new LineTax.Supplied(taxes, line.quantity().value()).requireAmountsIn(header.currency(),
                            "TaxQuote.lines[" + line.id() + "]")));
        }
        List<ShippingCharge> taxedShipping = new ArrayList<>(shipping.size());
        for (int i = 0; i < shipping.size(); i++) {
            List<TaxLine> taxes = quote.shipping().get(i);
            ShippingCharge charge = shipping.get(i);
            taxedShipping.add(charge.withTax(taxes.isEmpty() ? LineTax.none()
                    : new LineTax.Supplied(taxes, 1).requireAmountsIn(header.currency(), "TaxQuote.shipping[" + i + "]")));
        }
        return new Taxed(taxedLines, taxedShipping);
    }

    /**
     * @param first a placement's event
     * @return it without any tax, to compare a repeat the provider would tax with it
     */
    public static OrderPlaced untaxed(OrderPlaced first) {
        List<NewLine> lines = first.lines().stream().map(l -> l.withTax(LineTax.none())).toList();
        List<ShippingCharge> shipping = first.shippingCharges().stream()
                .map(c -> c.withTax(LineTax.none())).toList();
        return new OrderPlaced(first.metadata(), first.header(), lines, first.discounts(), shipping);
    }

    /**
     * @param lines the lines with their tax
     * @param shipping the shipping charges with theirs
     */
    public record Taxed(List<NewLine> lines, List<ShippingCharge> shipping) {
    }
}
