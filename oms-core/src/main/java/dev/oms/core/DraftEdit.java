package dev.oms.core;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.order.Order.ShippingCharge;
import dev.oms.spi.order.OrderEdit;
import java.util.List;
import javax.money.MonetaryAmount;

/**
 * One change of a draft (see {@link Drafts#edit}): any change an order allows, and the prices,
 * which an order keeps as placed and a draft is where they are negotiated. Several changes are
 * applied together, in order, or not at all.
 */
public sealed interface DraftEdit {
    /**
     * A change as an order edit makes it: add or remove a line, change a quantity, the shipping
     * address or the custom attributes.
     *
     * @param edit the change
     */
    record Change(OrderEdit edit) implements DraftEdit {
        /** @throws InvalidInputException if the edit is null */
        public Change {
            InvalidInputException.requireNonNull(edit, "Change.edit");
        }
    }

    /**
     * Sets a line's unit price (a negotiated price); its discount stays, and must not exceed it.
     *
     * @param lineId the line
     * @param unitPrice the new price of one unit
     */
    record Reprice(LineId lineId, MonetaryAmount unitPrice) implements DraftEdit {
        /** @throws InvalidInputException if a field is null or the price negative */
        public Reprice {
            InvalidInputException.requireNonNull(lineId, "Reprice.lineId");
            InvalidInputException.requireNonNull(unitPrice, "Reprice.unitPrice");
            if (unitPrice.isNegative()) {
                throw new InvalidInputException("Reprice.unitPrice", "must not be negative, was " + unitPrice);
            }
        }
    }

    /**
     * Gives a manual discount on each unit of a line, with its reason (recorded in
     * {@code Draft.manualDiscounts}); zero takes it off.
     *
     * @param lineId the line
     * @param unitDiscount the discount on one unit, at most its price
     * @param reason why it is given
     */
    record LineDiscount(LineId lineId, MonetaryAmount unitDiscount, String reason) implements DraftEdit {
        /**
         * @throws InvalidInputException if a field is null, the discount negative, or the reason blank or
         *     longer than 1,000 characters
         */
        public LineDiscount {
            InvalidInputException.requireNonNull(lineId, "LineDiscount.lineId");
            requireNotNegative(unitDiscount, "LineDiscount.unitDiscount");
            requireReason(reason, "LineDiscount.reason");
        }
    }

    /**
     * Gives a manual discount on the whole draft under a code, with its reason; zero takes the
     * code's discount off.
     *
     * @param code the discount's code
     * @param amount its amount
     * @param reason why it is given
     */
    record OrderDiscount(String code, MonetaryAmount amount, String reason) implements DraftEdit {
        /**
         * @throws InvalidInputException if a field is null, the code blank, the amount negative, or the reason
         *     blank or longer than 1,000 characters
         */
        public OrderDiscount {
            InvalidInputException.requireCode(code, "OrderDiscount.code");
            requireNotNegative(amount, "OrderDiscount.amount");
            requireReason(reason, "OrderDiscount.reason");
        }
    }

    /**
     * Replaces the delivery charges.
     *
     * @param charges the new charges (none: free delivery)
     */
    record Shipping(List<ShippingCharge> charges) implements DraftEdit {
        /** @throws InvalidInputException if the list is null */
        public Shipping {
            charges = List.copyOf(InvalidInputException.requireNonNull(charges, "Shipping.charges"));
        }
    }

    private static void requireReason(String reason, String field) {
        if (InvalidInputException.requireText(reason, field, 1000).isBlank()) {
            throw new InvalidInputException(field, "a manual discount says why it is given");
        }
    }

    private static void requireNotNegative(MonetaryAmount amount, String field) {
        if (InvalidInputException.requireNonNull(amount, field).isNegative()) {
            throw new InvalidInputException(field, "must not be negative, was " + amount);
        }
    }
}
