package dev.oms.returns;

import dev.oms.spi.InvalidInputException;
import java.util.Optional;

/**
 * A reason a customer gives for a return or a claim, from the host's catalogue
 * ({@link ReturnReasons}). Reasons nest: a child ({@code TOO_SMALL}) inherits its parent's
 * ({@code DOES_NOT_FIT}) policy rules unless the policy names the child itself.
 *
 * @param code the stable code stored on returns
 * @param label what customers and agents read
 * @param parent the parent's code, if this is a more precise reason
 * @param use what it can be given for
 */
public record ReturnReason(String code, String label, Optional<String> parent, Use use) {
    /** What a reason can be given for. */
    public enum Use {
        /** A return or an exchange of delivered units. */
        RETURN,
        /** A claim for delivered units (damaged, wrong item). */
        CLAIM_DELIVERED,
        /** A claim for units that never arrived (lost in transit). */
        CLAIM_UNDELIVERED,
        /** Either a return or a claim for delivered units. */
        ANY_DELIVERED
    }

    /** @throws InvalidInputException if a field is null or the code blank */
    public ReturnReason {
        InvalidInputException.requireCode(code, "ReturnReason.code");
        InvalidInputException.requireText(label, "ReturnReason.label", 256);
        InvalidInputException.requireNonNull(parent, "ReturnReason.parent");
        InvalidInputException.requireNonNull(use, "ReturnReason.use");
    }

    /**
     * @param code the code
     * @param label the label
     * @param use what it can be given for
     * @return a top-level reason
     */
    public static ReturnReason of(String code, String label, Use use) {
        return new ReturnReason(code, label, Optional.empty(), use);
    }

    /**
     * @param code the code
     * @param label the label
     * @return a more precise reason under this one, for the same use
     */
    public ReturnReason child(String code, String label) {
        return new ReturnReason(code, label, Optional.of(this.code), use);
    }

    /** @return whether it can be given for a return or an exchange */
    public boolean forReturns() {
        return use == Use.RETURN || use == Use.ANY_DELIVERED;
    }

    /** @return whether it can be given for a claim */
    public boolean forClaims() {
        return use != Use.RETURN;
    }
}
