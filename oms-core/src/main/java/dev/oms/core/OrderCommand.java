package dev.oms.core;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.ShipmentId;
import dev.oms.spi.order.CancelReason;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.OrderEdit;
import dev.oms.spi.payment.PaymentMethod;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.money.MonetaryAmount;

/**
 * Everything that can be asked of an order: the closed family of commands the
 * {@link OrderDecider} decides. Each command validates its own fields on construction and
 * throws {@link InvalidInputException} (or a subclass) for a null, blank, zero or negative value;
 * rules that depend on the order's state are the decider's.
 */
public sealed interface OrderCommand {
    /** @return the kind, as the transition table names it */
    CommandKind kind();

    /** Accept a pending order for fulfilment. */
    record Confirm() implements OrderCommand {
        @Override
        public CommandKind kind() {
            return CommandKind.CONFIRM;
        }
    }

    /**
     * Put the order on hold; any active hold blocks allocation and shipment.
     *
     * @param type the kind of hold
     * @param code names the hold within its kind (two holds of one kind need different codes)
     * @param reason why (no personal data)
     */
    record PlaceHold(HoldType type, String code, String reason) implements OrderCommand {
        /** @throws InvalidInputException if a field is null or the code blank */
        public PlaceHold {
            InvalidInputException.requireNonNull(type, "PlaceHold.type");
            InvalidInputException.requireCode(code, "PlaceHold.code");
            InvalidInputException.requireText(reason, "PlaceHold.reason", 512);
        }

        /**
         * A hold whose code is its kind's name.
         *
         * @param type the kind
         * @param reason why
         * @return the command
         */
        public static PlaceHold of(HoldType type, String reason) {
            return new PlaceHold(type, type.name(), reason);
        }

        @Override
        public CommandKind kind() {
            return CommandKind.PLACE_HOLD;
        }
    }

    /**
     * Release an active hold.
     *
     * @param type the kind of hold
     * @param code the code it was placed with
     * @param note why it is released
     */
    record ReleaseHold(HoldType type, String code, String note) implements OrderCommand {
        /** @throws InvalidInputException if a field is null or the code blank */
        public ReleaseHold {
            InvalidInputException.requireNonNull(type, "ReleaseHold.type");
            InvalidInputException.requireCode(code, "ReleaseHold.code");
            InvalidInputException.requireText(note, "ReleaseHold.note", 512);
        }

        /**
         * Releases the hold whose code is its kind's name.
         *
         * @param type the kind
         * @param note why
         * @return the command
         */
        public static ReleaseHold of(HoldType type, String note) {
            return new ReleaseHold(type, type.name(), note);
        }

        @Override
        public CommandKind kind() {
            return CommandKind.RELEASE_HOLD;
        }
    }

    /**
     * Cancel the whole order: every unit not yet shipped. Refused once anything shipped; cancel
     * the remaining quantity line by line instead.
     *
     * @param reason why
     * @param note free text (no personal data)
     */
    record Cancel(CancelReason reason, String note) implements OrderCommand {
        /** @throws InvalidInputException if a field is null */
        public Cancel {
            InvalidInputException.requireNonNull(reason, "Cancel.reason");
            InvalidInputException.requireText(note, "Cancel.note", 512);
        }

        @Override
        public CommandKind kind() {
            return CommandKind.CANCEL;
        }
    }

    /**
     * Cancel some unshipped units of one line: unallocated units first, then allocated ones
     * (whose reservation must be released). Cancelling the last open unit of the order cancels
     * the order.
     *
     * @param lineId the line
     * @param quantity units, {@code > 0}
     * @param reason why
     * @param note free text (no personal data)
     */
    record CancelLine(LineId lineId, Quantity quantity, CancelReason reason, String note) implements OrderCommand {
        /** @throws InvalidInputException if a field is null or the quantity zero */
        public CancelLine {
            InvalidInputException.requireNonNull(lineId, "CancelLine.lineId");
            Quantity.requirePositive(quantity, "CancelLine.quantity");
            InvalidInputException.requireNonNull(reason, "CancelLine.reason");
            InvalidInputException.requireText(note, "CancelLine.note", 512);
        }

        @Override
        public CommandKind kind() {
            return CommandKind.CANCEL_LINE;
        }
    }

    /**
     * Change the order before fulfilment starts; preview it first with
     * {@link OrderService#previewEdit} to show the customer the money difference.
     *
     * @param edits the changes, applied in order, all or none
     */
    record Edit(List<OrderEdit> edits) implements OrderCommand {
        /** @throws InvalidInputException if the list is null or empty */
        public Edit {
            edits = List.copyOf(InvalidInputException.requireNonNull(edits, "Edit.edits"));
            if (edits.isEmpty()) {
                throw new InvalidInputException("Edit.edits", "an edit has at least one change");
            }
        }

        /**
         * @param edits the changes
         * @return the command
         */
        public static Edit of(OrderEdit... edits) {
            return new Edit(List.of(edits));
        }

        @Override
        public CommandKind kind() {
            return CommandKind.EDIT;
        }
    }

    /**
     * Record that the payment provider authorised an amount. Releases a hold placed by an
     * earlier decline ({@link OrderDecider#DECLINE_HOLD_CODE}).
     *
     * @param amount positive, in the order's currency
     * @param reference the provider's reference
     * @param method the payment method authorised, where the order is paid several ways (see
     *     {@link dev.oms.spi.order.Order.PaymentLedger}); empty where it is paid one way
     */
    record RecordAuthorisation(MonetaryAmount amount, PaymentReference reference, Optional<PaymentMethod> method)
            implements OrderCommand {
        /** @throws InvalidInputException if a field is null */
        public RecordAuthorisation {
            InvalidInputException.requireNonNull(amount, "RecordAuthorisation.amount");
            InvalidInputException.requireNonNull(reference, "RecordAuthorisation.reference");
            InvalidInputException.requireNonNull(method, "RecordAuthorisation.method");
        }

        /**
         * A payment that names no method (the order is paid one way).
         *
         * @param amount positive, in the order's currency
         * @param reference the provider's reference
         */
        public RecordAuthorisation(MonetaryAmount amount, PaymentReference reference) {
            this(amount, reference, Optional.empty());
        }

        @Override
        public CommandKind kind() {
            return CommandKind.RECORD_AUTHORISATION;
        }
    }

    /**
     * Record that the payment provider declined an authorisation; places a payment hold.
     *
     * @param amount the amount refused
     * @param reason the provider's reason
     * @param method the way of paying that was declined; empty on an order paid one way
     */
    record RecordDecline(MonetaryAmount amount, String reason, Optional<PaymentMethod> method)
            implements OrderCommand {
        /** @throws InvalidInputException if a field is null */
        public RecordDecline {
            InvalidInputException.requireNonNull(amount, "RecordDecline.amount");
            InvalidInputException.requireText(reason, "RecordDecline.reason", 512);
            InvalidInputException.requireNonNull(method, "RecordDecline.method");
        }

        /**
         * A decline on an order paid one way.
         *
         * @param amount the amount refused
         * @param reason the provider's reason
         */
        public RecordDecline(MonetaryAmount amount, String reason) {
            this(amount, reason, Optional.empty());
        }

        @Override
        public CommandKind kind() {
            return CommandKind.RECORD_DECLINE;
        }
    }

    /**
     * Record a capture; refused above what is authorised and not yet captured or voided.
     *
     * @param amount positive, in the order's currency
     * @param reference the provider's reference
     * @param method the payment method captured, where the order is paid several ways (see
     *     {@link dev.oms.spi.order.Order.PaymentLedger}); empty where it is paid one way
     */
    record RecordCapture(MonetaryAmount amount, PaymentReference reference, Optional<PaymentMethod> method)
            implements OrderCommand {
        /** @throws InvalidInputException if a field is null */
        public RecordCapture {
            InvalidInputException.requireNonNull(amount, "RecordCapture.amount");
            InvalidInputException.requireNonNull(reference, "RecordCapture.reference");
            InvalidInputException.requireNonNull(method, "RecordCapture.method");
        }

        /**
         * A payment that names no method (the order is paid one way).
         *
         * @param amount positive, in the order's currency
         * @param reference the provider's reference
         */
        public RecordCapture(MonetaryAmount amount, PaymentReference reference) {
            this(amount, reference, Optional.empty());
        }

        @Override
        public CommandKind kind() {
            return CommandKind.RECORD_CAPTURE;
        }
    }

    /**
     * Promises the customer when lines will be delivered: when their production is planned, and
     * again when a late stage moves the date ({@code OrderFlow} sends it; a host may too).
     * Recorded as {@code DeliveryPromised}, which changes nothing else of the order.
     *
     * @param lines the lines, each once, with units not yet shipped
     * @param promisedBy the promised delivery, as an instant
     * @param lateStage the stage whose lateness moved the promise, if one did
     * @param note what the host may tell the customer, at most 1,000 characters
     */
    record PromiseDelivery(List<LineId> lines, Instant promisedBy, Optional<String> lateStage, String note)
            implements OrderCommand {
        /** @throws InvalidInputException if a field is null, a line repeats or there are none */
        public PromiseDelivery {
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "PromiseDelivery.lines"));
            if (lines.isEmpty() || new HashSet<>(lines).size() != lines.size()) {
                throw new InvalidInputException("PromiseDelivery.lines", "at least one line, each once");
            }
            InvalidInputException.requireNonNull(promisedBy, "PromiseDelivery.promisedBy");
            InvalidInputException.requireNonNull(lateStage, "PromiseDelivery.lateStage")
                    .ifPresent(stage -> InvalidInputException.requireCode(stage, "PromiseDelivery.lateStage"));
            InvalidInputException.requireText(note, "PromiseDelivery.note", 1000);
        }

        @Override
        public CommandKind kind() {
            return CommandKind.PROMISE_DELIVERY;
        }
    }

    /**
     * Record what the buyer paid against an invoice: the capture of an
     * {@link PaymentMethod.Kind#INVOICE} method is the invoice, and its settlement comes later (a
     * bank transfer on the due date, say), also after the order completed or was cancelled.
     *
     * @param amount positive, at most what the method captured and has not settled yet
     * @param reference the payment's reference
     * @param method the invoice method it was paid against
     */
    record RecordSettlement(MonetaryAmount amount, PaymentReference reference, PaymentMethod method)
            implements OrderCommand {
        /** @throws InvalidInputException if a field is null */
        public RecordSettlement {
            InvalidInputException.requireNonNull(amount, "RecordSettlement.amount");
            InvalidInputException.requireNonNull(reference, "RecordSettlement.reference");
            InvalidInputException.requireNonNull(method, "RecordSettlement.method");
        }

        @Override
        public CommandKind kind() {
            return CommandKind.RECORD_SETTLEMENT;
        }
    }

    /**
     * Record that an authorised amount was released without capture.
     *
     * @param amount positive, at most what can still be captured
     * @param reference the provider's reference
     * @param method the payment method voided, where the order is paid several ways (see
     *     {@link dev.oms.spi.order.Order.PaymentLedger}); empty where it is paid one way
     */
    record RecordVoid(MonetaryAmount amount, PaymentReference reference, Optional<PaymentMethod> method)
            implements OrderCommand {
        /** @throws InvalidInputException if a field is null */
        public RecordVoid {
            InvalidInputException.requireNonNull(amount, "RecordVoid.amount");
            InvalidInputException.requireNonNull(reference, "RecordVoid.reference");
            InvalidInputException.requireNonNull(method, "RecordVoid.method");
        }

        /**
         * A payment that names no method (the order is paid one way).
         *
         * @param amount positive, in the order's currency
         * @param reference the provider's reference
         */
        public RecordVoid(MonetaryAmount amount, PaymentReference reference) {
            this(amount, reference, Optional.empty());
        }

        @Override
        public CommandKind kind() {
            return CommandKind.RECORD_VOID;
        }
    }

    /**
     * Record a refund; refused above what is captured and not yet refunded.
     *
     * @param amount positive, in the order's currency
     * @param reference the provider's reference
     * @param method the payment method refunded, where the order is paid several ways (see
     *     {@link dev.oms.spi.order.Order.PaymentLedger}); empty where it is paid one way
     */
    record RecordRefund(MonetaryAmount amount, PaymentReference reference, Optional<PaymentMethod> method)
            implements OrderCommand {
        /** @throws InvalidInputException if a field is null */
        public RecordRefund {
            InvalidInputException.requireNonNull(amount, "RecordRefund.amount");
            InvalidInputException.requireNonNull(reference, "RecordRefund.reference");
            InvalidInputException.requireNonNull(method, "RecordRefund.method");
        }

        /**
         * A payment that names no method (the order is paid one way).
         *
         * @param amount positive, in the order's currency
         * @param reference the provider's reference
         */
        public RecordRefund(MonetaryAmount amount, PaymentReference reference) {
            this(amount, reference, Optional.empty());
        }

        @Override
        public CommandKind kind() {
            return CommandKind.RECORD_REFUND;
        }
    }

    /**
     * Record that open units were allocated to a location (called by fulfilment routing).
     *
     * @param location the fulfilling location
     * @param lines units per line; a line may appear once
     */
    record Allocate(LocationId location, List<LineQuantity> lines) implements OrderCommand {
        /** @throws InvalidInputException if a field is null, the list empty or a line repeated */
        public Allocate {
            InvalidInputException.requireNonNull(location, "Allocate.location");
            lines = requireLines(lines, "Allocate.lines");
        }

        @Override
        public CommandKind kind() {
            return CommandKind.ALLOCATE;
        }
    }

    /**
     * Record that allocated units went back to unallocated (re-routing, a failed pick).
     *
     * @param location the location they were allocated to
     * @param lines units per line
     */
    record Deallocate(LocationId location, List<LineQuantity> lines) implements OrderCommand {
        /** @throws InvalidInputException if a field is null, the list empty or a line repeated */
        public Deallocate {
            InvalidInputException.requireNonNull(location, "Deallocate.location");
            lines = requireLines(lines, "Deallocate.lines");
        }

        @Override
        public CommandKind kind() {
            return CommandKind.DEALLOCATE;
        }
    }

    /**
     * Record that allocated units shipped.
     *
     * @param shipment the shipment carrying them
     * @param lines units per line
     */
    record Ship(ShipmentId shipment, List<LineQuantity> lines) implements OrderCommand {
        /** @throws InvalidInputException if a field is null, the list empty or a line repeated */
        public Ship {
            InvalidInputException.requireNonNull(shipment, "Ship.shipment");
            lines = requireLines(lines, "Ship.lines");
        }

        @Override
        public CommandKind kind() {
            return CommandKind.SHIP;
        }
    }

    /**
     * Record that units in transit were delivered.
     *
     * @param shipment the shipment that delivered them
     * @param lines units per line
     * @param deliveredAt when the carrier says they were delivered; empty for now. A time after
     *     the decision's is taken as the decision's (a carrier's clock running ahead)
     */
    record Deliver(ShipmentId shipment, List<LineQuantity> lines, Optional<Instant> deliveredAt)
            implements OrderCommand {
        /** @throws InvalidInputException if a field is null, the list empty or a line repeated */
        public Deliver {
            InvalidInputException.requireNonNull(shipment, "Deliver.shipment");
            lines = requireLines(lines, "Deliver.lines");
            InvalidInputException.requireNonNull(deliveredAt, "Deliver.deliveredAt");
        }

        /**
         * Delivered now.
         *
         * @param shipment the shipment
         * @param lines units per line
         */
        public Deliver(ShipmentId shipment, List<LineQuantity> lines) {
            this(shipment, lines, Optional.empty());
        }

        @Override
        public CommandKind kind() {
            return CommandKind.DELIVER;
        }
    }

    /**
     * Record that units in transit were lost by the carrier, once the merchant settled the claim
     * (refund or free replacement): they will not be delivered, and the order can complete
     * without them.
     *
     * @param lines units per line, at most what is in transit
     * @param note why, for example the claim that settled it
     */
    record RecordLoss(List<LineQuantity> lines, String note) implements OrderCommand {
        /** @throws InvalidInputException if a field is null, the list empty or a line repeated */
        public RecordLoss {
            lines = requireLines(lines, "RecordLoss.lines");
            InvalidInputException.requireNonNull(note, "RecordLoss.note");
        }

        @Override
        public CommandKind kind() {
            return CommandKind.RECORD_LOSS;
        }
    }

    /**
     * Record that delivered units came back.
     *
     * @param returnId the return that brought them
     * @param lines units per line
     */
    record RecordReturn(ReturnId returnId, List<LineQuantity> lines) implements OrderCommand {
        /** @throws InvalidInputException if a field is null, the list empty or a line repeated */
        public RecordReturn {
            InvalidInputException.requireNonNull(returnId, "RecordReturn.returnId");
            lines = requireLines(lines, "RecordReturn.lines");
        }

        @Override
        public CommandKind kind() {
            return CommandKind.RECORD_RETURN;
        }
    }

    /** Complete an order whose every open unit was delivered (or lost, with its claim settled). */
    record Complete() implements OrderCommand {
        @Override
        public CommandKind kind() {
            return CommandKind.COMPLETE;
        }
    }

    /** Archive a completed or cancelled order; it accepts no command after that but {@link ErasePersonalData}. */
    record Archive() implements OrderCommand {
        @Override
        public CommandKind kind() {
            return CommandKind.ARCHIVE;
        }
    }

    /**
     * Erase the personal data of an order that ended (completed, cancelled or archived): its
     * addresses keep only their country, its customer reference becomes {@code erased}, and every
     * free text (hold reasons, notes, decline reasons) becomes empty, in the snapshot and in every
     * earlier event of its history, which the store rewrites in the same save. Totals, quantities,
     * payments and the history's events themselves are kept. For a GDPR erasure request; the
     * order flow's {@code erasePersonalData} erases the order's processes too.
     */
    record ErasePersonalData() implements OrderCommand {
        @Override
        public CommandKind kind() {
            return CommandKind.ERASE_PERSONAL_DATA;
        }
    }

    private static List<LineQuantity> requireLines(List<LineQuantity> lines, String field) {
        List<LineQuantity> copy = List.copyOf(InvalidInputException.requireNonNull(lines, field));
        if (copy.isEmpty()) {
            throw new InvalidInputException(field, "at least one line");
        }
        Set<LineId> seen = new HashSet<>();
        for (LineQuantity line : copy) {
            if (!seen.add(line.lineId())) {
                throw new InvalidInputException(field, "line " + line.lineId() + " appears twice");
            }
        }
        return copy;
    }

    /**
     * The kinds of order command, as the {@link TransitionTable} names them.
     */
    enum CommandKind {
        /** {@link PlaceOrder}. */
        PLACE,
        /** {@link OrderCommand.Confirm}. */
        CONFIRM,
        /** {@link OrderCommand.PlaceHold}. */
        PLACE_HOLD,
        /** {@link OrderCommand.ReleaseHold}. */
        RELEASE_HOLD,
        /** {@link OrderCommand.Cancel}. */
        CANCEL,
        /** {@link OrderCommand.CancelLine}. */
        CANCEL_LINE,
        /** {@link OrderCommand.Edit}. */
        EDIT,
        /** {@link OrderCommand.RecordAuthorisation}. */
        RECORD_AUTHORISATION,
        /** {@link OrderCommand.RecordDecline}. */
        RECORD_DECLINE,
        /** {@link OrderCommand.RecordCapture}. */
        RECORD_CAPTURE,
        /** {@link OrderCommand.RecordVoid}. */
        RECORD_VOID,
        /** {@link OrderCommand.RecordSettlement}. */
        RECORD_SETTLEMENT,
        /** {@link OrderCommand.RecordRefund}. */
        RECORD_REFUND,
        /** {@link OrderCommand.PromiseDelivery}. */
        PROMISE_DELIVERY,
        /** {@link OrderCommand.Allocate}. */
        ALLOCATE,
        /** {@link OrderCommand.Deallocate}. */
        DEALLOCATE,
        /** {@link OrderCommand.Ship}. */
        SHIP,
        /** {@link OrderCommand.Deliver}. */
        DELIVER,
        /** {@link OrderCommand.RecordLoss}. */
        RECORD_LOSS,
        /** {@link OrderCommand.RecordReturn}. */
        RECORD_RETURN,
        /** {@link OrderCommand.Complete}. */
        COMPLETE,
        /** {@link OrderCommand.Archive}. */
        ARCHIVE,
        /** {@link OrderCommand.ErasePersonalData}. */
        ERASE_PERSONAL_DATA;

        /** @return the name as shown in diagrams and messages, for example {@code "cancel line"} */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}
