package dev.oms.core;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.FulfillmentStatus;
import dev.oms.spi.order.Order.LineQuantities;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.Order.PaymentLedger;
import dev.oms.spi.order.Order.ShippingCharge;
import java.util.ArrayList;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * The invariants every order keeps, checked from its fields alone (not through the code that
 * maintains them): for property tests (oms-testkit's {@code Invariants} throws on them), and for
 * hosts that audit stored orders, for example after a data migration.
 *
 * <ul>
 *   <li>quantities: {@code ordered = cancelled + open}, {@code open = unallocated + allocated +
 *       shipped}, {@code shipped = inTransit + delivered}, {@code delivered >= returned};</li>
 *   <li>money: the subtotal and tax are the sums of their parts, the grand total is subtotal
 *       minus discounts plus shipping plus tax and not negative, the order discount's shares
 *       sum to the discount applied;</li>
 *   <li>payments, in total and for each payment method: {@code captured <= authorised},
 *       {@code captured + voided <= authorised}, {@code refunded <= captured};</li>
 *   <li>statuses: the fulfilment status is the one the quantities give; the lifecycle status
 *       fits the quantities (nothing allocated before processing, nothing open once cancelled,
 *       completed only when everything open was delivered).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class OrderInvariants {
    private OrderInvariants() {
    }

    /**
     * @param order an order
     * @return every invariant it breaks, in words naming the line and the figures; empty if none
     */
    public static List<String> violations(Order order) {
        InvalidInputException.requireNonNull(order, "order");
        List<String> out = new ArrayList<>();
        long open = 0;
        long shipped = 0;
        long delivered = 0;
        long lost = 0;
        long returned = 0;
        long allocated = 0;
        boolean allDelivered = true;
        for (OrderLine line : order.lines()) {
            LineQuantities q = line.quantities();
            String at = "line " + line.id() + ": ";
            if (q.ordered().value() != q.cancelled().value() + q.open().value()) {
                out.add(at + "ordered " + q.ordered() + " != cancelled " + q.cancelled() + " + open " + q.open());
            }
            if (q.open().value() != q.unallocated().value() + q.allocated().value() + q.shipped().value()) {
                out.add(at + "open " + q.open() + " != unallocated + allocated + shipped");
            }
            if (q.shipped().value() != q.inTransit().value() + q.delivered().value() + q.lost().value()) {
                out.add(at + "shipped " + q.shipped() + " != in transit + delivered + lost");
            }
            if (q.delivered().value() < q.returned().value()) {
                out.add(at + "delivered " + q.delivered() + " < returned " + q.returned());
            }
            open += q.open().value();
            shipped += q.shipped().value();
            delivered += q.delivered().value();
            lost += q.lost().value();
            returned += q.returned().value();
            allocated += q.allocated().value();
            allDelivered &= q.settled().equals(q.open());
        }
        money(order, open, out);
        out.addAll(paymentViolations(order.payments()));
        FulfillmentStatus expected = fulfillment(open, shipped, delivered, lost, returned);
        if (order.fulfillmentStatus() != expected) {
            out.add("fulfilment status " + order.fulfillmentStatus() + " but the quantities give " + expected);
        }
        OrderStatus s = order.status();
        if ((s == OrderStatus.PENDING || s == OrderStatus.CONFIRMED) && (allocated > 0 || shipped > 0)) {
            out.add(s + " but fulfilment started");
        }
        if (s == OrderStatus.CANCELLED && open > 0) {
            out.add("CANCELLED but " + open + " units open");
        }
        if (open == 0 && s != OrderStatus.CANCELLED && s != OrderStatus.ARCHIVED) {
            out.add(s + " with no open unit");
        }
        if (s == OrderStatus.COMPLETED && !allDelivered) {
            out.add("COMPLETED but not every open unit delivered or lost");
        }
        return out;
    }

    private static void money(Order order, long open, List<String> out) {
        MonetaryAmount zero = Amounts.zero(order.currency());
        MonetaryAmount subtotal = zero;
        dev.oms.spi.order.Pricing pricing = order.header().pricing();
        int digits = Math.max(0, order.currency().getDefaultFractionDigits());
        for (OrderLine l : order.lines()) {
            // recomputed here from the unit price, rounded at the line as the pricing says
            java.math.BigDecimal exact = l.unitPrice().getNumber().numberValue(java.math.BigDecimal.class)
                    .multiply(java.math.BigDecimal.valueOf(l.quantities().open().value()));
            subtotal = subtotal.add(Amounts.of(exact.setScale(digits, pricing.lineRounding()), order.currency()));
        }
        OrderTotals t = OrderTotals.of(order);
        if (!t.subtotal().isEqualTo(subtotal)) {
            out.add("subtotal " + t.subtotal() + " != sum of line subtotals " + subtotal);
        }
        MonetaryAmount charges = zero;
        for (ShippingCharge charge : order.shippingCharges()) {
            charges = charges.add(charge.amount());
        }
        if (open > 0 && !t.shipping().add(t.shippingDiscounts()).isEqualTo(charges)) {
            out.add("shipping " + t.shipping() + " + its discounts " + t.shippingDiscounts()
                    + " != the shipping charges " + charges);
        }
        if (t.shipping().isNegative()) {
            out.add("shipping " + t.shipping() + " is negative");
        }
        MonetaryAmount tax = t.shippingTax();
        for (MonetaryAmount lineTax : t.lineTaxes().values()) {
            tax = tax.add(lineTax);
        }
        if (!t.tax().isEqualTo(tax)) {
            out.add("tax " + t.tax() + " != sum of its parts " + tax);
        }
        MonetaryAmount byCode = zero;
        for (dev.oms.spi.order.TaxLine line : t.taxes()) {
            byCode = byCode.add(line.amount());
        }
        if (!t.tax().isEqualTo(byCode)) {
            out.add("tax " + t.tax() + " != sum of its amounts by code " + byCode);
        }
        if (open == 0 && !t.shippingTax().isZero()) {
            out.add("shipping tax " + t.shippingTax() + " on an order with no open unit");
        }
        MonetaryAmount parts = t.beforeTax();
        if (t.basis() == dev.oms.spi.order.TaxPolicy.PriceBasis.TAX_EXCLUSIVE) {
            parts = parts.add(t.tax());
        } else if (order.header().taxPolicy().source() == dev.oms.spi.order.TaxPolicy.TaxSource.RATES
                && t.tax().isGreaterThan(parts)) {
            // tax oms computes never exceeds the gross it is in; the host's own amounts are the host's
            out.add("tax " + t.tax() + " exceeds the gross amounts " + parts + " it is included in");
        }
        if (!t.grandTotal().isEqualTo(parts.add(t.cashRounding()))) {
            out.add("grand total " + t.grandTotal() + " != subtotal - discounts + shipping (+ tax if net) "
                    + "+ cash rounding = " + parts + " + " + t.cashRounding());
        }
        if (pricing.cashRounding().isEmpty() && !t.cashRounding().isZero()) {
            out.add("cash rounding " + t.cashRounding() + " on an order without it");
        }
        pricing.cashRounding().ifPresent(cash -> {
            long step = cash.minorUnits(order.currency());
            long due = MoneyAllocation.minorUnits(t.grandTotal(), "grand total");
            long added = MoneyAllocation.minorUnits(t.cashRounding(), "cash rounding");
            if (due % step != 0 || Math.abs(added) >= step) {
                out.add("grand total " + t.grandTotal() + " is not the amount rounded to the increment "
                        + cash.increment() + " (cash rounding " + t.cashRounding() + ")");
            }
        });
        if (t.grandTotal().isNegative()) {
            out.add("grand total " + t.grandTotal() + " is negative");
        }
        MonetaryAmount shares = zero;
        for (MonetaryAmount share : OrderTotals.orderDiscountShares(order).values()) {
            shares = shares.add(share);
        }
        if (!shares.isEqualTo(t.orderDiscounts())) {
            out.add("order discount shares sum to " + shares + ", not the applied " + t.orderDiscounts());
        }
    }

    /**
     * The payment rules alone, for the order's totals and for each of its payment methods.
     *
     * @param ledger an order's payments
     * @return every rule it breaks, in words naming the method (if one) and the figures; empty if none
     */
    public static List<String> paymentViolations(PaymentLedger ledger) {
        List<String> out = new ArrayList<>();
        paymentRules(InvalidInputException.requireNonNull(ledger, "ledger"), "", out);
        for (PaymentLedger.MethodLedger m : ledger.methods()) {
            paymentRules(m.ledger(), "method " + m.method().id() + ": ", out);
        }
        return out;
    }

    private static void paymentRules(PaymentLedger p, String of, List<String> out) {
        if (p.captured().isGreaterThan(p.authorised())) {
            out.add(of + "captured " + p.captured() + " > authorised " + p.authorised());
        }
        if (p.captured().add(p.voided()).isGreaterThan(p.authorised())) {
            out.add(of + "captured " + p.captured() + " + voided " + p.voided() + " > authorised " + p.authorised());
        }
        if (p.refunded().isGreaterThan(p.captured())) {
            out.add(of + "refunded " + p.refunded() + " > captured " + p.captured());
        }
    }

    private static FulfillmentStatus fulfillment(long open, long shipped, long delivered, long lost, long returned) {
        if (returned > 0) {
            return returned == open ? FulfillmentStatus.RETURNED : FulfillmentStatus.PARTIALLY_RETURNED;
        }
        if (delivered > 0) {
            return delivered + lost == open ? FulfillmentStatus.DELIVERED : FulfillmentStatus.PARTIALLY_DELIVERED;
        }
        if (shipped > 0) {
            return shipped == open ? FulfillmentStatus.FULFILLED : FulfillmentStatus.PARTIALLY_FULFILLED;
        }
        return FulfillmentStatus.UNFULFILLED;
    }
}
