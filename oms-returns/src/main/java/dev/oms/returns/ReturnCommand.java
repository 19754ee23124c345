package dev.oms.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest.ReturnLabel;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.money.MonetaryAmount;

/**
 * Everything {@link ReturnDecider} decides about an existing return. {@link ReturnService} turns
 * what the host asks (approve, receive, refund, ...) into these after doing the effectful part
 * (calling the carrier, the payment provider, the inventory engine). Each command validates its
 * own fields on construction.
 */
public sealed interface ReturnCommand {
    /** @return the step, as the transition table names it */
    ReturnCommandKind kind();

    /**
     * Accept the request.
     *
     * @param returnLocation where the units go back to (required for returns and exchanges)
     */
    record Approve(Optional<LocationId> returnLocation) implements ReturnCommand {
        /** @throws InvalidInputException if the field is null */
        public Approve {
            InvalidInputException.requireNonNull(returnLocation, "Approve.returnLocation");
        }

        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.APPROVE;
        }
    }

    /**
     * Refuse the request.
     *
     * @param reason why (shown to the customer; no personal data)
     */
    record Reject(String reason) implements ReturnCommand {
        /** @throws InvalidInputException if the reason is null or too long */
        public Reject {
            InvalidInputException.requireText(reason, "Reject.reason", 512);
        }

        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.REJECT;
        }
    }

    /**
     * Record the label the carrier issued.
     *
     * @param label the label
     */
    record RecordLabel(ReturnLabel label) implements ReturnCommand {
        /** @throws InvalidInputException if the label is null */
        public RecordLabel {
            InvalidInputException.requireNonNull(label, "RecordLabel.label");
        }

        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.ISSUE_LABEL;
        }
    }

    /** The parcel is on its way back. */
    record MarkInTransit() implements ReturnCommand {
        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.MARK_IN_TRANSIT;
        }
    }

    /**
     * Units arrived.
     *
     * @param lines units per order line
     */
    record Receive(List<LineQuantity> lines) implements ReturnCommand {
        /** @throws InvalidInputException if the list is null, empty or names a line twice */
        public Receive {
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "Receive.lines"));
            if (lines.isEmpty()) {
                throw new InvalidInputException("Receive.lines", "at least one line");
            }
            Set<LineId> seen = new HashSet<>();
            for (LineQuantity l : lines) {
                if (!seen.add(l.lineId())) {
                    throw new InvalidInputException("Receive.lines", "line " + l.lineId() + " appears twice");
                }
            }
        }

        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.RECEIVE;
        }
    }

    /**
     * Received units were inspected.
     *
     * @param inspections per order line, covering every received unit not inspected yet
     */
    record Inspect(List<LineInspection> inspections) implements ReturnCommand {
        /** @throws InvalidInputException if the list is null or empty */
        public Inspect {
            inspections = List.copyOf(InvalidInputException.requireNonNull(inspections, "Inspect.inspections"));
            if (inspections.isEmpty()) {
                throw new InvalidInputException("Inspect.inspections", "at least one inspection");
            }
        }

        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.INSPECT;
        }
    }

    /**
     * Record the calculated refund (counted against the order's refund account in the same save).
     *
     * @param refund the refund
     */
    record RecordRefundCalculated(RefundBreakdown refund) implements ReturnCommand {
        /** @throws InvalidInputException if the refund is null */
        public RecordRefundCalculated {
            InvalidInputException.requireNonNull(refund, "RecordRefundCalculated.refund");
        }

        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.CALCULATE_REFUND;
        }
    }

    /**
     * Record that the refund was paid.
     *
     * @param amount what was paid; equal to the calculated refund's total
     * @param method where it went
     * @param reference the provider's reference, if money moved
     */
    record RecordRefunded(MonetaryAmount amount, RefundMethod method, Optional<PaymentReference> reference)
            implements ReturnCommand {
        /** @throws InvalidInputException if a field is null */
        public RecordRefunded {
            InvalidInputException.requireNonNull(amount, "RecordRefunded.amount");
            InvalidInputException.requireNonNull(method, "RecordRefunded.method");
            InvalidInputException.requireNonNull(reference, "RecordRefunded.reference");
        }

        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.REFUND;
        }
    }

    /**
     * Record that the replacement order was placed.
     *
     * @param orderId the replacement order
     */
    record RecordReplacementOrdered(OrderId orderId) implements ReturnCommand {
        /** @throws InvalidInputException if the id is null */
        public RecordReplacementOrdered {
            InvalidInputException.requireNonNull(orderId, "RecordReplacementOrdered.orderId");
        }

        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.ORDER_REPLACEMENT;
        }
    }

    /**
     * Record that the exchange or replacement was settled.
     *
     * @param credit the returned units' value credited to the replacement order
     * @param charged what the customer paid on top
     * @param refunded what the customer got back on top
     */
    record RecordExchanged(MonetaryAmount credit, MonetaryAmount charged, MonetaryAmount refunded)
            implements ReturnCommand {
        /** @throws InvalidInputException if a field is null */
        public RecordExchanged {
            InvalidInputException.requireNonNull(credit, "RecordExchanged.credit");
            InvalidInputException.requireNonNull(charged, "RecordExchanged.charged");
            InvalidInputException.requireNonNull(refunded, "RecordExchanged.refunded");
        }

        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.EXCHANGE;
        }
    }

    /** Nothing more to do. */
    record Close() implements ReturnCommand {
        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.CLOSE;
        }
    }

    /**
     * Withdraw the request before its units arrive.
     *
     * @param reason why (no personal data)
     */
    record Cancel(String reason) implements ReturnCommand {
        /** @throws InvalidInputException if the reason is null or too long */
        public Cancel {
            InvalidInputException.requireText(reason, "Cancel.reason", 512);
        }

        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.CANCEL;
        }
    }

    /**
     * Erase the personal data of the return's order from it: its customer reference becomes
     * {@code erased} and its note (the reject or cancel reason) empty, in the snapshot and in its
     * history; reason codes are kept. Allowed in every status, which it keeps.
     */
    record ErasePersonalData() implements ReturnCommand {
        @Override
        public ReturnCommandKind kind() {
            return ReturnCommandKind.ERASE_PERSONAL_DATA;
        }
    }

    /** The kinds of step a return can take, as {@link ReturnTransitions} names them. */
    enum ReturnCommandKind {
        /** Ask for a return, an exchange or a claim. */
        REQUEST,
        /** The merchant accepts it. */
        APPROVE,
        /** The merchant refuses it. */
        REJECT,
        /** Issue a prepaid return label. */
        ISSUE_LABEL,
        /** The parcel is on its way back. */
        MARK_IN_TRANSIT,
        /** Units arrived. */
        RECEIVE,
        /** Received units were inspected. */
        INSPECT,
        /** Count the refund against the order's refund account. */
        CALCULATE_REFUND,
        /** The refund was paid. */
        REFUND,
        /** A replacement order was placed. */
        ORDER_REPLACEMENT,
        /** The exchange or replacement was settled. */
        EXCHANGE,
        /** Nothing more to do. */
        CLOSE,
        /** Withdraw it before the units arrive. */
        CANCEL,
        /** Erase the order's personal data from it: not a lifecycle step, allowed in every status, which it keeps. */
        ERASE_PERSONAL_DATA;

        /** @return the kind in words, for diagrams and messages ({@code "issue label"}) */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }
}
