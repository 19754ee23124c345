package dev.oms.core;

import dev.oms.spi.Amounts;
import dev.oms.spi.LineId;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.Discount;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.PaymentStatus;
import dev.oms.spi.order.Order.ShippingCharge;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.money.MonetaryAmount;

/**
 * The money of an order, computed from its open quantities (ordered minus cancelled).
 *
 * <pre>
 * subtotal       = sum of unit price x open quantity
 * lineDiscounts  = sum of unit discount x open quantity
 * orderDiscounts = sum of order-level discounts, at most subtotal - lineDiscounts
 * shipping       = sum of shipping charges
 * tax            = sum of unit tax x open quantity + tax on shipping
 * grandTotal     = subtotal - lineDiscounts - orderDiscounts + shipping + tax
 * </pre>
 * An order with no open unit (all cancelled) owes nothing: its order discounts and shipping
 * count as zero. Amounts are tax-exclusive; every figure is in whole minor units, so no rounding
 * happens here.
 *
 * @param subtotal merchandise before discounts
 * @param lineDiscounts discounts on lines
 * @param orderDiscounts order-level discounts applied
 * @param shipping shipping charges without tax
 * @param tax tax on merchandise and shipping
 * @param grandTotal what the customer owes
 */
public record OrderTotals(MonetaryAmount subtotal, MonetaryAmount lineDiscounts, MonetaryAmount orderDiscounts,
        MonetaryAmount shipping, MonetaryAmount tax, MonetaryAmount grandTotal) {

    /**
     * @param order the order
     * @return its totals
     */
    public static OrderTotals of(Order order) {
        MonetaryAmount zero = Amounts.zero(order.currency());
        MonetaryAmount subtotal = zero;
        MonetaryAmount lineDiscounts = zero;
        MonetaryAmount tax = zero;
        boolean anyOpen = false;
        for (OrderLine line : order.lines()) {
            subtotal = subtotal.add(line.subtotal());
            lineDiscounts = lineDiscounts.add(line.discount());
            tax = tax.add(line.tax());
            anyOpen |= line.quantities().open().isPositive();
        }
        MonetaryAmount orderDiscounts = zero;
        MonetaryAmount shipping = zero;
        if (anyOpen) {
            for (Discount discount : order.discounts()) {
                orderDiscounts = orderDiscounts.add(discount.amount());
            }
            MonetaryAmount merchandise = subtotal.subtract(lineDiscounts);
            if (orderDiscounts.isGreaterThan(merchandise)) {
                orderDiscounts = merchandise;
            }
            for (ShippingCharge charge : order.shippingCharges()) {
                shipping = shipping.add(charge.amount());
                tax = tax.add(charge.tax());
            }
        }
        MonetaryAmount grandTotal = subtotal.subtract(lineDiscounts).subtract(orderDiscounts).add(shipping).add(tax);
        return new OrderTotals(subtotal, lineDiscounts, orderDiscounts, shipping, tax, grandTotal);
    }

    /** @return line and order discounts together */
    public MonetaryAmount discounts() {
        return lineDiscounts.add(orderDiscounts);
    }

    /**
     * @param order the order
     * @return its payment status, derived from its ledger and grand total
     */
    public static PaymentStatus paymentStatus(Order order) {
        return PaymentStatus.of(order.payments(), of(order).grandTotal());
    }

    /**
     * Attributes the applied order-level discounts to lines by their net merchandise value
     * (exactly, see {@link MoneyAllocation}); the shares sum to {@link #orderDiscounts()}. This
     * is what a refund of a line takes off its price.
     *
     * @param order the order
     * @return each line's share, in line order
     */
    public static Map<LineId, MonetaryAmount> orderDiscountShares(Order order) {
        List<OrderLine> lines = order.lines();
        long[] weights = new long[lines.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = MoneyAllocation.minorUnits(lines.get(i).netMerchandise(), "line " + lines.get(i).id()
                    + " merchandise");
        }
        // With no merchandise left the applied discount is zero, and zero splits into zeros.
        List<MonetaryAmount> parts = MoneyAllocation.allocate(of(order).orderDiscounts(), weights);
        Map<LineId, MonetaryAmount> shares = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            shares.put(lines.get(i).id(), parts.get(i));
        }
        return shares;
    }
}
