package dev.oms.spi.returns;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.Quantity;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * The refund of some units of one order line, part by part, so that a merchant can defend it:
 * what the units cost, the discounts they carried (their own and their share of the order's),
 * the tax on them, their share of the original shipping if the policy refunds it, and the
 * restocking fee.
 *
 * <p>{@code total = gross - lineDiscount - orderDiscount + tax + shipping + shippingTax - restockingFee}.
 * Every part is in whole minor units of one currency and not negative; the restocking fee never
 * exceeds the merchandise ({@code gross - lineDiscount - orderDiscount}).
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
 */
public record RefundLine(LineId lineId, Quantity units, MonetaryAmount gross, MonetaryAmount lineDiscount,
        MonetaryAmount orderDiscount, MonetaryAmount tax, MonetaryAmount shipping, MonetaryAmount shippingTax,
        MonetaryAmount restockingFee) {
    /** @throws InvalidInputException if a field is null, negative, in another currency, or the fee too high */
    public RefundLine {
        InvalidInputException.requireNonNull(lineId, "RefundLine.lineId");
        InvalidInputException.requireNonNull(units, "RefundLine.units");
        InvalidInputException.requireNonNull(gross, "RefundLine.gross");
        CurrencyUnit currency = gross.getCurrency();
        Amounts.requireCurrencyAndSign(gross, currency, "RefundLine.gross");
        Amounts.requireCurrencyAndSign(lineDiscount, currency, "RefundLine.lineDiscount");
        Amounts.requireCurrencyAndSign(orderDiscount, currency, "RefundLine.orderDiscount");
        Amounts.requireCurrencyAndSign(tax, currency, "RefundLine.tax");
        Amounts.requireCurrencyAndSign(shipping, currency, "RefundLine.shipping");
        Amounts.requireCurrencyAndSign(shippingTax, currency, "RefundLine.shippingTax");
        Amounts.requireCurrencyAndSign(restockingFee, currency, "RefundLine.restockingFee");
        MonetaryAmount merchandise = gross.subtract(lineDiscount).subtract(orderDiscount);
        if (merchandise.isNegative()) {
            throw new InvalidInputException("RefundLine", "line " + lineId + ": discounts " + lineDiscount + " + "
                    + orderDiscount + " exceed the gross " + gross);
        }
        if (restockingFee.isGreaterThan(merchandise)) {
            throw new InvalidInputException("RefundLine.restockingFee", "line " + lineId + ": fee " + restockingFee
                    + " exceeds the merchandise " + merchandise);
        }
    }

    /** @return gross minus both discounts: what the units were sold for, before tax */
    public MonetaryAmount merchandise() {
        return gross.subtract(lineDiscount).subtract(orderDiscount);
    }

    /** @return what this line gives back */
    public MonetaryAmount total() {
        return merchandise().add(tax).add(shipping).add(shippingTax).subtract(restockingFee);
    }
}
