package dev.oms.fulfillment;

import dev.oms.fulfillment.FulfillmentCommand.FulfillmentCommandKind;
import dev.oms.spi.FulfillmentOrderId;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.LineId;
import dev.oms.spi.OmsException;
import dev.oms.spi.fulfillment.FulfillmentEvent;
import dev.oms.spi.fulfillment.FulfillmentEvent.FulfillmentEventMetadata;
import dev.oms.spi.fulfillment.FulfillmentOrder;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentHold;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentKind;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentLine;
import dev.oms.spi.fulfillment.FulfillmentOrder.FulfillmentOrderStatus;
import dev.oms.spi.fulfillment.Shipment;
import dev.oms.spi.fulfillment.Shipment.ShipmentStatus;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.order.LineQuantity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The fulfilment-order lifecycle as a pure decider: {@link #decide} turns a fulfilment order and
 * a command into events or a typed {@link FulfillmentRuleException}, {@link #evolve} applies an
 * event. No I/O: time from the injected {@link Clock}, event ids from the injected
 * {@link IdGenerator}. A decision checks, in order: {@link FulfillmentTransitions} (may the status
 * take this command at all), holds (no picking, packing, handing over or shipping while one is
 * active), then the command's own units (own lines, at most what is open). Evolving an event
 * checks its status against the table too, so a history the table never allowed is refused.
 *
 * <p>Whether the <em>order</em> allows fulfilment (not cancelled, not on hold) lives in another
 * module's state; {@link FulfillmentService} checks it before deciding. Immutable and thread-safe
 * if the clock and id generator are.
 */
public final class FulfillmentDecider {
    private final Clock clock;
    private final IdGenerator ids;

    /**
     * @param clock where time comes from
     * @param ids where event ids come from
     */
    public FulfillmentDecider(Clock clock, IdGenerator ids) {
        this.clock = InvalidInputException.requireNonNull(clock, "clock");
        this.ids = InvalidInputException.requireNonNull(ids, "ids");
    }

    /**
     * @param created the new fulfilment order (version 1, {@link FulfillmentTransitions#initialStatus()})
     * @return its {@code Created} event
     * @throws InvalidInputException if it is not a new one
     */
    public FulfillmentEvent.Created create(FulfillmentOrder created) {
        InvalidInputException.requireNonNull(created, "created");
        if (created.version() != 1 || created.status() != FulfillmentTransitions.initialStatus()
                || created.lines().stream().anyMatch(l -> !l.open().equals(l.quantity()))) {
            throw new InvalidInputException("created", "a new fulfilment order is at version 1, "
                    + FulfillmentTransitions.initialStatus() + ", with every unit open");
        }
        return new FulfillmentEvent.Created(metadata(created, 1), created);
    }

    /**
     * Decides a command.
     *
     * @param fo the fulfilment order as stored now
     * @param command the command
     * @return its events, at least one
     * @throws FulfillmentRuleException with a stable rule name if it is refused
     */
    public List<FulfillmentEvent> decide(FulfillmentOrder fo, FulfillmentCommand command) {
        InvalidInputException.requireNonNull(fo, "fo");
        InvalidInputException.requireNonNull(command, "command");
        if (command instanceof FulfillmentCommand.ErasePersonalData) {
            // not a lifecycle step: allowed in any status
            return List.of(new FulfillmentEvent.PersonalDataErased(metadata(fo, fo.version() + 1)));
        }
        FulfillmentTransitions.check(fo, command.kind());
        FulfillmentEventMetadata m = metadata(fo, fo.version() + 1);
        if (command instanceof FulfillmentCommand.StartPicking) {
            requireNoHolds(fo);
            return List.of(new FulfillmentEvent.PickingStarted(m));
        } else if (command instanceof FulfillmentCommand.Pack) {
            requireNoHolds(fo);
            return List.of(new FulfillmentEvent.Packed(m));
        } else if (command instanceof FulfillmentCommand.MarkReadyForPickup) {
            requirePickup(fo);
            requireNoHolds(fo);
            return List.of(new FulfillmentEvent.ReadyForPickup(m));
        } else if (command instanceof FulfillmentCommand.PlaceHold c) {
            if (fo.holds().stream().anyMatch(h -> h.code().equals(c.code()))) {
                throw new FulfillmentRuleException(fo.id(), "hold-already-active", "hold " + c.code() + " is active");
            }
            return List.of(new FulfillmentEvent.HoldPlaced(m, new FulfillmentHold(c.code(), c.reason(), m.occurredAt())));
        } else if (command instanceof FulfillmentCommand.ReleaseHold c) {
            if (fo.holds().stream().noneMatch(h -> h.code().equals(c.code()))) {
                throw new FulfillmentRuleException(fo.id(), "hold-not-active", "hold " + c.code() + " is not active");
            }
            return List.of(new FulfillmentEvent.HoldReleased(m, c.code()));
        } else if (command instanceof FulfillmentCommand.Ship c) {
            requireNoHolds(fo);
            Shipment s = c.shipment();
            if (!s.fulfillmentOrderId().equals(fo.id()) || s.version() != 1) {
                throw new InvalidInputException("Ship.shipment", "a new parcel (version 1) of " + fo.id());
            }
            List<FulfillmentLine> after = move(fo, s.lines(), "ship", FulfillmentLine::ship);
            FulfillmentOrderStatus status = after.stream().allMatch(l -> l.open().isZero())
                    ? FulfillmentOrderStatus.SHIPPED : FulfillmentOrderStatus.PARTIALLY_SHIPPED;
            return List.of(new FulfillmentEvent.Shipped(m, s, status));
        } else if (command instanceof FulfillmentCommand.Track c) {
            if (!c.updated().fulfillmentOrderId().equals(fo.id())) {
                throw new InvalidInputException("Track.updated", "parcel " + c.updated().id() + " is not of " + fo.id());
            }
            return List.of(new FulfillmentEvent.ShipmentTracked(m, c.updated(), c.updateId(),
                    followParcels(fo, fo.openUnits(), c.parcels())));
        } else if (command instanceof FulfillmentCommand.CancelUnits c) {
            List<FulfillmentLine> after = move(fo, c.lines(), "cancel", FulfillmentLine::cancel);
            long open = after.stream().mapToLong(l -> l.open().value()).sum();
            FulfillmentOrderStatus status;
            if (open > 0) {
                status = fo.status();
            } else if (fo.shippedUnits() == 0) {
                status = FulfillmentOrderStatus.CANCELLED;
            } else {
                status = followParcels(fo, 0, c.parcels());
                status = status == FulfillmentOrderStatus.PARTIALLY_SHIPPED ? FulfillmentOrderStatus.SHIPPED : status;
            }
            return List.of(new FulfillmentEvent.UnitsCancelled(m, c.lines(), c.reason(), status));
        } else if (command instanceof FulfillmentCommand.Cancel c) {
            return List.of(new FulfillmentEvent.Cancelled(m, c.reason()));
        } else if (command instanceof FulfillmentCommand.PickUp) {
            requirePickup(fo);
            requireNoHolds(fo);
            List<LineQuantity> handed = fo.lines().stream().filter(l -> l.open().isPositive())
                    .map(l -> new LineQuantity(l.lineId(), l.open())).toList();
            if (handed.isEmpty()) {
                throw new FulfillmentRuleException(fo.id(), "pickup-has-units", "nothing is left to hand over");
            }
            return List.of(new FulfillmentEvent.PickedUp(m, handed));
        } else if (command instanceof FulfillmentCommand.ExpirePickup) {
            requirePickup(fo);
            return List.of(new FulfillmentEvent.PickupExpired(m));
        }
        throw new IllegalStateException("unhandled command " + command.kind());
    }

    /**
     * The status the parcels give once nothing is open: delivered when every parcel is, returned
     * to sender or exception if any is, in transit once any moved, else shipped. While units are
     * open it stays as it is.
     */
    private static FulfillmentOrderStatus followParcels(FulfillmentOrder fo, long openUnits, List<Shipment> parcels) {
        if (parcels.isEmpty() || openUnits > 0) {
            return fo.status();
        }
        if (parcels.stream().allMatch(s -> s.status() == ShipmentStatus.DELIVERED)) {
            return FulfillmentOrderStatus.DELIVERED;
        }
        if (parcels.stream().anyMatch(s -> s.status() == ShipmentStatus.RETURNED_TO_SENDER)) {
            return FulfillmentOrderStatus.RETURNED_TO_SENDER;
        }
        if (parcels.stream().anyMatch(s -> s.status() == ShipmentStatus.EXCEPTION)) {
            return FulfillmentOrderStatus.EXCEPTION;
        }
        if (parcels.stream().anyMatch(s -> s.status() != ShipmentStatus.SHIPPED)) {
            return FulfillmentOrderStatus.IN_TRANSIT;
        }
        return FulfillmentOrderStatus.SHIPPED;
    }

    /**
     * Applies events in order.
     *
     * @param fo the fulfilment order before them ({@code null} if the first is {@code Created})
     * @param events the events
     * @return the fulfilment order after them
     */
    public FulfillmentOrder evolveAll(FulfillmentOrder fo, List<FulfillmentEvent> events) {
        FulfillmentOrder next = fo;
        for (FulfillmentEvent event : InvalidInputException.requireNonNull(events, "events")) {
            next = evolve(next, event);
        }
        return next;
    }

    /**
     * Applies one event. Pure.
     *
     * @param fo the fulfilment order before the event; {@code null} exactly when it is {@code Created}
     * @param event the event
     * @return the fulfilment order after it, at the event's version
     * @throws InvalidInputException if the event does not fit (another fulfilment order, a status
     *     the table does not allow, units the lines cannot hold)
     */
    public FulfillmentOrder evolve(FulfillmentOrder fo, FulfillmentEvent event) {
        InvalidInputException.requireNonNull(event, "event");
        if (event instanceof FulfillmentEvent.Created c) {
            if (fo != null) {
                throw new InvalidInputException("event", "fulfilment order " + fo.id() + " is already created");
            }
            return c.order();
        }
        if (fo == null || !fo.id().equals(event.fulfillmentOrderId())) {
            throw new InvalidInputException("event", "event " + event.eventId() + " does not belong to "
                    + (fo == null ? "a fulfilment order not yet created" : fo.id().toString()));
        }
        long v = event.metadata().version();
        if (event instanceof FulfillmentEvent.PersonalDataErased) {
            FulfillmentOrder erased = PersonalData.erased(fo);
            return erased.at(v, erased.status(), erased.lines(), erased.holds());
        } else if (event instanceof FulfillmentEvent.PickingStarted) {
            return fo.at(v, to(fo, FulfillmentCommandKind.START_PICKING, FulfillmentOrderStatus.PICKING), fo.lines(),
                    fo.holds());
        } else if (event instanceof FulfillmentEvent.Packed) {
            return fo.at(v, to(fo, FulfillmentCommandKind.PACK, FulfillmentOrderStatus.PACKED), fo.lines(), fo.holds());
        } else if (event instanceof FulfillmentEvent.ReadyForPickup) {
            return fo.at(v, to(fo, FulfillmentCommandKind.MARK_READY_FOR_PICKUP, FulfillmentOrderStatus.READY_FOR_PICKUP),
                    fo.lines(), fo.holds());
        } else if (event instanceof FulfillmentEvent.HoldPlaced h) {
            List<FulfillmentHold> holds = new ArrayList<>(fo.holds());
            holds.add(h.hold());
            return fo.at(v, to(fo, FulfillmentCommandKind.PLACE_HOLD, fo.status()), fo.lines(), holds);
        } else if (event instanceof FulfillmentEvent.HoldReleased h) {
            return fo.at(v, to(fo, FulfillmentCommandKind.RELEASE_HOLD, fo.status()), fo.lines(),
                    fo.holds().stream().filter(hold -> !hold.code().equals(h.code())).toList());
        } else if (event instanceof FulfillmentEvent.Shipped s) {
            return fo.at(v, to(fo, FulfillmentCommandKind.SHIP, s.status()),
                    move(fo, s.shipment().lines(), "ship", FulfillmentLine::ship), fo.holds());
        } else if (event instanceof FulfillmentEvent.ShipmentTracked t) {
            return fo.at(v, to(fo, FulfillmentCommandKind.TRACK, t.status()), fo.lines(), fo.holds());
        } else if (event instanceof FulfillmentEvent.UnitsCancelled c) {
            return fo.at(v, to(fo, FulfillmentCommandKind.CANCEL_UNITS, c.status()),
                    move(fo, c.lines(), "cancel", FulfillmentLine::cancel), fo.holds());
        } else if (event instanceof FulfillmentEvent.Cancelled) {
            return fo.at(v, to(fo, FulfillmentCommandKind.CANCEL, FulfillmentOrderStatus.CANCELLED),
                    fo.lines().stream().map(FulfillmentLine::cancelOpen).toList(), fo.holds());
        } else if (event instanceof FulfillmentEvent.PickedUp p) {
            return fo.at(v, to(fo, FulfillmentCommandKind.PICK_UP, FulfillmentOrderStatus.PICKED_UP),
                    move(fo, p.lines(), "hand over", FulfillmentLine::ship), fo.holds());
        } else if (event instanceof FulfillmentEvent.PickupExpired) {
            return fo.at(v, to(fo, FulfillmentCommandKind.EXPIRE_PICKUP, FulfillmentOrderStatus.PICKUP_EXPIRED),
                    fo.lines().stream().map(FulfillmentLine::cancelOpen).toList(), fo.holds());
        }
        throw new IllegalStateException("unhandled event " + event.getClass().getName());
    }

    /**
     * Rebuilds a fulfilment order from its whole history.
     *
     * @param history its events, oldest first, starting with {@code Created}
     * @return the fulfilment order
     * @throws InvalidInputException if the history is empty or does not fit
     */
    public FulfillmentOrder replay(List<FulfillmentEvent> history) {
        if (InvalidInputException.requireNonNull(history, "history").isEmpty()) {
            throw new InvalidInputException("history", "a fulfilment order's history starts with Created");
        }
        return evolveAll(null, history);
    }

    private static FulfillmentOrderStatus to(FulfillmentOrder fo, FulfillmentCommandKind kind,
            FulfillmentOrderStatus proposed) {
        Set<FulfillmentOrderStatus> targets = FulfillmentTransitions.targets(fo.status(), kind);
        if (!targets.contains(proposed)) {
            throw new InvalidInputException("event", kind.label() + " cannot lead from " + fo.status() + " to "
                    + proposed + " (the table allows " + targets + ")");
        }
        return proposed;
    }

    /** Moves units of the given lines by {@code step}, refusing lines it does not have and more than is open. */
    private static List<FulfillmentLine> move(FulfillmentOrder fo, List<LineQuantity> lines, String what,
            BiFunction<FulfillmentLine, dev.oms.spi.Quantity, FulfillmentLine> step) {
        List<FulfillmentLine> next = new ArrayList<>(fo.lines());
        for (LineQuantity lq : lines) {
            int index = indexOf(next, lq.lineId());
            if (index < 0) {
                throw new FulfillmentRuleException(fo.id(), what.replace(' ', '-') + "-own-lines", "line "
                        + lq.lineId() + " is not part of this fulfilment order");
            }
            FulfillmentLine line = next.get(index);
            if (lq.quantity().isGreaterThan(line.open())) {
                throw new FulfillmentRuleException(fo.id(), what.replace(' ', '-') + "-within-open", "line "
                        + lq.lineId() + " has " + line.open() + " open but " + lq.quantity() + " were to " + what);
            }
            next.set(index, step.apply(line, lq.quantity()));
        }
        return next;
    }

    private static int indexOf(List<FulfillmentLine> lines, LineId lineId) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).lineId().equals(lineId)) {
                return i;
            }
        }
        return -1;
    }

    private static void requireNoHolds(FulfillmentOrder fo) {
        if (!fo.holds().isEmpty()) {
            throw new FulfillmentRuleException(fo.id(), "no-picking-on-hold", "active holds "
                    + fo.holds().stream().map(FulfillmentHold::code).toList());
        }
    }

    private static void requirePickup(FulfillmentOrder fo) {
        if (fo.kind() != FulfillmentKind.PICKUP) {
            throw new FulfillmentRuleException(fo.id(), "pickup-only", "it is a delivery");
        }
    }

    private FulfillmentEventMetadata metadata(FulfillmentOrder fo, long version) {
        Instant now = clock.instant();
        return new FulfillmentEventMetadata(ids.newEventId(), fo.id(), fo.orderId(), version, now);
    }

    /**
     * A fulfilment operation a rule refuses in the fulfilment order's current state (picking a held
     * order, shipping more than is open, cancelling after shipment). {@link #rule()} is a stable name.
     */
    public static class FulfillmentRuleException extends OmsException {
        private static final long serialVersionUID = 1L;

        private final FulfillmentOrderId fulfillmentOrderId;
        private final String rule;

        /**
         * @param fulfillmentOrderId the fulfilment order
         * @param rule the rule's stable name
         * @param message what was refused and why
         */
        public FulfillmentRuleException(FulfillmentOrderId fulfillmentOrderId, String rule, String message) {
            super("fulfilment order " + fulfillmentOrderId + ": " + message + " [rule " + rule + "]");
            this.fulfillmentOrderId = fulfillmentOrderId;
            this.rule = rule;
        }

        /** @return the fulfilment order */
        public FulfillmentOrderId fulfillmentOrderId() {
            return fulfillmentOrderId;
        }

        /** @return the rule's stable name */
        public String rule() {
            return rule;
        }
    }

    /** The carrier refused to create a label; nothing shipped and nothing changed. */
    public static class LabelFailedException extends FulfillmentRuleException {
        private static final long serialVersionUID = 1L;

        private final String carrierReason;

        /**
         * @param fulfillmentOrderId the fulfilment order
         * @param carrierReason the carrier's reason
         */
        public LabelFailedException(FulfillmentOrderId fulfillmentOrderId, String carrierReason) {
            super(fulfillmentOrderId, "carrier-label", "the carrier refused the label: " + carrierReason);
            this.carrierReason = carrierReason;
        }

        /** @return the carrier's reason */
        public String carrierReason() {
            return carrierReason;
        }
    }
}
