package dev.oms.spi.returns;

import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.PaymentReference;
import dev.oms.spi.ReturnId;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.returns.Inspection.LineInspection;
import dev.oms.spi.returns.RefundBreakdown.RefundMethod;
import dev.oms.spi.returns.ReturnRequest.ReturnLabel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * Everything that happens to a return, exchange or claim: one event per step, saved with the
 * change it describes (the return outbox) so hosts can notify customers. Each carries enough to
 * rebuild the return from its first event.
 */
public sealed interface ReturnEvent {
    /** @return id, return, order, version and time */
    ReturnEventMetadata metadata();

    /** @return the unique event id */
    default EventId eventId() {
        return metadata().eventId();
    }

    /** @return the return */
    default ReturnId returnId() {
        return metadata().returnId();
    }

    /** @return when it happened */
    default Instant occurredAt() {
        return metadata().occurredAt();
    }

    /**
     * A return, exchange or claim was asked for and the policy let it through.
     *
     * @param metadata the metadata
     * @param request the request as created (version 1)
     */
    record Requested(ReturnEventMetadata metadata, ReturnRequest request) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public Requested {
            InvalidInputException.requireNonNull(metadata, "Requested.metadata");
            InvalidInputException.requireNonNull(request, "Requested.request");
        }
    }

    /**
     * The merchant accepted it.
     *
     * @param metadata the metadata
     * @param returnLocation where the units go back to (empty for claims)
     */
    record Approved(ReturnEventMetadata metadata, Optional<LocationId> returnLocation) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public Approved {
            InvalidInputException.requireNonNull(metadata, "Approved.metadata");
            InvalidInputException.requireNonNull(returnLocation, "Approved.returnLocation");
        }
    }

    /**
     * The merchant refused it.
     *
     * @param metadata the metadata
     * @param reason why
     */
    record Rejected(ReturnEventMetadata metadata, String reason) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public Rejected {
            InvalidInputException.requireNonNull(metadata, "Rejected.metadata");
            InvalidInputException.requireText(reason, "Rejected.reason", 512);
        }
    }

    /**
     * A prepaid return label was issued.
     *
     * @param metadata the metadata
     * @param label the label
     */
    record LabelIssued(ReturnEventMetadata metadata, ReturnLabel label) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public LabelIssued {
            InvalidInputException.requireNonNull(metadata, "LabelIssued.metadata");
            InvalidInputException.requireNonNull(label, "LabelIssued.label");
        }
    }

    /**
     * The parcel is on its way back.
     *
     * @param metadata the metadata
     */
    record InTransit(ReturnEventMetadata metadata) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public InTransit {
            InvalidInputException.requireNonNull(metadata, "InTransit.metadata");
        }
    }

    /**
     * Units arrived at the return location.
     *
     * @param metadata the metadata
     * @param lines units per order line
     */
    record Received(ReturnEventMetadata metadata, List<LineQuantity> lines) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public Received {
            InvalidInputException.requireNonNull(metadata, "Received.metadata");
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "Received.lines"));
        }
    }

    /**
     * Received units were inspected.
     *
     * @param metadata the metadata
     * @param inspections what was decided, per order line
     */
    record Inspected(ReturnEventMetadata metadata, List<LineInspection> inspections) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public Inspected {
            InvalidInputException.requireNonNull(metadata, "Inspected.metadata");
            inspections = List.copyOf(InvalidInputException.requireNonNull(inspections, "Inspected.inspections"));
        }
    }

    /**
     * The refund was calculated and counted against the order's refund account; the money moves
     * next.
     *
     * @param metadata the metadata
     * @param refund the refund, line by line
     */
    record RefundCalculated(ReturnEventMetadata metadata, RefundBreakdown refund) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public RefundCalculated {
            InvalidInputException.requireNonNull(metadata, "RefundCalculated.metadata");
            InvalidInputException.requireNonNull(refund, "RefundCalculated.refund");
        }
    }

    /**
     * The refund was paid.
     *
     * @param metadata the metadata
     * @param amount what the customer got back
     * @param method where it went
     * @param reference the provider's reference (empty when nothing had to move)
     */
    record Refunded(ReturnEventMetadata metadata, MonetaryAmount amount, RefundMethod method,
            Optional<PaymentReference> reference) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public Refunded {
            InvalidInputException.requireNonNull(metadata, "Refunded.metadata");
            InvalidInputException.requireNonNull(amount, "Refunded.amount");
            InvalidInputException.requireNonNull(method, "Refunded.method");
            InvalidInputException.requireNonNull(reference, "Refunded.reference");
        }
    }

    /**
     * A replacement order was placed.
     *
     * @param metadata the metadata
     * @param replacementOrderId the new order
     */
    record ReplacementOrdered(ReturnEventMetadata metadata, OrderId replacementOrderId) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public ReplacementOrdered {
            InvalidInputException.requireNonNull(metadata, "ReplacementOrdered.metadata");
            InvalidInputException.requireNonNull(replacementOrderId, "ReplacementOrdered.replacementOrderId");
        }
    }

    /**
     * The exchange (or replacement claim) was settled: the replacement order is confirmed and
     * the price difference charged or refunded.
     *
     * @param metadata the metadata
     * @param replacementOrderId the replacement order
     * @param credit the value of the returned units credited to it
     * @param charged what the customer paid on top
     * @param refunded what the customer got back on top
     */
    record Exchanged(ReturnEventMetadata metadata, OrderId replacementOrderId, MonetaryAmount credit,
            MonetaryAmount charged, MonetaryAmount refunded) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public Exchanged {
            InvalidInputException.requireNonNull(metadata, "Exchanged.metadata");
            InvalidInputException.requireNonNull(replacementOrderId, "Exchanged.replacementOrderId");
            InvalidInputException.requireNonNull(credit, "Exchanged.credit");
            InvalidInputException.requireNonNull(charged, "Exchanged.charged");
            InvalidInputException.requireNonNull(refunded, "Exchanged.refunded");
        }
    }

    /**
     * Nothing more to do.
     *
     * @param metadata the metadata
     */
    record Closed(ReturnEventMetadata metadata) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public Closed {
            InvalidInputException.requireNonNull(metadata, "Closed.metadata");
        }
    }

    /**
     * Withdrawn before the units arrived.
     *
     * @param metadata the metadata
     * @param reason why
     */
    record Cancelled(ReturnEventMetadata metadata, String reason) implements ReturnEvent {
        /** @throws InvalidInputException if a field is null */
        public Cancelled {
            InvalidInputException.requireNonNull(metadata, "Cancelled.metadata");
            InvalidInputException.requireText(reason, "Cancelled.reason", 512);
        }
    }

    /**
     * The personal data of the order was erased: the return's customer reference reads
     * {@code erased} and its note (reject and cancel reasons) is empty, in its snapshot and in
     * every earlier event of its history, which the store rewrote with this event. Status, lines,
     * reason codes, money and the history's events are kept.
     *
     * @param metadata the metadata
     */
    record PersonalDataErased(ReturnEventMetadata metadata) implements ReturnEvent {
        /** @throws InvalidInputException if the metadata is null */
        public PersonalDataErased {
            InvalidInputException.requireNonNull(metadata, "PersonalDataErased.metadata");
        }
    }

    /**
     * What every return event carries.
     *
     * @param eventId unique, for de-duplication by consumers
     * @param returnId the return
     * @param orderId the order it belongs to
     * @param returnVersion the return's version this event produced
     * @param occurredAt when
     */
    record ReturnEventMetadata(EventId eventId, ReturnId returnId, OrderId orderId, long returnVersion,
            Instant occurredAt) {
        /** @throws InvalidInputException if a field is null or the version below 1 */
        public ReturnEventMetadata {
            InvalidInputException.requireNonNull(eventId, "ReturnEventMetadata.eventId");
            InvalidInputException.requireNonNull(returnId, "ReturnEventMetadata.returnId");
            InvalidInputException.requireNonNull(orderId, "ReturnEventMetadata.orderId");
            if (returnVersion < 1) {
                throw new InvalidInputException("ReturnEventMetadata.returnVersion",
                        "must be at least 1 (was " + returnVersion + ")");
            }
            InvalidInputException.requireNonNull(occurredAt, "ReturnEventMetadata.occurredAt");
        }
    }
}
