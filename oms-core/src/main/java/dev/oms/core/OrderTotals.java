package dev.oms.core;

import dev.oms.spi.Amounts;
import dev.oms.spi.LineId;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.Discount;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.PaymentStatus;
import dev.oms.spi.order.Order.ShippingCharge;
import dev.oms.spi.order.Pricing;
import dev.oms.spi.order.TaxLine;
import dev.oms.spi.order.TaxPolicy;
import dev.oms.spi.order.TaxPolicy.PriceBasis;
import dev.oms.spi.order.TaxPolicy.TaxSource;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.money.MonetaryAmount;

/**
 * The money of an order, computed from its open quantities (ordered minus cancelled) under its
 * {@link TaxPolicy}.
 *
 * <pre>
 * subtotal       = sum of unit price x open quantity (each line rounded as the pricing says)
 * lineDiscounts  = sum of unit discount x open quantity (likewise)
 * orderDiscounts = sum of order-level discounts, at most subtotal - lineDiscounts
 * shipping       = sum of shipping charges, each less its own discount (what is charged for it)
 * shippingDiscounts = the discounts on the shipping charges (already off shipping)
 * tax            = tax on the lines' open units + tax on shipping
 * cashRounding   = the amount due rounded to the cash increment, less the amount before it (0 without)
 * grandTotal     = subtotal - lineDiscounts - orderDiscounts + shipping (+ tax, if prices are net)
 *                  + cashRounding
 * </pre>
 * A line's unit price may be finer than the minor unit where the order's {@link Pricing} allows
 * it; the line's value is rounded to the minor unit at the line, so every figure here is in
 * whole minor units. With cash rounding, the grand total is a multiple of the increment and
 * {@code cashRounding} (negative, zero or positive, less than one increment in size) is what the
 * rounding added.
 * Prices, discounts and shipping are net or gross as the policy's {@link PriceBasis} says; with
 * gross prices the tax is included in them and the grand total is what the customer was shown.
 * An order with no open unit (all cancelled) owes nothing: its order discounts and shipping count
 * as zero.
 *
 * <p>The tax, by the policy's {@link TaxSource}:
 * <ul>
 *   <li>{@link TaxSource#RATES}: {@link TaxCalculation} over the open units of every line and each
 *       shipping charge (one unit), the order-level discount shared out to the lines by value
 *       first ({@link #orderDiscountShares}), so the tax follows the discount and shipping keeps
 *       its own. Rounded as the policy says, per unit, per line or per order.
 *   <li>{@link TaxSource#HOST}: each supplied amount for {@code u} units, times {@code open / u},
 *       rounded by the policy's mode (exactly the amount at {@code u} units, and exactly
 *       {@code amount x open} for a per-unit amount); shipping's amounts as given. oms does not
 *       check supplied amounts against the prices: they are the host's statement of the tax, and
 *       a host on gross prices supplies tax that follows its discounts.
 * </ul>
 * Every figure is in whole minor units and every part sums to its whole: the lines' taxes and the
 * shipping tax to {@link #tax()}, and {@link #taxes()} (by code) to it as well. Because every state
 * of an order is computed afresh from its open units, a cancellation or an edit changes the totals
 * by exactly the difference of two exact results, and a sequence of them ends where one change to
 * the same quantities would.
 *
 * @param subtotal merchandise before discounts
 * @param lineDiscounts discounts on lines
 * @param orderDiscounts order-level discounts applied
 * @param shipping shipping charges, each less its discount: what the customer pays for delivery
 * @param shippingDiscounts the discounts on shipping charges (free or cheaper shipping), already
 *     taken off {@code shipping}; never off the merchandise
 * @param tax tax on merchandise and shipping (included in the above for gross prices)
 * @param cashRounding what rounding the amount due to the cash increment added (zero without cash rounding)
 * @param grandTotal what the customer owes
 * @param basis whether the amounts above include their tax
 * @param lineTaxes each line's tax on its open units, in line order
 * @param shippingTax the tax on shipping
 * @param taxes the tax by code, codes in the order first met (lines, then shipping)
 */
public record OrderTotals(MonetaryAmount subtotal, MonetaryAmount lineDiscounts, MonetaryAmount orderDiscounts,
        MonetaryAmount shipping, MonetaryAmount shippingDiscounts, MonetaryAmount tax, MonetaryAmount cashRounding,
        MonetaryAmount grandTotal,
        PriceBasis basis,
        Map<LineId, MonetaryAmount> lineTaxes, MonetaryAmount shippingTax, List<TaxLine> taxes) {

    /** Copies the collections. */
    public OrderTotals {
        lineTaxes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lineTaxes));
        taxes = List.copyOf(taxes);
    }

    /**
     * @param order the order
     * @return its totals
     * @throws dev.oms.spi.InvalidInputException if its tax cannot be computed (gross prices whose
     *     rounded taxes exceed them, see {@link TaxCalculation})
     */
    public static OrderTotals of(Order order) {
        MonetaryAmount zero = Amounts.zero(order.currency());
        MonetaryAmount subtotal = zero;
        MonetaryAmount lineDiscounts = zero;
        boolean anyOpen = false;
        Pricing pricing = order.header().pricing();
        for (OrderLine line : order.lines()) {
            subtotal = subtotal.add(line.subtotal(pricing));
            lineDiscounts = lineDiscounts.add(line.discount(pricing));
            anyOpen |= line.quantities().open().isPositive();
        }
        MonetaryAmount orderDiscounts = zero;
        MonetaryAmount shipping = zero;
        MonetaryAmount shippingDiscounts = zero;
        if (anyOpen) {
            for (Discount discount : order.discounts()) {
                orderDiscounts = orderDiscounts.add(discount.amount());
            }
            MonetaryAmount merchandise = subtotal.subtract(lineDiscounts);
            if (orderDiscounts.isGreaterThan(merchandise)) {
                orderDiscounts = merchandise;
            }
            for (ShippingCharge charge : order.shippingCharges()) {
                shipping = shipping.add(charge.charged());
                shippingDiscounts = shippingDiscounts.add(charge.amount().subtract(charge.charged()));
            }
        }
        OrderTax tax = OrderTax.of(order, orderDiscounts, anyOpen);
        MonetaryAmount grandTotal = subtotal.subtract(lineDiscounts).subtract(orderDiscounts).add(shipping);
        PriceBasis basis = order.header().taxPolicy().basis();
        if (basis == PriceBasis.TAX_EXCLUSIVE) {
            grandTotal = grandTotal.add(tax.total());
        }
        MonetaryAmount due = pricing.cashRounded(grandTotal);
        return new OrderTotals(subtotal, lineDiscounts, orderDiscounts, shipping, shippingDiscounts, tax.total(),
                due.subtract(grandTotal), due, basis, tax.lines(), tax.shipping(), tax.byCode());
    }

    /** @return the grand total before cash rounding */
    public MonetaryAmount beforeCashRounding() {
        return grandTotal.subtract(cashRounding);
    }

    /** @return subtotal less all discounts, plus shipping: the amount the tax is on (net) or in (gross) */
    public MonetaryAmount beforeTax() {
        return subtotal.subtract(discounts()).add(shipping);
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
        return orderDiscountShares(order, of(order).orderDiscounts());
    }

    static Map<LineId, MonetaryAmount> orderDiscountShares(Order order, MonetaryAmount applied) {
        List<OrderLine> lines = order.lines();
        long[] weights = new long[lines.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = MoneyAllocation.minorUnits(lines.get(i).netMerchandise(order.header().pricing()), "line " + lines.get(i).id()
                    + " merchandise");
        }
        // With no merchandise left the applied discount is zero, and zero splits into zeros.
        List<MonetaryAmount> parts = MoneyAllocation.allocate(applied, weights);
        Map<LineId, MonetaryAmount> shares = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            shares.put(lines.get(i).id(), parts.get(i));
        }
        return shares;
    }
}
