package dev.oms.spi.payment;

import dev.oms.spi.Amounts;
import dev.oms.spi.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * The part of an order's grand total one payment method is to pay, when an order is accepted paid
 * several ways: "the gift card up to 30.00, the card for the rest".
 *
 * <p>A list of shares is authorised in its order. A share with an amount pays at most that much,
 * and less if less of the grand total is left (a gift card of 50.00 on an order of 40.00 pays
 * 40.00); the last share, and only the last, has no amount and pays the rest. So any split of any
 * grand total can be written, even one a tax engine only knows after the order is placed.
 *
 * @param method the way of paying
 * @param upTo the most it pays; empty for the rest of the grand total (the last share)
 */
public record PaymentShare(PaymentMethod method, Optional<MonetaryAmount> upTo) {
    /** The longest method id a share takes (the flow names the steps that authorise it by it). */
    public static final int MAX_METHOD_ID_LENGTH = 100;

    /**
     * @throws InvalidInputException if a field is null, or the amount not above zero or finer
     *     than its currency's minor unit
     */
    public PaymentShare {
        InvalidInputException.requireNonNull(method, "PaymentShare.method");
        InvalidInputException.requireNonNull(upTo, "PaymentShare.upTo");
        upTo.ifPresent(amount -> Amounts.requirePositive(amount, amount.getCurrency(), "PaymentShare.upTo"));
    }

    /**
     * @param method the way of paying
     * @param amount the most it pays, above zero, in whole minor units of its currency
     * @return the share
     * @throws InvalidInputException if either is null or the amount is not such an amount
     */
    public static PaymentShare upTo(PaymentMethod method, MonetaryAmount amount) {
        return new PaymentShare(method, Optional.of(InvalidInputException.requireNonNull(amount, "PaymentShare.upTo")));
    }

    /**
     * @param method the way of paying what the shares before it leave
     * @return the share
     */
    public static PaymentShare rest(PaymentMethod method) {
        return new PaymentShare(method, Optional.empty());
    }

    /**
     * Checks a list of shares for an order in a currency: at least one, none null, each method
     * named once and by an id of at most {@link #MAX_METHOD_ID_LENGTH} characters,
     * every amount in the currency and in whole minor units, and the last share, and only it,
     * without an amount.
     *
     * @param shares the shares
     * @param currency the order's currency
     * @param field names the list in errors
     * @return an unmodifiable copy
     * @throws InvalidInputException naming the share that is wrong
     */
    public static List<PaymentShare> requireValid(List<PaymentShare> shares, CurrencyUnit currency, String field) {
        InvalidInputException.requireNonNull(shares, field);
        for (int i = 0; i < shares.size(); i++) {
            InvalidInputException.requireNonNull(shares.get(i), field + "[" + i + "]");
        }
        List<PaymentShare> copy = List.copyOf(shares);
        if (copy.isEmpty()) {
            throw new InvalidInputException(field, "an order paid several ways names at least one share");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < copy.size(); i++) {
            PaymentShare share = copy.get(i);
            String at = field + "[" + i + "]";
            if (share.method().id().length() > MAX_METHOD_ID_LENGTH) {
                throw new InvalidInputException(at + ".method", "payment method id of " + share.method().id().length()
                        + " characters; a share's method id is at most " + MAX_METHOD_ID_LENGTH
                        + " (it names the steps that authorise it)");
            }
            if (!ids.add(share.method().id())) {
                throw new InvalidInputException(at + ".method", "payment method " + share.method().id()
                        + " is named twice");
            }
            boolean last = i == copy.size() - 1;
            if (last && share.upTo().isPresent()) {
                throw new InvalidInputException(at + ".upTo", "the last share pays the rest of the grand total, so it "
                        + "has no amount (PaymentShare.rest)");
            }
            if (!last && share.upTo().isEmpty()) {
                throw new InvalidInputException(at + ".upTo", "only the last share pays the rest; share " + i
                        + " of " + copy.size() + " needs an amount (PaymentShare.upTo)");
            }
            if (share.upTo().isPresent()) {
                Amounts.requirePositive(share.upTo().get(), currency, at + ".upTo");
            }
        }
        return copy;
    }
}
