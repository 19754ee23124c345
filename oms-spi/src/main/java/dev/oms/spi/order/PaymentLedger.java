package dev.oms.spi.order;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * Running payment amounts of an order, all in the order's currency.
 *
 * <p>Invariants, checked on construction: {@code captured + voided <= authorised} and
 * {@code refunded <= captured}. So captured never exceeds authorised and refunded never exceeds
 * captured.
 *
 * @param authorised sum of all authorisations
 * @param captured sum of all captures
 * @param voided authorised amounts released without capture
 * @param refunded sum of all refunds
 */
public record PaymentLedger(MonetaryAmount authorised, MonetaryAmount captured, MonetaryAmount voided,
        MonetaryAmount refunded) {
    /**
     * @throws InvalidInputException if an amount is null, negative, in another currency, or an
     *     invariant is broken
     */
    public PaymentLedger {
        InvalidInputException.requireNonNull(authorised, "PaymentLedger.authorised");
        CurrencyUnit currency = authorised.getCurrency();
        Amounts.requireNonNegative(authorised, currency, "PaymentLedger.authorised");
        Amounts.requireNonNegative(captured, currency, "PaymentLedger.captured");
        Amounts.requireNonNegative(voided, currency, "PaymentLedger.voided");
        Amounts.requireNonNegative(refunded, currency, "PaymentLedger.refunded");
        if (captured.add(voided).isGreaterThan(authorised)) {
            throw new InvalidInputException("PaymentLedger",
                    "captured " + captured + " + voided " + voided + " exceeds authorised " + authorised);
        }
        if (refunded.isGreaterThan(captured)) {
            throw new InvalidInputException("PaymentLedger", "refunded " + refunded + " exceeds captured " + captured);
        }
    }

    /**
     * @param currency the order's currency
     * @return a ledger with nothing authorised
     */
    public static PaymentLedger empty(CurrencyUnit currency) {
        MonetaryAmount zero = Amounts.zero(currency);
        return new PaymentLedger(zero, zero, zero, zero);
    }

    /** @return authorised minus captured minus voided: what can still be captured */
    public MonetaryAmount capturable() {
        return authorised.subtract(captured).subtract(voided);
    }

    /** @return captured minus refunded: what can still be refunded */
    public MonetaryAmount refundable() {
        return captured.subtract(refunded);
    }

    /** @return this ledger after an authorisation of {@code amount} */
    public PaymentLedger authorise(MonetaryAmount amount) {
        return new PaymentLedger(authorised.add(amount), captured, voided, refunded);
    }

    /** @return this ledger after a capture of {@code amount} */
    public PaymentLedger capture(MonetaryAmount amount) {
        return new PaymentLedger(authorised, captured.add(amount), voided, refunded);
    }

    /** @return this ledger after voiding {@code amount} of the authorisation */
    public PaymentLedger voidAuthorisation(MonetaryAmount amount) {
        return new PaymentLedger(authorised, captured, voided.add(amount), refunded);
    }

    /** @return this ledger after a refund of {@code amount} */
    public PaymentLedger refund(MonetaryAmount amount) {
        return new PaymentLedger(authorised, captured, voided, refunded.add(amount));
    }
}
