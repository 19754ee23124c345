package dev.oms.spi.order;

import dev.oms.spi.InvalidInputException;
import java.time.LocalDate;

/**
 * What a business buyer's order carries beyond a consumer's: the company account it is billed
 * to, the buyer who placed it for the company (whose approval limit applies), the buyer's
 * purchase-order number, and the payment terms of its invoice.
 *
 * @param company the company account's reference (a code)
 * @param buyer the buyer's reference within the company (a code)
 * @param purchaseOrder the buyer's purchase-order number, 1 to {@value #MAX_PURCHASE_ORDER_LENGTH}
 *     characters, as the buyer wrote it
 * @param paymentTerms when the invoice is due
 */
public record B2bTerms(String company, String buyer, String purchaseOrder, PaymentTerms paymentTerms) {
    /** The longest purchase-order number. */
    public static final int MAX_PURCHASE_ORDER_LENGTH = 64;

    /** @throws InvalidInputException if a part is null or malformed */
    public B2bTerms {
        InvalidInputException.requireCode(company, "B2bTerms.company");
        InvalidInputException.requireCode(buyer, "B2bTerms.buyer");
        InvalidInputException.requireText(purchaseOrder, "B2bTerms.purchaseOrder", MAX_PURCHASE_ORDER_LENGTH);
        if (purchaseOrder.isBlank()) {
            throw new InvalidInputException("B2bTerms.purchaseOrder", "must not be blank");
        }
        InvalidInputException.requireNonNull(paymentTerms, "B2bTerms.paymentTerms");
    }

    /**
     * @param invoiceDate the day the invoice was issued (its capture)
     * @return the day it is due
     */
    public LocalDate dueDate(LocalDate invoiceDate) {
        return paymentTerms.dueDate(invoiceDate);
    }

    /** When an invoice is due, counted in calendar days from its date. */
    public enum PaymentTerms {
        /** On the invoice date. */
        DUE_ON_RECEIPT(0),
        /** Fifteen days after it. */
        NET_15(15),
        /** Thirty days after it. */
        NET_30(30),
        /** Sixty days after it. */
        NET_60(60);

        private final int days;

        PaymentTerms(int days) {
            this.days = days;
        }

        /** @return the days from the invoice date to the due date */
        public int days() {
            return days;
        }

        /**
         * @param invoiceDate the invoice's date
         * @return its due date
         * @throws InvalidInputException if the date is null
         */
        public LocalDate dueDate(LocalDate invoiceDate) {
            return InvalidInputException.requireNonNull(invoiceDate, "invoiceDate").plusDays(days);
        }
    }
}
