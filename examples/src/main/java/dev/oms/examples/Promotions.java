package dev.oms.examples;

import dev.oms.core.OrderTotals;
import dev.oms.core.PlaceOrder;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.Discount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * A host's own code on top of oms: a weekend promotion that takes 10% off the merchandise of
 * orders worth at least 50, as an order-level discount. {@code HostLifecycleProperties} tests it
 * with the oms test kit.
 */
public final class Promotions {
    private Promotions() {
    }

    /**
     * @param order an order about to be placed
     * @param priced the same order as oms prices it (placed in a dry run)
     * @return the order with the promotion's discount added, or unchanged below the threshold
     */
    public static PlaceOrder weekendDeal(PlaceOrder order, Order priced) {
        OrderTotals totals = OrderTotals.of(priced);
        MonetaryAmount merchandise = totals.subtotal().subtract(totals.discounts());
        if (merchandise.getNumber().numberValue(BigDecimal.class).compareTo(BigDecimal.valueOf(50)) < 0) {
            return order;
        }
        int digits = Math.max(0, merchandise.getCurrency().getDefaultFractionDigits());
        BigDecimal tenth = merchandise.getNumber().numberValue(BigDecimal.class).multiply(new BigDecimal("0.10"))
                .setScale(digits, RoundingMode.DOWN);
        List<Discount> discounts = new ArrayList<>(order.discounts());
        discounts.add(new Discount("WEEKEND10", merchandise.getFactory().setNumber(tenth).create()));
        return new PlaceOrder(order.header(), order.lines(), discounts, order.shippingCharges());
    }
}
