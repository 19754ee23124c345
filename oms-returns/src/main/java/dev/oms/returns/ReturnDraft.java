package dev.oms.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Quantity;
import dev.oms.spi.order.NewLine;
import dev.oms.spi.returns.ReturnRequest.ClaimResolution;
import dev.oms.spi.returns.ReturnRequest.ReturnKind;
import java.util.List;
import java.util.Optional;

/**
 * What a customer (or an agent for them) asks for: a return, an exchange or a claim.
 *
 * @param orderId the order
 * @param kind return, exchange or claim
 * @param lines units per order line, with reasons
 * @param replacementLines for an exchange: what the customer gets instead, with prices
 * @param shipReplacementFirst for an exchange: ship the replacement before the return arrives
 * @param claimResolution for a claim: refund or free replacement
 */
public record ReturnDraft(OrderId orderId, ReturnKind kind, List<LineToReturn> lines, List<NewLine> replacementLines,
        boolean shipReplacementFirst, Optional<ClaimResolution> claimResolution) {
    /** @throws InvalidInputException if a field is null or the parts do not fit the kind */
    public ReturnDraft {
        InvalidInputException.requireNonNull(orderId, "ReturnDraft.orderId");
        InvalidInputException.requireNonNull(kind, "ReturnDraft.kind");
        lines = List.copyOf(InvalidInputException.requireNonNull(lines, "ReturnDraft.lines"));
        replacementLines = List.copyOf(InvalidInputException.requireNonNull(replacementLines,
                "ReturnDraft.replacementLines"));
        InvalidInputException.requireNonNull(claimResolution, "ReturnDraft.claimResolution");
        if (lines.isEmpty()) {
            throw new InvalidInputException("ReturnDraft.lines", "at least one line");
        }
        if ((kind == ReturnKind.EXCHANGE) == replacementLines.isEmpty()) {
            throw new InvalidInputException("ReturnDraft.replacementLines", "an exchange, and only an exchange, "
                    + "has replacement lines");
        }
        if ((kind == ReturnKind.CLAIM) != claimResolution.isPresent()) {
            throw new InvalidInputException("ReturnDraft.claimResolution", "present exactly for claims");
        }
        if (shipReplacementFirst && kind != ReturnKind.EXCHANGE) {
            throw new InvalidInputException("ReturnDraft.shipReplacementFirst", "only exchanges ship a replacement first");
        }
    }

    /**
     * @param orderId the order
     * @param lines what comes back and why
     * @return a return for a refund
     */
    public static ReturnDraft returnOf(OrderId orderId, LineToReturn... lines) {
        return new ReturnDraft(orderId, ReturnKind.RETURN, List.of(lines), List.of(), false, Optional.empty());
    }

    /**
     * @param orderId the order
     * @param lines what comes back and why
     * @param replacement what the customer gets instead, with prices (line ids of the new order)
     * @param shipFirst ship the replacement before the return arrives
     * @return an exchange
     */
    public static ReturnDraft exchange(OrderId orderId, List<LineToReturn> lines, List<NewLine> replacement,
            boolean shipFirst) {
        return new ReturnDraft(orderId, ReturnKind.EXCHANGE, lines, replacement, shipFirst, Optional.empty());
    }

    /**
     * @param orderId the order
     * @param resolution refund, or free replacement of the same units
     * @param lines what was lost, damaged or wrong, and why
     * @return a claim
     */
    public static ReturnDraft claim(OrderId orderId, ClaimResolution resolution, LineToReturn... lines) {
        return new ReturnDraft(orderId, ReturnKind.CLAIM, List.of(lines), List.of(), false, Optional.of(resolution));
    }

    /**
     * Units of one order line a customer asks to return, exchange or claim, with the reason.
     *
     * @param lineId the order line
     * @param quantity units, {@code > 0}
     * @param reason the reason code, from the policy's catalogue
     */
    public record LineToReturn(LineId lineId, Quantity quantity, String reason) {
        /** @throws InvalidInputException if a field is null, the quantity zero or the reason blank */
        public LineToReturn {
            InvalidInputException.requireNonNull(lineId, "LineToReturn.lineId");
            Quantity.requirePositive(quantity, "LineToReturn.quantity");
            InvalidInputException.requireCode(reason, "LineToReturn.reason");
        }

        /**
         * @param lineId the order line
         * @param quantity units, {@code > 0}
         * @param reason the reason code
         * @return the line
         * @throws dev.oms.spi.InvalidInputException.InvalidQuantityException if the quantity is zero or negative
         */
        public static LineToReturn of(String lineId, long quantity, String reason) {
            return new LineToReturn(LineId.of(lineId), Quantity.positive(quantity, "LineToReturn.quantity"), reason);
        }
    }
}
