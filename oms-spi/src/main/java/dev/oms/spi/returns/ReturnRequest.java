package dev.oms.spi.returns;

import dev.oms.spi.CustomerRef;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.ReturnId;
import dev.oms.spi.Sku;
import dev.oms.spi.order.NewLine;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A return request (RMA), exchange, claim or goodwill refund as stored: a plain, immutable snapshot at one version.
 *
 * <p>Invariants checked on construction: version {@code >= 1}; at least one line, each order
 * line once; a claim has a resolution and nothing else does; an exchange has a replacement.
 *
 * @param id the return id
 * @param orderId the order the units came from
 * @param customer who asked
 * @param kind return, exchange, claim or goodwill
 * @param status where it is in its lifecycle
 * @param lines the units, per order line
 * @param shippingPaidBy who pays the way back (the merchant for claims)
 * @param returnLocation where the units go back to, once approved (empty for claims)
 * @param label the prepaid return label, if one was issued
 * @param refund the refund, once calculated (before the money moves)
 * @param replacement the replacement order of an exchange or a replacement claim
 * @param claimResolution how a claim is settled
 * @param note why it was rejected or cancelled; empty otherwise
 * @param createdAt when it was requested
 * @param updatedAt when it last changed
 * @param version increases by one with every change
 */
public record ReturnRequest(ReturnId id, OrderId orderId, CustomerRef customer, ReturnKind kind, ReturnStatus status,
        List<ReturnLine> lines, ShippingPayer shippingPaidBy, Optional<LocationId> returnLocation,
        Optional<ReturnLabel> label, Optional<RefundBreakdown> refund, Optional<Replacement> replacement,
        Optional<ClaimResolution> claimResolution, String note, Instant createdAt, Instant updatedAt, long version) {
    /** @throws InvalidInputException if a field is null or an invariant is broken */
    public ReturnRequest {
        InvalidInputException.requireNonNull(id, "ReturnRequest.id");
        InvalidInputException.requireNonNull(orderId, "ReturnRequest.orderId");
        InvalidInputException.requireNonNull(customer, "ReturnRequest.customer");
        InvalidInputException.requireNonNull(kind, "ReturnRequest.kind");
        InvalidInputException.requireNonNull(status, "ReturnRequest.status");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "ReturnRequest.lines"));
        InvalidInputException.requireNonNull(shippingPaidBy, "ReturnRequest.shippingPaidBy");
        InvalidInputException.requireNonNull(returnLocation, "ReturnRequest.returnLocation");
        InvalidInputException.requireNonNull(label, "ReturnRequest.label");
        InvalidInputException.requireNonNull(refund, "ReturnRequest.refund");
        InvalidInputException.requireNonNull(replacement, "ReturnRequest.replacement");
        InvalidInputException.requireNonNull(claimResolution, "ReturnRequest.claimResolution");
        InvalidInputException.requireText(note, "ReturnRequest.note", 512);
        InvalidInputException.requireNonNull(createdAt, "ReturnRequest.createdAt");
        InvalidInputException.requireNonNull(updatedAt, "ReturnRequest.updatedAt");
        if (version < 1) {
            throw new InvalidInputException("ReturnRequest.version", "must be at least 1 (was " + version + ")");
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException("ReturnRequest.lines", "a return has at least one line");
        }
        Set<LineId> seen = new HashSet<>();
        for (ReturnLine line : lines) {
            if (!seen.add(line.lineId())) {
                throw new InvalidInputException("ReturnRequest.lines", "order line " + line.lineId() + " appears twice");
            }
        }
        if ((kind == ReturnKind.CLAIM) != claimResolution.isPresent()) {
            throw new InvalidInputException("ReturnRequest.claimResolution", "present exactly for claims");
        }
        if (kind == ReturnKind.EXCHANGE && replacement.isEmpty()) {
            throw new InvalidInputException("ReturnRequest.replacement", "an exchange has a replacement");
        }
    }

    /**
     * @param lineId an order line
     * @return this request's line for it, if any
     */
    public Optional<ReturnLine> line(LineId lineId) {
        return lines.stream().filter(l -> l.lineId().equals(lineId)).findFirst();
    }

    /**
     * @return whether the request still holds its units against the order (not rejected or
     *     cancelled, and not goodwill, which takes no units back)
     */
    public boolean holdsUnits() {
        return kind != ReturnKind.GOODWILL && status != ReturnStatus.REJECTED && status != ReturnStatus.CANCELLED;
    }

    /**
     * The next snapshot; see the {@code with...} methods.
     *
     * @param nextVersion the version of the change
     * @param at when it happened
     * @return this request at that version and time
     */
    public ReturnRequest at(long nextVersion, Instant at) {
        return new ReturnRequest(id, orderId, customer, kind, status, lines, shippingPaidBy, returnLocation, label,
                refund, replacement, claimResolution, note, createdAt, at, nextVersion);
    }

    /** @return this request in another status */
    public ReturnRequest withStatus(ReturnStatus next) {
        return new ReturnRequest(id, orderId, customer, kind, next, lines, shippingPaidBy, returnLocation, label,
                refund, replacement, claimResolution, note, createdAt, updatedAt, version);
    }

    /** @return this request with other lines */
    public ReturnRequest withLines(List<ReturnLine> next) {
        return new ReturnRequest(id, orderId, customer, kind, status, next, shippingPaidBy, returnLocation, label,
                refund, replacement, claimResolution, note, createdAt, updatedAt, version);
    }

    /** @return this request going back to {@code location} */
    public ReturnRequest withReturnLocation(Optional<LocationId> location) {
        return new ReturnRequest(id, orderId, customer, kind, status, lines, shippingPaidBy, location, label,
                refund, replacement, claimResolution, note, createdAt, updatedAt, version);
    }

    /** @return this request with a label */
    public ReturnRequest withLabel(ReturnLabel next) {
        return new ReturnRequest(id, orderId, customer, kind, status, lines, shippingPaidBy, returnLocation,
                Optional.of(next), refund, replacement, claimResolution, note, createdAt, updatedAt, version);
    }

    /** @return this request with its refund calculated */
    public ReturnRequest withRefund(RefundBreakdown next) {
        return new ReturnRequest(id, orderId, customer, kind, status, lines, shippingPaidBy, returnLocation, label,
                Optional.of(next), replacement, claimResolution, note, createdAt, updatedAt, version);
    }

    /** @return this request with another replacement */
    public ReturnRequest withReplacement(Replacement next) {
        return new ReturnRequest(id, orderId, customer, kind, status, lines, shippingPaidBy, returnLocation, label,
                refund, Optional.of(next), claimResolution, note, createdAt, updatedAt, version);
    }

    /** @return this request with a note */
    public ReturnRequest withNote(String next) {
        return new ReturnRequest(id, orderId, customer, kind, status, lines, shippingPaidBy, returnLocation, label,
                refund, replacement, claimResolution, next, createdAt, updatedAt, version);
    }

    /** What a return request is for. */
    public enum ReturnKind {
        /** The customer sends units back for a refund. */
        RETURN,
        /** The customer sends units back for a replacement order of other items. */
        EXCHANGE,
        /**
         * Nothing comes back: an item was lost in transit, arrived damaged or was the wrong one; the
         * merchant refunds it or sends a free replacement.
         */
        CLAIM,
        /**
         * Nothing comes back and no unit is refunded: the merchant gives money back as goodwill (an
         * item kept at a discount, a late delivery), attributed to order lines. Its lines are the
         * lines it was given on, each with the units it is on (those not refunded then); it holds
         * no units against the order, and a later refund of those units takes it back in
         * proportion. Created approved with its refund calculated, then refunded.
         */
        GOODWILL
    }

    /**
     * Where a return request is in its lifecycle. The allowed moves are declared once in oms-returns'
     * {@code ReturnTransitions}; its Mermaid rendering is the diagram in the module README.
     */
    public enum ReturnStatus {
        /** Asked for; the policy let it through. */
        REQUESTED,
        /** Accepted by the merchant; the customer may send the units (claims: may be resolved). */
        APPROVED,
        /** Refused by the merchant. Final. */
        REJECTED,
        /** A prepaid return label was issued through the carrier. */
        LABEL_ISSUED,
        /** The parcel is on its way back. */
        IN_TRANSIT,
        /** Some or all units arrived at the return location. */
        RECEIVED,
        /** Every received unit has a condition and a disposition. */
        INSPECTED,
        /** The refund was paid. */
        REFUNDED,
        /** The replacement order was created and settled (exchanges, replacement claims). */
        EXCHANGED,
        /** Nothing more to do. Final. */
        CLOSED,
        /** Withdrawn before the units arrived. Final. */
        CANCELLED;

        /** @return whether no command can change it any more */
        public boolean isFinal() {
            return this == REJECTED || this == CLOSED || this == CANCELLED;
        }
    }

    /**
     * Units of one order line in a return request.
     *
     * <p>Invariants, checked on construction: {@code quantity > 0}; {@code received <= quantity};
     * the inspected units ({@link #inspected()}) never exceed {@code received}.
     *
     * @param lineId the order line
     * @param sku its SKU
     * @param quantity units asked for
     * @param reason the reason code, from the host's reason catalogue
     * @param received units that arrived
     * @param inspections what the inspector decided, in order
     */
    public record ReturnLine(LineId lineId, Sku sku, Quantity quantity, String reason, Quantity received,
            List<Inspection> inspections) {
        /** @throws InvalidInputException if a field is null or an invariant is broken */
        public ReturnLine {
            InvalidInputException.requireNonNull(lineId, "ReturnLine.lineId");
            InvalidInputException.requireNonNull(sku, "ReturnLine.sku");
            Quantity.requirePositive(quantity, "ReturnLine.quantity");
            InvalidInputException.requireCode(reason, "ReturnLine.reason");
            InvalidInputException.requireNonNull(received, "ReturnLine.received");
            inspections = List.copyOf(InvalidInputException.requireNonNull(inspections, "ReturnLine.inspections"));
            if (received.isGreaterThan(quantity)) {
                throw new InvalidInputException("ReturnLine.received", "line " + lineId + ": received " + received
                        + " exceeds the " + quantity + " asked for");
            }
            long inspected = inspections.stream().mapToLong(i -> i.quantity().value()).sum();
            if (inspected > received.value()) {
                throw new InvalidInputException("ReturnLine.inspections", "line " + lineId + ": " + inspected
                        + " inspected but only " + received + " received");
            }
        }

        /**
         * @param lineId the order line
         * @param sku its SKU
         * @param quantity units asked for
         * @param reason the reason code
         * @return a line with nothing received yet
         */
        public static ReturnLine requested(LineId lineId, Sku sku, Quantity quantity, String reason) {
            return new ReturnLine(lineId, sku, quantity, reason, Quantity.ZERO, List.of());
        }

        /** @return units with an inspection */
        public Quantity inspected() {
            return Quantity.of(inspections.stream().mapToLong(i -> i.quantity().value()).sum());
        }

        /** @return this line after {@code q} more units arrived */
        public ReturnLine receive(Quantity q) {
            return new ReturnLine(lineId, sku, quantity, reason, received.plus(q), inspections);
        }

        /** @return this line with more inspections */
        public ReturnLine inspect(List<Inspection> more) {
            List<Inspection> all = new java.util.ArrayList<>(inspections);
            all.addAll(more);
            return new ReturnLine(lineId, sku, quantity, reason, received, all);
        }
    }

    /** Who pays to ship a return back, as the return policy decides from the reasons. */
    public enum ShippingPayer {
        /** The customer: the policy's return shipping fee comes off the refund. */
        CUSTOMER,
        /** The merchant: the return is free for the customer. */
        MERCHANT
    }

    /**
     * The new order an exchange or a replacement claim sends.
     *
     * @param lines what the customer gets instead, with its prices (zero for a free replacement)
     * @param shipFirst whether the replacement ships before the returned units arrive (the customer
     *     pays the replacement in full at once and is refunded when the return is inspected)
     * @param orderId the replacement order, once placed
     */
    public record Replacement(List<NewLine> lines, boolean shipFirst, Optional<OrderId> orderId) {
        /** @throws InvalidInputException if a field is null or the lines empty */
        public Replacement {
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "Replacement.lines"));
            if (lines.isEmpty()) {
                throw new InvalidInputException("Replacement.lines", "a replacement has at least one line");
            }
            InvalidInputException.requireNonNull(orderId, "Replacement.orderId");
        }

        /** @return this replacement, placed as {@code id} */
        public Replacement placedAs(OrderId id) {
            return new Replacement(lines, shipFirst, Optional.of(id));
        }
    }

    /**
     * A prepaid return label bought from a carrier.
     *
     * @param carrier the carrier's code
     * @param trackingNumber the parcel's tracking number
     * @param labelReference where the host stored the label document
     */
    public record ReturnLabel(String carrier, String trackingNumber, String labelReference) {
        /** @throws InvalidInputException if a field is null or blank */
        public ReturnLabel {
            InvalidInputException.requireCode(carrier, "ReturnLabel.carrier");
            InvalidInputException.requireCode(trackingNumber, "ReturnLabel.trackingNumber");
            InvalidInputException.requireText(labelReference, "ReturnLabel.labelReference", 1024);
        }
    }

    /** How a claim is settled. */
    public enum ClaimResolution {
        /** Refund the claimed units. */
        REFUND,
        /** Send the same units again, free of charge, as a new order. */
        REPLACEMENT
    }
}
