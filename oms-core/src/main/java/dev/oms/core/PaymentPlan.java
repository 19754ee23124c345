package dev.oms.core;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.order.Order.PaymentLedger.MethodLedger;
import dev.oms.spi.payment.PaymentMethod.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * In which order {@link OrderPayments} draws on the payment methods of an order paid several
 * ways: captures (and voids) in {@link #captureOrder}, refunds in {@link #refundOrder}, methods of
 * one kind in the order they were first authorised. A capture takes what it can from the first
 * method, the rest from the next, and so on.
 *
 * <p>{@link #standard()} captures balances first (gift card, store credit, then card, bank
 * transfer, invoice), so a gift card is spent before the card is charged, and refunds money to
 * the customer first (card, bank transfer, invoice, then store credit, gift card), so a partial
 * refund goes back to the card and the balances are refunded last.
 *
 * @param captureOrder every kind, once, in the order captures and voids draw on them
 * @param refundOrder every kind, once, in the order refunds draw on them
 */
public record PaymentPlan(List<Kind> captureOrder, List<Kind> refundOrder) {
    private static final PaymentPlan STANDARD = new PaymentPlan(
            List.of(Kind.GIFT_CARD, Kind.STORE_CREDIT, Kind.CARD, Kind.BANK_TRANSFER, Kind.INVOICE),
            List.of(Kind.CARD, Kind.BANK_TRANSFER, Kind.INVOICE, Kind.STORE_CREDIT, Kind.GIFT_CARD));

    /** @throws InvalidInputException if an order is null or does not name every kind exactly once */
    public PaymentPlan {
        captureOrder = requireEveryKind(captureOrder, "PaymentPlan.captureOrder");
        refundOrder = requireEveryKind(refundOrder, "PaymentPlan.refundOrder");
    }

    /** @return balances first on capture, the card first on refund */
    public static PaymentPlan standard() {
        return STANDARD;
    }

    /**
     * @param methods an order's method ledgers, in the order first authorised
     * @param refunding whether for a refund (else a capture or a void)
     * @return them in the order this plan draws on them
     */
    public List<MethodLedger> inOrder(List<MethodLedger> methods, boolean refunding) {
        List<Kind> order = refunding ? refundOrder : captureOrder;
        List<MethodLedger> sorted = new ArrayList<>(methods);
        sorted.sort(Comparator.comparingInt(m -> order.indexOf(m.method().kind())));   // stable: first authorised first
        return sorted;
    }

    private static List<Kind> requireEveryKind(List<Kind> kinds, String field) {
        List<Kind> copy = List.copyOf(InvalidInputException.requireNonNull(kinds, field));
        if (copy.size() != Kind.values().length || !EnumSet.copyOf(copy).equals(EnumSet.allOf(Kind.class))) {
            throw new InvalidInputException(field, "names every payment method kind exactly once (was " + copy + ")");
        }
        return copy;
    }
}
