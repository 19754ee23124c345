package dev.oms.spi.order;

import dev.oms.spi.InvalidInputException;
import java.time.Instant;

/**
 * An active hold on an order. An order may carry several at once; it is identified by its type
 * and code, so two custom holds with different codes can coexist.
 *
 * @param type the kind of hold
 * @param code names the hold within its type; for the built-in types usually the type's name
 * @param reason why it was placed (free text, no personal data)
 * @param placedAt when it was placed
 */
public record Hold(HoldType type, String code, String reason, Instant placedAt) {
    /**
     * @throws InvalidInputException if a field is null or the code is blank
     */
    public Hold {
        InvalidInputException.requireNonNull(type, "Hold.type");
        InvalidInputException.requireCode(code, "Hold.code");
        InvalidInputException.requireText(reason, "Hold.reason", 512);
        InvalidInputException.requireNonNull(placedAt, "Hold.placedAt");
    }

    /**
     * @param type the kind of hold
     * @param code the code within the type
     * @return whether this hold is the one named
     */
    public boolean is(HoldType type, String code) {
        return this.type == type && this.code.equals(code);
    }
}
