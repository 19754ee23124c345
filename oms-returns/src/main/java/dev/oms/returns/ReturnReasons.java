package dev.oms.returns;

import dev.oms.spi.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of return and claim reasons. {@link #standard()} holds the usual ones; a host
 * extends it with {@link #with}. Immutable and thread-safe.
 */
public final class ReturnReasons {
    /** Changed their mind. */
    public static final String CHANGED_MIND = "CHANGED_MIND";
    /** Does not fit (parent of too small and too large). */
    public static final String DOES_NOT_FIT = "DOES_NOT_FIT";
    /** Too small. */
    public static final String TOO_SMALL = "TOO_SMALL";
    /** Too large. */
    public static final String TOO_LARGE = "TOO_LARGE";
    /** Not as described on the product page. */
    public static final String NOT_AS_DESCRIBED = "NOT_AS_DESCRIBED";
    /** Arrived damaged (returns and claims). */
    public static final String DAMAGED = "DAMAGED";
    /** Damaged in transit: the parcel was damaged too. */
    public static final String DAMAGED_IN_TRANSIT = "DAMAGED_IN_TRANSIT";
    /** Does not work. */
    public static final String DEFECTIVE = "DEFECTIVE";
    /** Not what was ordered (returns and claims). */
    public static final String WRONG_ITEM = "WRONG_ITEM";
    /** Never arrived (claims only). */
    public static final String LOST_IN_TRANSIT = "LOST_IN_TRANSIT";

    private final Map<String, ReturnReason> byCode;

    private ReturnReasons(Map<String, ReturnReason> byCode) {
        this.byCode = byCode;
    }

    /** @return the usual reasons: the constants of this class */
    public static ReturnReasons standard() {
        ReturnReason fit = ReturnReason.of(DOES_NOT_FIT, "Does not fit", ReturnReason.Use.RETURN);
        ReturnReason damaged = ReturnReason.of(DAMAGED, "Arrived damaged", ReturnReason.Use.ANY_DELIVERED);
        return empty()
                .with(ReturnReason.of(CHANGED_MIND, "Changed my mind", ReturnReason.Use.RETURN))
                .with(fit)
                .with(fit.child(TOO_SMALL, "Too small"))
                .with(fit.child(TOO_LARGE, "Too large"))
                .with(ReturnReason.of(NOT_AS_DESCRIBED, "Not as described", ReturnReason.Use.RETURN))
                .with(damaged)
                .with(damaged.child(DAMAGED_IN_TRANSIT, "Damaged in transit"))
                .with(ReturnReason.of(DEFECTIVE, "Does not work", ReturnReason.Use.ANY_DELIVERED))
                .with(ReturnReason.of(WRONG_ITEM, "Wrong item sent", ReturnReason.Use.ANY_DELIVERED))
                .with(ReturnReason.of(LOST_IN_TRANSIT, "Lost in transit", ReturnReason.Use.CLAIM_UNDELIVERED));
    }

    /** @return a catalogue with no reason */
    public static ReturnReasons empty() {
        return new ReturnReasons(Map.of());
    }

    /**
     * @param reason a reason to add (or to replace, by code)
     * @return a catalogue with it
     * @throws InvalidInputException if its parent is not in the catalogue
     */
    public ReturnReasons with(ReturnReason reason) {
        InvalidInputException.requireNonNull(reason, "reason");
        if (reason.parent().isPresent() && !byCode.containsKey(reason.parent().get())) {
            throw new InvalidInputException("ReturnReason.parent", "reason " + reason.code() + " names parent "
                    + reason.parent().get() + ", which is not in the catalogue");
        }
        Map<String, ReturnReason> next = new LinkedHashMap<>(byCode);
        next.put(reason.code(), reason);
        return new ReturnReasons(java.util.Collections.unmodifiableMap(next));
    }

    /**
     * @param code a reason code
     * @return the reason, if the catalogue has it
     */
    public Optional<ReturnReason> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** @return every reason, in the order added */
    public Collection<ReturnReason> all() {
        return byCode.values();
    }

    /**
     * @param code a reason code in the catalogue
     * @return the code, its parent, its grandparent, ...
     */
    public List<String> lineage(String code) {
        List<String> codes = new ArrayList<>();
        Optional<ReturnReason> at = find(code);
        while (at.isPresent() && !codes.contains(at.get().code())) {
            codes.add(at.get().code());
            at = at.get().parent().flatMap(this::find);
        }
        return codes;
    }

    /**
     * Whether a rule named for some reasons applies to {@code code}: the nearest of the code and
     * its ancestors that the rule names decides.
     *
     * @param code the reason given
     * @param named the reasons the rule names
     * @return whether the code or one of its ancestors is named
     */
    boolean covers(String code, Set<String> named) {
        for (String c : lineage(code)) {
            if (named.contains(c)) {
                return true;
            }
        }
        return false;
    }

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
}
