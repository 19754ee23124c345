package dev.oms.spi.returns;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.money.MonetaryAmount;

/**
 * A refund, line by line, with the return shipping fee the customer pays and where the money goes.
 *
 * <p>{@code total = sum of line totals - returnShippingFee}; the fee never exceeds the lines'
 * sum, so the total is never negative. Lines are unique by order line.
 *
 * @param lines one entry per order line refunded
 * @param returnShippingFee the return shipping the customer pays (zero when the merchant pays)
 * @param method where the money goes
 */
public record RefundBreakdown(List<RefundLine> lines, MonetaryAmount returnShippingFee, RefundMethod method) {
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
            sum = sum.add(Amounts.requireCurrencyAndSign(line.total(), returnShippingFee.getCurrency(),
                    "RefundBreakdown.lines"));
        }
        Amounts.requireCurrencyAndSign(returnShippingFee, returnShippingFee.getCurrency(),
                "RefundBreakdown.returnShippingFee");
        if (returnShippingFee.isGreaterThan(sum)) {
            throw new InvalidInputException("RefundBreakdown.returnShippingFee", "fee " + returnShippingFee
                    + " exceeds the refund of the lines " + sum);
        }
    }

    /** @return what the customer gets back */
    public MonetaryAmount total() {
        MonetaryAmount sum = Amounts.zero(returnShippingFee.getCurrency());
        for (RefundLine line : lines) {
            sum = sum.add(line.total());
        }
        return sum.subtract(returnShippingFee);
    }
}
