package dev.oms.spi.returns;

import dev.oms.spi.CustomerRef;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.LocationId;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReturnId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A return request (RMA), exchange or claim as stored: a plain, immutable snapshot at one version.
 *
 * <p>Invariants checked on construction: version {@code >= 1}; at least one line, each order
 * line once; a claim has a resolution and nothing else does; an exchange has a replacement.
 *
 * @param id the return id
 * @param orderId the order the units came from
 * @param customer who asked
 * @param kind return, exchange or claim
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

    /** @return whether the request still holds its units against the order (not rejected or cancelled) */
    public boolean holdsUnits() {
        return status != ReturnStatus.REJECTED && status != ReturnStatus.CANCELLED;
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
}
