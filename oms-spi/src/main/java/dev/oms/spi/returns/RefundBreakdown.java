package dev.oms.spi.returns;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * A refund, line by line, with the return shipping fee the customer pays and where the money goes.
 *
 * <p>{@code total = sum of line totals - returnShippingFee + payoutRounding}; the fee never exceeds
 * the lines' sum, so the total before rounding is never negative, and rounding never makes it
 * negative either. Lines are unique by order line.
 *
 * @param lines one entry per order line refunded
 * @param returnShippingFee the return shipping the customer pays (zero when the merchant pays),
 *     its tax included
 * @param returnShippingFeeTax the tax in that fee, where the merchant's policy taxes it; at most the fee
 * @param method where the money goes
 * @param payoutRounding what rounding added to this refund's own amount: where the order's amount
 *     due is cash-rounded, the refunds so far rounded to the increment (the rounded sum so far less
 *     the rounded sum before it, less this refund's amount); where the merchant rounds store
 *     credit ({@code RefundConventions.storeCreditPayout} in oms-returns), that rounding too.
 *     Absent where neither applies
 * @param notes how each amount of the refund came about, part by part, in the order computed
 *     (empty for a breakdown made by hand or stored before notes)
 */
public record RefundBreakdown(List<RefundLine> lines, MonetaryAmount returnShippingFee,
        java.util.Optional<MonetaryAmount> returnShippingFeeTax, RefundMethod method,
        java.util.Optional<MonetaryAmount> payoutRounding, List<Note> notes) {
    /** @throws InvalidInputException if a field is null, the lines empty or repeated, or the fee too high */
    public RefundBreakdown {
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "RefundBreakdown.lines"));
        if (lines.isEmpty()) {
            throw new InvalidInputException("RefundBreakdown.lines", "a refund has at least one line");
        }
        InvalidInputException.requireNonNull(returnShippingFee, "RefundBreakdown.returnShippingFee");
        InvalidInputException.requireNonNull(method, "RefundBreakdown.method");
        Set<Object> seen = new HashSet<>();
        MonetaryAmount sum = Amounts.zero(returnShippingFee.getCurrency());
        for (RefundLine line : lines) {
            if (!seen.add(line.lineId())) {
                throw new InvalidInputException("RefundBreakdown.lines", "line " + line.lineId() + " appears twice");
            }
            sum = sum.add(Amounts.requireNonNegative(line.total(), returnShippingFee.getCurrency(),
                    "RefundBreakdown.lines"));
        }
        Amounts.requireNonNegative(returnShippingFee, returnShippingFee.getCurrency(),
                "RefundBreakdown.returnShippingFee");
        if (returnShippingFee.isGreaterThan(sum)) {
            throw new InvalidInputException("RefundBreakdown.returnShippingFee", "fee " + returnShippingFee
                    + " exceeds the refund of the lines " + sum);
        }
        InvalidInputException.requireNonNull(returnShippingFeeTax, "RefundBreakdown.returnShippingFeeTax");
        if (returnShippingFeeTax.isPresent()) {
            Amounts.requireNonNegative(returnShippingFeeTax.get(), returnShippingFee.getCurrency(),
                    "RefundBreakdown.returnShippingFeeTax");
            if (returnShippingFeeTax.get().isGreaterThan(returnShippingFee)) {
                throw new InvalidInputException("RefundBreakdown.returnShippingFeeTax", "tax "
                        + returnShippingFeeTax.get() + " exceeds the fee " + returnShippingFee);
            }
        }
        notes = List.copyOf(InvalidInputException.requireNonNull(notes, "RefundBreakdown.notes"));
        if (notes.size() > MAX_NOTES) {
            throw new InvalidInputException("RefundBreakdown.notes", "more than " + MAX_NOTES + " notes");
        }
        InvalidInputException.requireNonNull(payoutRounding, "RefundBreakdown.payoutRounding");
        if (payoutRounding.isPresent()) {
            Amounts.requireMinorUnits(payoutRounding.get(), returnShippingFee.getCurrency(),
                    "RefundBreakdown.payoutRounding");
            if (sum.subtract(returnShippingFee).add(payoutRounding.get()).isNegative()) {
                throw new InvalidInputException("RefundBreakdown.payoutRounding", "rounding " + payoutRounding.get()
                        + " makes the refund " + sum.subtract(returnShippingFee) + " negative");
            }
        }
    }

    /**
     * A refund of lines whose payout is not rounded.
     *
     * @param lines one entry per order line refunded
     * @param returnShippingFee the return shipping the customer pays
     * @param method where the money goes
     */
    public RefundBreakdown(List<RefundLine> lines, MonetaryAmount returnShippingFee, RefundMethod method) {
        this(lines, returnShippingFee, java.util.Optional.empty(), method, java.util.Optional.empty(), List.of());
    }

    /** The most notes a breakdown carries: ten parts for each of its lines at most, and the refund's own. */
    public static final int MAX_NOTES = 10_100;

    /**
     * How one amount of a refund came about: which part of which line, and the rule that produced
     * it with its figures, so a merchant can defend every cent.
     *
     * @param line the order line, absent for a part of the whole refund (the return shipping fee,
     *     the payout's rounding)
     * @param part what the amount is: {@code gross}, {@code lineDiscount}, {@code orderDiscount},
     *     {@code tax}, {@code shipping}, {@code shippingTax}, {@code restockingFee}, {@code goodwill},
     *     {@code returnShippingFee} or {@code payoutRounding}
     * @param amount the amount
     * @param rule how it was computed, in words and figures
     */
    public record Note(java.util.Optional<LineId> line, String part, MonetaryAmount amount, String rule) {
        /** @throws InvalidInputException if a field is null or the text malformed */
        public Note {
            InvalidInputException.requireNonNull(line, "Note.line");
            InvalidInputException.requireCode(part, "Note.part");
            InvalidInputException.requireNonNull(amount, "Note.amount");
            InvalidInputException.requireText(rule, "Note.rule", 500);
        }
    }

    /** @return what the customer gets back */
    public MonetaryAmount total() {
        MonetaryAmount sum = Amounts.zero(returnShippingFee.getCurrency());
        for (RefundLine line : lines) {
            sum = sum.add(line.total());
        }
        MonetaryAmount total = sum.subtract(returnShippingFee);
        return payoutRounding.isPresent() ? total.add(payoutRounding.get()) : total;
    }

    /** @return what the customer gets back before rounding the payout */
    public MonetaryAmount beforeRounding() {
        return payoutRounding.isPresent() ? total().subtract(payoutRounding.get()) : total();
    }

    /**
     * The refund of some units of one order line, part by part, so that a merchant can defend it:
     * what the units cost, the discounts they carried (their own and their share of the order's),
     * the tax on them, their share of the original shipping if the policy refunds it, and the
     * restocking fee.
     *
     * <p>{@code total = gross - lineDiscount - orderDiscount + tax + shipping + shippingTax - restockingFee
     * + goodwill} for an order with net prices; where prices include their tax ({@code taxIncluded})
     * the tax and the shipping tax are parts of the gross and the shipping, so
     * {@code total = gross - lineDiscount - orderDiscount + shipping - restockingFee + goodwill}.
     * Every part is in whole minor units of one currency and, but for the goodwill, not negative;
     * the restocking fee never exceeds the merchandise ({@code gross - lineDiscount - orderDiscount})
     * and the total is never negative.
     *
     * <p>The goodwill is signed, as on a statement: positive on the line of a goodwill refund
     * (money given without units, {@code units} zero and every other part zero), negative on a
     * later refund of the line's units, which takes back part of what goodwill gave (so the line's
     * refunds and goodwill together never exceed one full refund of it), zero otherwise.
     *
     * @param lineId the order line
     * @param units units refunded
     * @param gross unit price times units
     * @param lineDiscount the line's own discount on these units
     * @param orderDiscount these units' share of the order-level discounts
     * @param tax the tax on these units
     * @param shipping their share of the original shipping charge (zero unless the policy refunds it)
     * @param shippingTax the tax on that share
     * @param restockingFee the fee taken off
     * @param taxIncluded whether the amounts above include their tax (the order's prices are gross)
     * @param goodwill goodwill given on the line (positive) or taken back from it (negative)
     */
    public record RefundLine(LineId lineId, Quantity units, MonetaryAmount gross, MonetaryAmount lineDiscount,
            MonetaryAmount orderDiscount, MonetaryAmount tax, MonetaryAmount shipping, MonetaryAmount shippingTax,
            MonetaryAmount restockingFee, boolean taxIncluded, MonetaryAmount goodwill) {
        /** @throws InvalidInputException if a field is null, negative, in another currency, or the fee too high */
        public RefundLine {
            InvalidInputException.requireNonNull(lineId, "RefundLine.lineId");
            InvalidInputException.requireNonNull(units, "RefundLine.units");
            InvalidInputException.requireNonNull(gross, "RefundLine.gross");
            CurrencyUnit currency = gross.getCurrency();
            Amounts.requireNonNegative(gross, currency, "RefundLine.gross");
            Amounts.requireNonNegative(lineDiscount, currency, "RefundLine.lineDiscount");
            Amounts.requireNonNegative(orderDiscount, currency, "RefundLine.orderDiscount");
            Amounts.requireNonNegative(tax, currency, "RefundLine.tax");
            Amounts.requireNonNegative(shipping, currency, "RefundLine.shipping");
            Amounts.requireNonNegative(shippingTax, currency, "RefundLine.shippingTax");
            Amounts.requireNonNegative(restockingFee, currency, "RefundLine.restockingFee");
            MonetaryAmount merchandise = gross.subtract(lineDiscount).subtract(orderDiscount);
            if (merchandise.isNegative()) {
                throw new InvalidInputException("RefundLine", "line " + lineId + ": discounts " + lineDiscount + " + "
                        + orderDiscount + " exceed the gross " + gross);
            }
            if (restockingFee.isGreaterThan(merchandise)) {
                throw new InvalidInputException("RefundLine.restockingFee", "line " + lineId + ": fee " + restockingFee
                        + " exceeds the merchandise " + merchandise);
            }
            InvalidInputException.requireNonNull(goodwill, "RefundLine.goodwill");
            Amounts.requireMinorUnits(goodwill, currency, "RefundLine.goodwill");
            if (goodwill.isPositive() && (units.isPositive() || !gross.isZero() || !shipping.isZero()
                    || !tax.isZero() || !shippingTax.isZero() || !restockingFee.isZero())) {
                throw new InvalidInputException("RefundLine.goodwill", "line " + lineId + ": a goodwill line gives "
                        + "goodwill only (no units, every other part zero)");
            }
            MonetaryAmount before = merchandise.add(shipping).subtract(restockingFee);
            if (!taxIncluded) {
                before = before.add(tax).add(shippingTax);
            }
            if (before.add(goodwill).isNegative()) {
                throw new InvalidInputException("RefundLine.goodwill", "line " + lineId + ": taking back " + goodwill
                        .negate() + " of goodwill exceeds what the line gives back, " + before);
            }
        }

        /**
         * A refund of units without goodwill.
         *
         * @param lineId the order line
         * @param units units refunded
         * @param gross unit price times units
         * @param lineDiscount the line's own discount on these units
         * @param orderDiscount these units' share of the order-level discounts
         * @param tax the tax on these units
         * @param shipping their share of the original shipping charge
         * @param shippingTax the tax on that share
         * @param restockingFee the fee taken off
         * @param taxIncluded whether the amounts above include their tax
         */
        public RefundLine(LineId lineId, Quantity units, MonetaryAmount gross, MonetaryAmount lineDiscount,
                MonetaryAmount orderDiscount, MonetaryAmount tax, MonetaryAmount shipping, MonetaryAmount shippingTax,
                MonetaryAmount restockingFee, boolean taxIncluded) {
            this(lineId, units, gross, lineDiscount, orderDiscount, tax, shipping, shippingTax, restockingFee,
                    taxIncluded, gross == null ? null : gross.multiply(0));
        }

        /**
         * @param lineId the order line
         * @param amount the goodwill given on it, {@code > 0}
         * @param taxIncluded whether the order's prices include their tax
         * @return the line of a goodwill refund
         */
        public static RefundLine goodwill(LineId lineId, MonetaryAmount amount, boolean taxIncluded) {
            MonetaryAmount zero = Amounts.zero(InvalidInputException.requireNonNull(amount, "goodwill").getCurrency());
            return new RefundLine(lineId, Quantity.ZERO, zero, zero, zero, zero, zero, zero, zero, taxIncluded, amount);
        }

        /** @return gross minus both discounts: what the units were sold for (before tax, unless included) */
        public MonetaryAmount merchandise() {
            return gross.subtract(lineDiscount).subtract(orderDiscount);
        }

        /** @return what this line gives back */
        public MonetaryAmount total() {
            MonetaryAmount total = merchandise().add(shipping).subtract(restockingFee).add(goodwill);
            return taxIncluded ? total : total.add(tax).add(shippingTax);
        }
    }

    /** Where refunded money goes. */
    public enum RefundMethod {
        /** Back to the payment the customer used, through the {@code PaymentGateway}. */
        ORIGINAL_PAYMENT,
        /** As store credit, through the {@code StoreCreditGateway}. */
        STORE_CREDIT,
        /**
         * Credited to an exchange's replacement order; no money leaves the merchant. Used by
         * exchanges only.
         */
        EXCHANGE_CREDIT
    }
}
