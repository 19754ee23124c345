package dev.oms.returns;

import java.util.Locale;

/** The kinds of step a return can take, as {@link ReturnTransitions} names them. */
public enum ReturnCommandKind {
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
