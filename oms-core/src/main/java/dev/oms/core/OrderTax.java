package dev.oms.core;

import dev.oms.core.TaxCalculation.Taxable;
import dev.oms.core.TaxCalculation.TaxedItem;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.order.LineTax;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.ShippingCharge;
import dev.oms.spi.order.Pricing;
import dev.oms.spi.order.TaxLine;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxPolicy.TaxSource;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.money.MonetaryAmount;

/**
 * The tax of an order's open units, as {@link OrderTotals} describes it: per line, on shipping,
 * and by code. Works in minor units.
 */
final class OrderTax {
    private final MonetaryAmount like;
    private final Map<LineId, MonetaryAmount> lines = new LinkedHashMap<>();
    private final Map<String, TaxLine> byCode = new LinkedHashMap<>();
    private long total;
    private long shipping;

    private OrderTax(MonetaryAmount like) {
        this.like = like;
    }

    /**
     * @param order the order
     * @param orderDiscounts its order-level discount as applied
     * @param anyOpen whether a unit is open (else shipping is not charged)
     */
    static OrderTax of(Order order, MonetaryAmount orderDiscounts, boolean anyOpen) {
        OrderTax tax = new OrderTax(orderDiscounts);
        TaxPolicy policy = order.header().taxPolicy();
        try {
            if (policy.source() == TaxSource.HOST) {
                tax.supplied(order, policy.mode(), anyOpen);
            } else {
                tax.computed(order, policy, orderDiscounts, anyOpen);
            }
        } catch (ArithmeticException overflow) {
            // only absurd supplied amounts times absurd quantities get here
            throw new InvalidInputException("Order.tax", "the order's tax overflows");
        }
        return tax;
    }

    MonetaryAmount total() {
        return money(total);
    }

    MonetaryAmount shipping() {
        return money(shipping);
    }

    Map<LineId, MonetaryAmount> lines() {
        return lines;
    }

    List<TaxLine> byCode() {
        return new ArrayList<>(byCode.values());
    }

    private void supplied(Order order, RoundingMode mode, boolean anyOpen) {
        for (OrderLine line : order.lines()) {
            long open = line.quantities().open().value();
            // a line with nothing open bears no tax and names no code, as with rates
            lines.put(line.id(), money(open == 0 ? 0 : add(line.tax(), open, mode)));
        }
        if (anyOpen) {
            for (ShippingCharge charge : order.shippingCharges()) {
                shipping = Math.addExact(shipping, add(charge.tax(), 1, mode));
            }
        }
    }

    /** Adds a supplied tax for {@code open} units; returns the line's tax in minor units. */
    private long add(LineTax tax, long open, RoundingMode mode) {
        if (!(tax instanceof LineTax.Supplied supplied)) {
            return 0; // an untaxed line (no rates) on an order whose host supplies tax
        }
        long sum = 0;
        for (TaxLine line : supplied.taxes()) {
            long amount = MoneyAllocation.minorUnits(line.amount(), "tax " + line.code());
            long part;
            if (open == supplied.units()) {
                part = amount;
            } else if (supplied.units() == 1) {
                part = Math.multiplyExact(amount, open);
            } else {
                part = TaxCalculation.round(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(open)),
                        BigInteger.valueOf(supplied.units()), mode);
            }
            record(line, part);
            sum = Math.addExact(sum, part);
        }
        total = Math.addExact(total, sum);
        return sum;
    }

    private void computed(Order order, TaxPolicy policy, MonetaryAmount orderDiscounts, boolean anyOpen) {
        List<OrderLine> orderLines = order.lines();
        List<Taxable> items = new ArrayList<>(orderLines.size() + order.shippingCharges().size());
        List<LineId> itemLines = new ArrayList<>(orderLines.size());
        Map<LineId, MonetaryAmount> shares = OrderTotals.orderDiscountShares(order, orderDiscounts);
        Pricing pricing = order.header().pricing();
        for (OrderLine line : orderLines) {
            lines.put(line.id(), money(0));
            long open = line.quantities().open().value();
            if (open > 0 && line.tax().taxed()) {
                long value = MoneyAllocation.minorUnits(line.netMerchandise(pricing).subtract(shares.get(line.id())),
                        "line " + line.id() + " value");
                items.add(new Taxable(line.id().value(), open, value, ((LineTax.Rates) line.tax()).rates()));
                itemLines.add(line.id());
            }
        }
        if (anyOpen) {
            for (ShippingCharge charge : order.shippingCharges()) {
                if (charge.tax().taxed()) {
                    items.add(new Taxable("shipping " + charge.code(), 1, MoneyAllocation.minorUnits(charge.charged(),
                            "shipping " + charge.code()), ((LineTax.Rates) charge.tax()).rates()));
                }
            }
        }
        if (items.isEmpty()) {
            return;
        }
        List<TaxedItem> taxed = TaxCalculation.ofOrder(policy, items, like).items();
        for (int i = 0; i < taxed.size(); i++) {
            TaxedItem item = taxed.get(i);
            long sum = 0;
            for (TaxLine line : item.taxes()) {
                long part = MoneyAllocation.minorUnits(line.amount(), "tax " + line.code());
                record(line, part);
                sum += part;
            }
            total = Math.addExact(total, sum);
            if (i < itemLines.size()) {
                lines.put(itemLines.get(i), money(sum));
            } else {
                shipping = Math.addExact(shipping, sum);
            }
        }
    }

    /** Adds a line's part to its code's sum; a code supplied under two rates shows none. */
    private void record(TaxLine line, long units) {
        byCode.merge(line.code(), line.withAmount(money(units)), (sum, more) -> new TaxLine(sum.code(),
                Objects.equals(sum.percent(), more.percent()) ? sum.percent() : java.util.Optional.empty(),
                sum.amount().add(more.amount())));
    }

    private MonetaryAmount money(long units) {
        return MoneyAllocation.ofMinorUnits(units, like);
    }
}
