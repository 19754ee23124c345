package dev.oms.spi.payment;

import dev.oms.spi.InvalidInputException;

/**
 * One way an order is paid, among several (a card and a gift card, store credit and a card, an
 * invoice): each has its own authorisations, captures, voids and refunds in the order's
 * {@link dev.oms.spi.order.Order.PaymentLedger}, and none of them may capture more than it
 * authorised or refund more than it captured.
 *
 * <p>The id is the host's name for the method (for example {@code card}); for a balance (a gift
 * card, store credit) the host's reference to the balance account (for example {@code gift-1}),
 * which a balance gateway finds the account by. Never a card number or a gift card's code:
 * events carry it to every subscriber.
 *
 * @param id the method's name, or its balance account's reference: a code, at most 128 characters
 * @param kind what it is
 */
public record PaymentMethod(String id, Kind kind) {
    /** @throws InvalidInputException if a field is null or the id not a code */
    public PaymentMethod {
        InvalidInputException.requireCode(id, "PaymentMethod.id");
        InvalidInputException.requireNonNull(kind, "PaymentMethod.kind");
    }

    /**
     * @param id the method's name within the order
     * @param kind what it is
     * @return the method
     */
    public static PaymentMethod of(String id, Kind kind) {
        return new PaymentMethod(id, kind);
    }

    /** What a payment method is. */
    public enum Kind {
        /** A card or wallet through the host's payment provider. */
        CARD,
        /** A gift card: a balance the host keeps. */
        GIFT_CARD,
        /** The customer's store credit: a balance the host keeps. */
        STORE_CREDIT,
        /** An invoice (B2B): captured when invoiced, settled later. */
        INVOICE,
        /** A bank transfer the customer makes. */
        BANK_TRANSFER
    }
}
