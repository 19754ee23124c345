package dev.oms.fulfillment;

import java.util.Locale;

/**
 * The kinds of fulfilment command, as {@link FulfillmentTransitions} names them, each with the
 * stable rule name of the refusal when the fulfilment order's status does not allow it.
 */
public enum FulfillmentCommandKind {
    /** A location is given part of an order. */
    CREATE("create-once"),
    /** {@link FulfillmentCommand.StartPicking}. */
    START_PICKING("pick-after-creation"),
    /** {@link FulfillmentCommand.Pack}. */
    PACK("pack-after-picking"),
    /** {@link FulfillmentCommand.MarkReadyForPickup}. */
    MARK_READY_FOR_PICKUP("ready-after-packing"),
    /** {@link FulfillmentCommand.PlaceHold}. */
    PLACE_HOLD("hold-while-open"),
    /** {@link FulfillmentCommand.ReleaseHold}. */
    RELEASE_HOLD("hold-while-open"),
    /** {@link FulfillmentCommand.Ship}. */
    SHIP("ship-after-packing"),
    /** {@link FulfillmentCommand.Track}. */
    TRACK("track-after-shipping"),
    /** {@link FulfillmentCommand.CancelUnits}. */
    CANCEL_UNITS("cancel-open-units"),
    /** {@link FulfillmentCommand.Cancel}. */
    CANCEL("cancel-before-shipment"),
    /** {@link FulfillmentCommand.PickUp}. */
    PICK_UP("pickup-when-ready"),
    /** {@link FulfillmentCommand.ExpirePickup}. */
    EXPIRE_PICKUP("expire-when-ready"),
    /** Not a lifecycle step: allowed in every status, which it keeps. */
    ERASE_PERSONAL_DATA("erase-any-time");

    private final String rule;

    FulfillmentCommandKind(String rule) {
        this.rule = rule;
    }

    /** @return the rule name of a refusal because of the status, for example {@code "ship-after-packing"} */
    public String rule() {
        return rule;
    }

    /** @return the name as shown in diagrams, for example {@code "start picking"} */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
