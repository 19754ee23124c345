package dev.oms.spi.order;

import dev.oms.spi.CommandKey;
import dev.oms.spi.DraftId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReservationId;
import dev.oms.spi.order.Order.Discount;
import dev.oms.spi.order.Order.OrderHeader;
import dev.oms.spi.order.Order.ShippingCharge;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * A draft order or quote: what an agent or a business buyer puts together before it becomes an
 * order. Its content is exactly what a placement carries (header, lines, order discounts,
 * shipping charges), so it is priced by the same totals as an order and becomes one unchanged.
 *
 * <p>Life of a draft:
 * <pre>
 *   OPEN --send quote--&gt; QUOTED --buyer accepts before expiry--&gt; ACCEPTED --convert--&gt; CONVERTING --&gt; CONVERTED
 *    ^  \                  |  \--expiry (on the injected clock)--&gt; EXPIRED
 *    |   \--convert (an agent's draft order, no quote)------------&gt; CONVERTING --&gt; CONVERTED
 *    +----- edit (a quoted or expired draft goes back to OPEN; its quote is withdrawn) --+
 *   OPEN, QUOTED, ACCEPTED, EXPIRED --withdraw--&gt; WITHDRAWN
 * </pre>
 * A conversion first saves the draft as CONVERTING (version-checked, so it wins or loses against
 * an agent's edit or a withdrawal of the same version, and neither can change it after), then
 * places the order, then marks it CONVERTED.
 *
 * @param id the draft's id (its quote number), also the order's external order id
 * @param version 1 when created, one more with every save
 * @param status where the draft is in its life
 * @param author who created it (an agent's or a buyer's reference)
 * @param orderId the id the order will have: chosen when the draft is created, so that stock
 *     held for the quote is already the order's
 * @param header channel, customer, addresses, currency, terms; its placed-at is when the draft
 *     was last changed (the order is placed at the time its conversion began)
 * @param lines the lines, at least one, with their negotiated unit prices and discounts
 * @param discounts order-level discounts
 * @param shippingCharges delivery charges
 * @param manualDiscounts every manual discount given, with its reason, oldest first (a later one
 *     on the same line or code replaces the earlier one's amount)
 * @param quote the quote, once sent
 * @param heldStock the reservations that hold the quote's stock (for the order's id, lapsing at the
 *     quote's expiry), if the host asked for it
 * @param createdAt when it was created
 * @param updatedAt when it last changed; once converting, when its conversion began (its order's
 *     placed-at, kept by the final mark, so a repeated conversion places the same order)
 * @param lastKey the command key of the last change, so that repeating it returns this draft
 */
public record Draft(DraftId id, long version, Status status, String author, OrderId orderId, OrderHeader header,
        List<NewLine> lines, List<Discount> discounts, List<ShippingCharge> shippingCharges,
        List<ManualDiscount> manualDiscounts, Optional<Quote> quote, List<ReservationId> heldStock,
        Instant createdAt, Instant updatedAt, Optional<CommandKey> lastKey) {
    /** @throws InvalidInputException if a field is null, the version below 1 or there are no lines */
    public Draft {
        InvalidInputException.requireNonNull(id, "Draft.id");
        if (version < 1) {
            throw new InvalidInputException("Draft.version", "must be at least 1, was " + version);
        }
        InvalidInputException.requireNonNull(status, "Draft.status");
        InvalidInputException.requireCode(author, "Draft.author");
        InvalidInputException.requireNonNull(orderId, "Draft.orderId");
        InvalidInputException.requireNonNull(header, "Draft.header");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "Draft.lines"));
        if (lines.isEmpty()) {
            throw new InvalidInputException("Draft.lines", "a draft has at least one line");
        }
        discounts = List.copyOf(InvalidInputException.requireNonNull(discounts, "Draft.discounts"));
        shippingCharges = List.copyOf(InvalidInputException.requireNonNull(shippingCharges,
                "Draft.shippingCharges"));
        manualDiscounts = List.copyOf(InvalidInputException.requireNonNull(manualDiscounts,
                "Draft.manualDiscounts"));
        InvalidInputException.requireNonNull(quote, "Draft.quote");
        heldStock = List.copyOf(InvalidInputException.requireNonNull(heldStock, "Draft.heldStock"));
        InvalidInputException.requireNonNull(createdAt, "Draft.createdAt");
        InvalidInputException.requireNonNull(updatedAt, "Draft.updatedAt");
        InvalidInputException.requireNonNull(lastKey, "Draft.lastKey");
    }

    /** Where a draft is in its life. */
    public enum Status {
        /** Being put together; edited freely. */
        OPEN,
        /** Sent to the buyer as a quote; waits for acceptance until its expiry. */
        QUOTED,
        /** The buyer accepted the quote in time; waits to be converted. */
        ACCEPTED,
        /** The quote's expiry passed before the buyer accepted it; an edit opens it again. */
        EXPIRED,
        /** Its order is being placed; nothing else may change it. A conversion repeated finishes it. */
        CONVERTING,
        /** It became an order. Final. */
        CONVERTED,
        /** Given up. Final. */
        WITHDRAWN;

        /** @return whether nothing can change it any more */
        public boolean isFinal() {
            return this == CONVERTED || this == WITHDRAWN;
        }
    }

    /**
     * A quote as sent: what the buyer is asked to accept.
     *
     * @param sentAt when it was sent
     * @param expiresAt until when it can be accepted (after {@code sentAt})
     * @param grandTotal the grand total quoted, computed by the order's totals
     * @param acceptedAt when the buyer accepted it, if they did
     * @param acceptedBy who accepted it, if anybody did
     */
    public record Quote(Instant sentAt, Instant expiresAt, MonetaryAmount grandTotal, Optional<Instant> acceptedAt,
            Optional<String> acceptedBy) {
        /** @throws InvalidInputException if a field is null or the expiry is not after the sending */
        public Quote {
            InvalidInputException.requireNonNull(sentAt, "Quote.sentAt");
            InvalidInputException.requireNonNull(expiresAt, "Quote.expiresAt");
            if (!expiresAt.isAfter(sentAt)) {
                throw new InvalidInputException("Quote.expiresAt", expiresAt + " is not after the quote is sent ("
                        + sentAt + ")");
            }
            InvalidInputException.requireNonNull(grandTotal, "Quote.grandTotal");
            InvalidInputException.requireNonNull(acceptedAt, "Quote.acceptedAt");
            InvalidInputException.requireNonNull(acceptedBy, "Quote.acceptedBy");
            acceptedBy.ifPresent(by -> InvalidInputException.requireCode(by, "Quote.acceptedBy"));
        }

        /**
         * @param now the time
         * @return whether it can no longer be accepted at {@code now}
         */
        public boolean isExpiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    /**
     * A manual discount an agent gave, with the reason, kept for the record of the negotiation.
     *
     * @param line the line whose unit discount it sets, or empty for an order discount
     * @param code the order discount's code ({@code "manual"} for a line's)
     * @param amount the unit discount of the line, or the order discount's amount; zero takes it off
     * @param reason why (for example "volume agreed with buyer, call of 3 March"); empty once erased
     * @param agent who gave it
     * @param at when
     */
    public record ManualDiscount(Optional<LineId> line, String code, MonetaryAmount amount, String reason,
            String agent, Instant at) {
        /**
         * @throws InvalidInputException if a field is null, the code or agent blank, the reason longer than 1,000
         *     characters, or the amount negative (a draft edit refuses a blank reason; an erasure empties it)
         */
        public ManualDiscount {
            InvalidInputException.requireNonNull(line, "ManualDiscount.line");
            InvalidInputException.requireCode(code, "ManualDiscount.code");
            InvalidInputException.requireNonNull(amount, "ManualDiscount.amount");
            if (amount.isNegative()) {
                throw new InvalidInputException("ManualDiscount.amount", "must not be negative, was " + amount);
            }
            InvalidInputException.requireText(reason, "ManualDiscount.reason", 1000);
            InvalidInputException.requireCode(agent, "ManualDiscount.agent");
            InvalidInputException.requireNonNull(at, "ManualDiscount.at");
        }
    }

    /**
     * A draft operation its state does not allow (accepting an expired quote, editing a converted
     * draft, converting a quote the buyer has not accepted). Nothing changed.
     */
    public static class DraftRuleException extends OmsException {
        private static final long serialVersionUID = 1L;

        private final DraftId draftId;
        private final String rule;

        /**
         * @param draftId the draft
         * @param rule the rule's stable name
         * @param message what was refused and why
         */
        public DraftRuleException(DraftId draftId, String rule, String message) {
            super("draft " + draftId + ": " + message + " [rule " + rule + "]");
            this.draftId = draftId;
            this.rule = rule;
        }

        /** @return the draft */
        public DraftId draftId() {
            return draftId;
        }

        /** @return the stable name of the rule that refused */
        public String rule() {
            return rule;
        }
    }
}
