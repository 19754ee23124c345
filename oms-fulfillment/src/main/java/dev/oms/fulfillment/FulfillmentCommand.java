package dev.oms.fulfillment;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.order.LineQuantity;
import java.util.List;
import java.util.Locale;

/**
 * What can be asked of a fulfilment order. {@link FulfillmentDecider#decide} turns one into events
 * or a typed refusal; {@link FulfillmentService} builds them for hosts (a host rarely needs them
 * directly). Commands that depend on the parcels (shipping, tracking, cancelling the rest of a
 * partly shipped order) carry the parcels, so that deciding stays pure.
 */
public sealed interface FulfillmentCommand {
    /** @return the kind, as {@link FulfillmentTransitions} names it */
    FulfillmentCommandKind kind();

    /** Start picking. */
    record StartPicking() implements FulfillmentCommand {
        @Override
        public FulfillmentCommandKind kind() {
            return FulfillmentCommandKind.START_PICKING;
        }
    }

    /** Picked and packed. */
    record Pack() implements FulfillmentCommand {
        @Override
        public FulfillmentCommandKind kind() {
            return FulfillmentCommandKind.PACK;
        }
    }

    /** A packed pickup order waits at the store. */
    record MarkReadyForPickup() implements FulfillmentCommand {
        @Override
        public FulfillmentCommandKind kind() {
            return FulfillmentCommandKind.MARK_READY_FOR_PICKUP;
        }
    }

    /**
     * Stop picking, packing and shipping.
     *
     * @param code names the hold, unique among the active ones
     * @param reason why
     */
    record PlaceHold(String code, String reason) implements FulfillmentCommand {
        /** @throws InvalidInputException if the code is malformed or the reason too long */
        public PlaceHold {
            InvalidInputException.requireCode(code, "PlaceHold.code");
            InvalidInputException.requireText(reason, "PlaceHold.reason", 512);
        }

        @Override
        public FulfillmentCommandKind kind() {
            return FulfillmentCommandKind.PLACE_HOLD;
        }
    }

    /**
     * Lift a hold.
     *
     * @param code the hold
     */
    record ReleaseHold(String code) implements FulfillmentCommand {
        /** @throws InvalidInputException if the code is malformed */
        public ReleaseHold {
            InvalidInputException.requireCode(code, "ReleaseHold.code");
        }

        @Override
        public FulfillmentCommandKind kind() {
            return FulfillmentCommandKind.RELEASE_HOLD;
        }
    }

    /**
     * Units left with a carrier.
     *
     * @param shipment the parcel, with its label (version 1)
     */
    record Ship(Shipment shipment) implements FulfillmentCommand {
        /** @throws InvalidInputException if the shipment is null */
        public Ship {
            InvalidInputException.requireNonNull(shipment, "Ship.shipment");
        }

        @Override
        public FulfillmentCommandKind kind() {
            return FulfillmentCommandKind.SHIP;
        }
    }

    /**
     * A carrier's update of one parcel.
     *
     * @param updated the parcel after the update
     * @param updateId the carrier's id of the update
     * @param parcels every parcel of the fulfilment order, the updated one as after the update
     */
    record Track(Shipment updated, String updateId, List<Shipment> parcels) implements FulfillmentCommand {
        /** @throws InvalidInputException if a field is null */
        public Track {
            InvalidInputException.requireNonNull(updated, "Track.updated");
            InvalidInputException.requireCode(updateId, "Track.updateId");
            parcels = List.copyOf(InvalidInputException.requireNonNull(parcels, "Track.parcels"));
        }

        @Override
        public FulfillmentCommandKind kind() {
            return FulfillmentCommandKind.TRACK;
        }
    }

    /**
     * Some open units will not be fulfilled here.
     *
     * @param lines units per order line, at most what is open
     * @param reason why
     * @param parcels the fulfilment order's parcels (its status follows them once nothing is open)
     */
    record CancelUnits(List<LineQuantity> lines, String reason, List<Shipment> parcels) implements FulfillmentCommand {
        /** @throws InvalidInputException if a field is null or there are no lines */
        public CancelUnits {
            lines = List.copyOf(InvalidInputException.requireNonNull(lines, "CancelUnits.lines"));
            if (lines.isEmpty()) {
                throw new InvalidInputException("CancelUnits.lines", "at least one line");
            }
            InvalidInputException.requireText(reason, "CancelUnits.reason", 512);
            parcels = List.copyOf(InvalidInputException.requireNonNull(parcels, "CancelUnits.parcels"));
        }

        @Override
        public FulfillmentCommandKind kind() {
            return FulfillmentCommandKind.CANCEL_UNITS;
        }
    }

    /**
     * Cancel the whole fulfilment order before anything shipped.
     *
     * @param reason why
     */
    record Cancel(String reason) implements FulfillmentCommand {
        /** @throws InvalidInputException if the reason is null or too long */
        public Cancel {
            InvalidInputException.requireText(reason, "Cancel.reason", 512);
        }

        @Override
        public FulfillmentCommandKind kind() {
            return FulfillmentCommandKind.CANCEL;
        }
    }

    /** The customer collected a pickup order. */
    record PickUp() implements FulfillmentCommand {
        @Override
        public FulfillmentCommandKind kind() {
            return FulfillmentCommandKind.PICK_UP;
        }
    }

    /** Nobody collected a pickup order in time. */
    record ExpirePickup() implements FulfillmentCommand {
        @Override
        public FulfillmentCommandKind kind() {
            return FulfillmentCommandKind.EXPIRE_PICKUP;
        }
    }

    /**
     * Erase the personal data of the order this fulfilment order serves: every hold reason and
     * cancellation reason becomes empty, in the snapshot and in the fulfilment order's history.
     * Allowed in every status, which it keeps.
     */
    record ErasePersonalData() implements FulfillmentCommand {
        @Override
        public FulfillmentCommandKind kind() {
            return FulfillmentCommandKind.ERASE_PERSONAL_DATA;
        }
    }

    /**
     * The kinds of fulfilment command, as {@link FulfillmentTransitions} names them, each with the
     * stable rule name of the refusal when the fulfilment order's status does not allow it.
     */
    enum FulfillmentCommandKind {
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
}
