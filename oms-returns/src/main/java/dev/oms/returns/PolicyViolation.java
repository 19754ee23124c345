package dev.oms.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;

/**
 * One reason the return policy refuses a request.
 *
 * @param rule a stable, kebab-case name: {@code known-line}, {@code known-reason},
 *     {@code reason-for-kind}, {@code final-sale}, {@code return-window}, {@code returnable-quantity}
 * @param lineId the order line it concerns
 * @param detail what was wrong, with the figures
 */
public record PolicyViolation(String rule, LineId lineId, String detail) {
    /** @throws InvalidInputException if a field is null */
    public PolicyViolation {
        InvalidInputException.requireCode(rule, "PolicyViolation.rule");
        InvalidInputException.requireNonNull(lineId, "PolicyViolation.lineId");
        InvalidInputException.requireNonNull(detail, "PolicyViolation.detail");
    }

    @Override
    public String toString() {
        return "line " + lineId + ": " + detail + " [" + rule + "]";
    }
}
