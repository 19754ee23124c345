package dev.oms.core;

import dev.oms.core.OrderCommand.Allocate;
import dev.oms.core.OrderCommand.Archive;
import dev.oms.core.OrderCommand.Cancel;
import dev.oms.core.OrderCommand.CancelLine;
import dev.oms.core.OrderCommand.Complete;
import dev.oms.core.OrderCommand.Confirm;
import dev.oms.core.OrderCommand.Deallocate;
import dev.oms.core.OrderCommand.Deliver;
import dev.oms.core.OrderCommand.Edit;
import dev.oms.core.OrderCommand.PlaceHold;
import dev.oms.core.OrderCommand.RecordAuthorisation;
import dev.oms.core.OrderCommand.RecordCapture;
import dev.oms.core.OrderCommand.RecordDecline;
import dev.oms.core.OrderCommand.RecordLoss;
import dev.oms.core.OrderCommand.RecordRefund;
import dev.oms.core.OrderCommand.RecordReturn;
import dev.oms.core.OrderCommand.RecordVoid;
import dev.oms.core.OrderCommand.ReleaseHold;
import dev.oms.core.OrderCommand.Ship;
import dev.oms.core.internal.Edits;
import dev.oms.spi.AllocatedUnitsException;
import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException;
import dev.oms.spi.OrderId;
import dev.oms.spi.OrderOnHoldException;
import dev.oms.spi.PaymentLimitExceededException;
import dev.oms.spi.Quantity;
import dev.oms.spi.QuantityUnavailableException;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.UnknownLineException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.EventMetadata;
import dev.oms.spi.event.OrderEvent.HoldPlaced;
import dev.oms.spi.event.OrderEvent.HoldReleased;
import dev.oms.spi.event.OrderEvent.LineCancelled;
import dev.oms.spi.event.OrderEvent.OrderArchived;
import dev.oms.spi.event.OrderEvent.OrderCancelled;
import dev.oms.spi.event.OrderEvent.OrderCompleted;
import dev.oms.spi.event.OrderEvent.OrderConfirmed;
import dev.oms.spi.event.OrderEvent.OrderEdited;
import dev.oms.spi.event.OrderEvent.OrderPlaced;
import dev.oms.spi.event.OrderEvent.PaymentAuthorised;
import dev.oms.spi.event.OrderEvent.PaymentCaptured;
import dev.oms.spi.event.OrderEvent.PaymentDeclined;
import dev.oms.spi.event.OrderEvent.PaymentRefunded;
import dev.oms.spi.event.OrderEvent.PaymentVoided;
import dev.oms.spi.event.OrderEvent.PersonalDataErased;
import dev.oms.spi.event.OrderEvent.QuantitiesAllocated;
import dev.oms.spi.event.OrderEvent.QuantitiesDeallocated;
import dev.oms.spi.event.OrderEvent.QuantitiesDelivered;
import dev.oms.spi.event.OrderEvent.QuantitiesLost;
import dev.oms.spi.event.OrderEvent.QuantitiesReturned;
import dev.oms.spi.event.OrderEvent.QuantitiesShipped;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.order.LineCancellation;
import dev.oms.spi.order.LineQuantity;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.Hold;
import dev.oms.spi.order.Order.HoldType;
import dev.oms.spi.order.Order.LineQuantities;
import dev.oms.spi.order.Order.OrderLine;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.Order.PaymentLedger;
import dev.oms.spi.order.OrderEdit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.money.MonetaryAmount;

/**
 * The order lifecycle as a pure decider: {@link #decide} turns an order and a command into
 * events or a typed rejection, {@link #evolve} applies an event to an order. No I/O: time comes
 * from the injected {@link Clock}, ids from the injected {@link IdGenerator}, so the same inputs
 * give the same outputs.
 *
 * <p>A decision checks, in order: the {@link TransitionTable} (is the command allowed in this
 * status), the host's {@link CommandGuard}s, then the command's own rules (quantity buckets,
 * payment limits, holds, currency). Every refusal is an {@link OmsException} subclass inside a
 * {@link Decision.Rejected}; nothing is thrown from {@code decide} itself.
 *
 * <p>Immutable and thread-safe if the clock, id generator and guards are.
 */
public final class OrderDecider {
    /** The code of the payment hold a decline places and an authorisation releases. */
    public static final String DECLINE_HOLD_CODE = "payment-declined";

    private final Clock clock;
    private final IdGenerator ids;
    private final Map<CommandKind, List<NamedGuard>> guards;

    private record NamedGuard(String name, CommandGuard guard) {
    }

    private OrderDecider(Builder builder) {
        this.clock = builder.clock;
        this.ids = builder.ids;
        Map<CommandKind, List<NamedGuard>> copy = new EnumMap<>(CommandKind.class);
        builder.guards.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
        this.guards = copy;
    }

    /** @return a builder with the system UTC clock and random UUIDs */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the clock decisions take their time from */
    public Clock clock() {
        return clock;
    }

    /**
     * Decides a new order.
     *
     * @param command the placement
     * @param key the command key, if any (recorded in the events' metadata)
     * @return the {@link OrderPlaced} event and the new order, or the rejection
     */
    public Decision place(PlaceOrder command, Optional<CommandKey> key) {
        try {
            InvalidInputException.requireNonNull(command, "command");
            InvalidInputException.requireNonNull(key, "key");
            EventMetadata metadata = new EventMetadata(ids.newEventId(), ids.newOrderId(), 1, clock.instant(), key);
            OrderPlaced placed = new OrderPlaced(metadata, command.header(), command.lines(), command.discounts(),
                    command.shippingCharges());
            Order order = evolve(null, placed);
            requireBoundedValues(order);
            checkGuards(order, CommandKind.PLACE, command);
            return new Decision.Accepted(order, List.of(placed));
        } catch (OmsException refused) {
            return new Decision.Rejected(refused);
        }
    }

    /**
     * Every line's value and the grand total stay within {@link Amounts#MAX_INTEGER_DIGITS}
     * integer digits, so every share, capture and refund of the order is exact in minor units.
     */
    private static void requireBoundedValues(Order order) {
        for (dev.oms.spi.order.Order.OrderLine line : order.lines()) {
            Amounts.requireBounded(line.subtotal().getNumber().numberValue(java.math.BigDecimal.class), "line "
                    + line.id() + " (unit price times quantity)");
        }
        Amounts.requireBounded(OrderTotals.of(order).grandTotal().getNumber().numberValue(java.math.BigDecimal.class),
                "grand total");
    }

    /**
     * Decides a new order without a command key.
     *
     * @param command the placement
     * @return the decision
     */
    public Decision place(PlaceOrder command) {
        return place(command, Optional.empty());
    }

    /**
     * Decides a command on an existing order.
     *
     * @param order the order as stored now
     * @param command the command
     * @param key the command key, if any (recorded in the events' metadata)
     * @return the events and the order they lead to, or the rejection
     */
    public Decision decide(Order order, OrderCommand command, Optional<CommandKey> key) {
        try {
            InvalidInputException.requireNonNull(order, "order");
            InvalidInputException.requireNonNull(command, "command");
            InvalidInputException.requireNonNull(key, "key");
            TransitionTable.check(order, command.kind());
            checkGuards(order, command.kind(), command);
            Events events = new Events(order.id(), order.version() + 1, clock.instant(), key);
            decideInto(order, command, events);
            Order after = evolveAll(order, events.list);
            if (command instanceof Edit) {
                requireBoundedValues(after);
            }
            return new Decision.Accepted(after, events.list);
        } catch (OmsException refused) {
            return new Decision.Rejected(refused);
        }
    }

    /**
     * Decides a command on an existing order without a command key.
     *
     * @param order the order
     * @param command the command
     * @return the decision
     */
    public Decision decide(Order order, OrderCommand command) {
        return decide(order, command, Optional.empty());
    }

    private void checkGuards(Order order, CommandKind kind, Object command) {
        for (NamedGuard named : guards.getOrDefault(kind, List.of())) {
            Optional<String> refusal = named.guard().refusal(order, command);
            if (refusal.isPresent()) {
                throw new GuardRejectedException(order.id(), named.name(), kind, refusal.get());
            }
        }
    }

    /** Collects the events of one decision; all share the new version, time and key. */
    private final class Events {
        final OrderId orderId;
        final long version;
        final Instant at;
        final Optional<CommandKey> key;
        final List<OrderEvent> list = new ArrayList<>(2);

        Events(OrderId orderId, long version, Instant at, Optional<CommandKey> key) {
            this.orderId = orderId;
            this.version = version;
            this.at = at;
            this.key = key;
        }

        EventMetadata next() {
            return new EventMetadata(ids.newEventId(), orderId, version, at, key);
        }

        void add(OrderEvent event) {
            list.add(event);
        }
    }

    private void decideInto(Order o, OrderCommand command, Events e) {
        if (command instanceof Confirm) {
            e.add(new OrderConfirmed(e.next()));
        } else if (command instanceof PlaceHold c) {
            if (o.hold(c.type(), c.code()).isPresent()) {
                throw new RuleViolationException(o.id(), "hold-already-active",
                        "hold " + c.type() + "/" + c.code() + " is already active");
            }
            e.add(new HoldPlaced(e.next(), new Hold(c.type(), c.code(), c.reason(), e.at)));
        } else if (command instanceof ReleaseHold c) {
            if (o.hold(c.type(), c.code()).isEmpty()) {
                throw new RuleViolationException(o.id(), "hold-not-active",
                        "hold " + c.type() + "/" + c.code() + " is not active");
            }
            e.add(new HoldReleased(e.next(), c.type(), c.code(), c.note()));
        } else if (command instanceof Cancel c) {
            decideCancel(o, c, e);
        } else if (command instanceof CancelLine c) {
            decideCancelLine(o, c, e);
        } else if (command instanceof Edit c) {
            Order edited = applyEdits(o, c.edits());
            e.add(new OrderEdited(e.next(), c.edits(), OrderTotals.of(o).grandTotal(),
                    OrderTotals.of(edited).grandTotal()));
        } else if (command instanceof RecordAuthorisation c) {
            MonetaryAmount amount = Amounts.requirePositive(c.amount(), o.currency(), "RecordAuthorisation.amount");
            e.add(new PaymentAuthorised(e.next(), amount, c.reference()));
            if (o.hold(HoldType.PAYMENT, DECLINE_HOLD_CODE).isPresent()) {
                e.add(new HoldReleased(e.next(), HoldType.PAYMENT, DECLINE_HOLD_CODE, "payment authorised"));
            }
        } else if (command instanceof RecordDecline c) {
            MonetaryAmount amount = Amounts.requirePositive(c.amount(), o.currency(), "RecordDecline.amount");
            e.add(new PaymentDeclined(e.next(), amount, c.reason()));
            if (o.hold(HoldType.PAYMENT, DECLINE_HOLD_CODE).isEmpty()) {
                e.add(new HoldPlaced(e.next(),
                        new Hold(HoldType.PAYMENT, DECLINE_HOLD_CODE, "payment declined: " + c.reason(), e.at)));
            }
        } else if (command instanceof RecordCapture c) {
            MonetaryAmount amount = requirePayment(o, c.amount(), o.payments().capturable(),
                    "capture-within-authorised", "RecordCapture.amount");
            e.add(new PaymentCaptured(e.next(), amount, c.reference()));
        } else if (command instanceof RecordVoid c) {
            MonetaryAmount amount = requirePayment(o, c.amount(), o.payments().capturable(),
                    "void-within-authorised", "RecordVoid.amount");
            e.add(new PaymentVoided(e.next(), amount, c.reference()));
        } else if (command instanceof RecordRefund c) {
            MonetaryAmount amount = requirePayment(o, c.amount(), o.payments().refundable(),
                    "refund-within-captured", "RecordRefund.amount");
            e.add(new PaymentRefunded(e.next(), amount, c.reference()));
        } else if (command instanceof Allocate c) {
            requireNoHolds(o);
            requireAvailable(o, c.lines(), "unallocated", LineQuantities::unallocated);
            e.add(new QuantitiesAllocated(e.next(), c.location(), c.lines()));
        } else if (command instanceof Deallocate c) {
            requireAvailable(o, c.lines(), "allocated", LineQuantities::allocated);
            e.add(new QuantitiesDeallocated(e.next(), c.location(), c.lines()));
        } else if (command instanceof Ship c) {
            // Holds stop fulfilment before a parcel leaves (allocation here, picking to labelling in
            // oms-fulfillment); a parcel that has left is recorded whatever was placed since.
            requireAvailable(o, c.lines(), "allocated", LineQuantities::allocated);
            e.add(new QuantitiesShipped(e.next(), c.shipment(), c.lines()));
        } else if (command instanceof Deliver c) {
            requireAvailable(o, c.lines(), "inTransit", LineQuantities::inTransit);
            Instant at = c.deliveredAt().filter(t -> !t.isAfter(e.at)).orElse(e.at);
            e.add(new QuantitiesDelivered(e.next(), c.shipment(), c.lines(), at));
        } else if (command instanceof RecordLoss c) {
            requireAvailable(o, c.lines(), "inTransit", LineQuantities::inTransit);
            e.add(new QuantitiesLost(e.next(), c.lines(), c.note()));
        } else if (command instanceof RecordReturn c) {
            requireAvailable(o, c.lines(), "returnable", q -> q.delivered().minus(q.returned()));
            e.add(new QuantitiesReturned(e.next(), c.returnId(), c.lines()));
        } else if (command instanceof Complete) {
            for (OrderLine line : o.lines()) {
                LineQuantities q = line.quantities();
                if (!q.settled().equals(q.open())) {
                    throw new RuleViolationException(o.id(), "complete-requires-delivery", "line " + line.id()
                            + " has " + q.open() + " open but only " + q.delivered() + " delivered"
                            + (q.lost().isPositive() ? " and " + q.lost() + " lost" : ""));
                }
            }
            e.add(new OrderCompleted(e.next()));
        } else if (command instanceof Archive) {
            e.add(new OrderArchived(e.next()));
        } else if (command instanceof OrderCommand.ErasePersonalData) {
            e.add(new PersonalDataErased(e.next()));
        } else {
            throw new IllegalStateException("unhandled command " + command.kind());
        }
    }

    private static void decideCancel(Order o, Cancel c, Events e) {
        List<LineCancellation> cancellations = new ArrayList<>();
        for (OrderLine line : o.lines()) {
            LineQuantities q = line.quantities();
            if (q.shipped().isPositive()) {
                throw new RuleViolationException(o.id(), "cancel-before-shipment", "line " + line.id() + " has "
                        + q.shipped() + " shipped; cancel the remaining quantity line by line instead");
            }
        }
        for (OrderLine line : o.lines()) {
            LineQuantities q = line.quantities();
            if (q.allocated().isPositive()) {
                throw new AllocatedUnitsException(o.id(), line.id(), q.allocated().value());
            }
            if (q.unallocated().isPositive()) {
                cancellations.add(new LineCancellation(line.id(), q.unallocated(), Quantity.ZERO));
            }
        }
        e.add(new OrderCancelled(e.next(), c.reason(), c.note(), cancellations));
    }

    private static void decideCancelLine(Order o, CancelLine c, Events e) {
        LineQuantities q = o.requireLine(c.lineId()).quantities();
        if (c.quantity().isGreaterThan(q.unshipped())) {
            throw new QuantityUnavailableException(o.id(), c.lineId(), "unshipped", q.unshipped().value(),
                    c.quantity().value());
        }
        if (c.quantity().isGreaterThan(q.unallocated())) {
            throw new AllocatedUnitsException(o.id(), c.lineId(), q.allocated().value());
        }
        e.add(new LineCancelled(e.next(), c.reason(), c.note(),
                new LineCancellation(c.lineId(), c.quantity(), Quantity.ZERO)));
        long openLeft = -c.quantity().value();
        for (OrderLine line : o.lines()) {
            openLeft += line.quantities().open().value();
        }
        if (openLeft == 0) {
            e.add(new OrderCancelled(e.next(), c.reason(), c.note(), List.of()));
        }
    }

    private static Order applyEdits(Order order, List<OrderEdit> edits) {
        Order edited = order;
        for (OrderEdit edit : edits) {
            edited = Edits.apply(edited, edit);
        }
        boolean anyOpen = false;
        for (OrderLine line : edited.lines()) {
            anyOpen |= line.quantities().open().isPositive();
        }
        if (!anyOpen) {
            throw new RuleViolationException(order.id(), "edit-keeps-an-open-line",
                    "an edit must leave at least one line with open quantity; cancel the order instead");
        }
        return edited;
    }

    private static MonetaryAmount requirePayment(Order o, MonetaryAmount amount, MonetaryAmount limit, String rule,
            String field) {
        Amounts.requirePositive(amount, o.currency(), field);
        if (amount.isGreaterThan(limit)) {
            throw new PaymentLimitExceededException(o.id(), rule, limit, amount);
        }
        return amount;
    }

    private static void requireNoHolds(Order o) {
        if (o.isOnHold()) {
            throw new OrderOnHoldException(o.id(), o.holds());
        }
    }

    private static void requireAvailable(Order o, List<LineQuantity> lines, String bucket,
            Function<LineQuantities, Quantity> available) {
        for (LineQuantity lq : lines) {
            Quantity in = available.apply(o.requireLine(lq.lineId()).quantities());
            if (lq.quantity().isGreaterThan(in)) {
                throw new QuantityUnavailableException(o.id(), lq.lineId(), bucket, in.value(), lq.quantity().value());
            }
        }
    }

    /**
     * Applies events in order.
     *
     * @param order the order before them ({@code null} if the first is {@link OrderPlaced})
     * @param events the events
     * @return the order after them
     */
    public Order evolveAll(Order order, List<OrderEvent> events) {
        Order next = order;
        for (OrderEvent event : events) {
            next = evolve(next, event);
        }
        return next;
    }

    /**
     * Rebuilds an order from its whole event history.
     *
     * @param history the order's events, oldest first, starting with {@link OrderPlaced}
     * @return the order
     * @throws InvalidInputException if the history is empty or does not start with a placement
     */
    public Order replay(List<OrderEvent> history) {
        if (InvalidInputException.requireNonNull(history, "history").isEmpty()) {
            throw new InvalidInputException("history", "an order's history starts with OrderPlaced");
        }
        return evolveAll(null, history);
    }

    /**
     * Applies one event. Pure: the result depends only on the order and the event.
     *
     * @param order the order before the event; {@code null} exactly when the event is
     *     {@link OrderPlaced}
     * @param event the event
     * @return the order after it, at the event's version and time
     * @throws InvalidInputException if the event does not fit the order (another order, a
     *     placement of an existing order, or quantities its buckets cannot hold)
     */
    public Order evolve(Order order, OrderEvent event) {
        InvalidInputException.requireNonNull(event, "event");
        if (event instanceof OrderPlaced p) {
            if (order != null) {
                throw new InvalidInputException("event", "order " + order.id() + " is already placed");
            }
            List<OrderLine> lines = new ArrayList<>(p.lines().size());
            p.lines().forEach(line -> lines.add(OrderLine.from(line)));
            return new Order(p.orderId(), p.orderVersion(), p.header(), lines, p.discounts(), p.shippingCharges(),
                    TransitionTable.initialStatus(), PaymentLedger.empty(p.header().currency()), List.of(),
                    p.occurredAt());
        }
        if (order == null) {
            throw new InvalidInputException("event", "the first event of an order must be OrderPlaced, not "
                    + event.getClass().getSimpleName());
        }
        if (!order.id().equals(event.orderId())) {
            throw new InvalidInputException("event", "event " + event.eventId() + " belongs to order "
                    + event.orderId() + ", not " + order.id());
        }
        Order o = order.at(event.orderVersion(), event.occurredAt(), TransitionTable.statusAfter(order.status(), event));
        if (event instanceof OrderConfirmed || event instanceof OrderCompleted || event instanceof OrderArchived
                || event instanceof PaymentDeclined) {
            return o;
        }
        if (event instanceof PersonalDataErased) {
            return PersonalData.erased(o);
        }
        if (event instanceof HoldPlaced h) {
            List<Hold> holds = new ArrayList<>(o.holds());
            holds.add(h.hold());
            return o.withHolds(holds);
        } else if (event instanceof HoldReleased h) {
            return o.withHolds(o.holds().stream().filter(hold -> !hold.is(h.type(), h.code())).toList());
        } else if (event instanceof OrderCancelled c) {
            Order cancelled = o;
            for (LineCancellation lc : c.lines()) {
                cancelled = cancelLine(cancelled, lc);
            }
            return cancelled;
        } else if (event instanceof LineCancelled c) {
            return cancelLine(o, c.cancellation());
        } else if (event instanceof OrderEdited edited) {
            Order next = o;
            for (OrderEdit edit : edited.edits()) {
                next = Edits.apply(next, edit);
            }
            return next;
        } else if (event instanceof PaymentAuthorised p) {
            return o.withPayments(o.payments().authorise(p.amount()));
        } else if (event instanceof PaymentCaptured p) {
            return o.withPayments(o.payments().capture(p.amount()));
        } else if (event instanceof PaymentVoided p) {
            return o.withPayments(o.payments().voidAuthorisation(p.amount()));
        } else if (event instanceof PaymentRefunded p) {
            return o.withPayments(o.payments().refund(p.amount()));
        } else if (event instanceof QuantitiesAllocated a) {
            return moveQuantities(o, a.lines(), LineQuantities::allocate);
        } else if (event instanceof QuantitiesDeallocated d) {
            return moveQuantities(o, d.lines(), LineQuantities::deallocate);
        } else if (event instanceof QuantitiesShipped s) {
            return moveQuantities(o, s.lines(), LineQuantities::ship);
        } else if (event instanceof QuantitiesDelivered d) {
            return moveQuantities(o, d.lines(), LineQuantities::deliver);
        } else if (event instanceof QuantitiesLost l) {
            return moveQuantities(o, l.lines(), LineQuantities::lose);
        } else if (event instanceof QuantitiesReturned r) {
            return moveQuantities(o, r.lines(), LineQuantities::markReturned);
        }
        throw new IllegalStateException("unhandled event " + event.getClass().getName());
    }

    private static Order cancelLine(Order o, LineCancellation lc) {
        return moveQuantities(o, List.of(new LineQuantity(lc.lineId(), lc.quantity())),
                (q, ignored) -> q.cancel(lc.fromUnallocated(), lc.fromAllocated()));
    }

    private static Order moveQuantities(Order o, List<LineQuantity> moves,
            BiFunction<LineQuantities, Quantity, LineQuantities> move) {
        List<OrderLine> lines = new ArrayList<>(o.lines());
        for (LineQuantity lq : moves) {
            int index = indexOf(o, lines, lq);
            OrderLine line = lines.get(index);
            lines.set(index, line.withQuantities(move.apply(line.quantities(), lq.quantity())));
        }
        return o.withLines(lines);
    }

    private static int indexOf(Order o, List<OrderLine> lines, LineQuantity lq) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).id().equals(lq.lineId())) {
                return i;
            }
        }
        throw new UnknownLineException(o.id(), lq.lineId());
    }

    /**
     * Configures a decider. Not thread-safe; build once and share the decider.
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids = IdGenerator.randomUuids();
        private final Map<CommandKind, List<NamedGuard>> guards = new EnumMap<>(CommandKind.class);

        private Builder() {
        }

        /** @param clock where time comes from @return this builder */
        public Builder clock(Clock clock) {
            this.clock = InvalidInputException.requireNonNull(clock, "clock");
            return this;
        }

        /** @param ids where order and event ids come from @return this builder */
        public Builder ids(IdGenerator ids) {
            this.ids = InvalidInputException.requireNonNull(ids, "ids");
            return this;
        }

        /**
         * Adds a host rule that may refuse commands of the given kinds. Guards run in the order
         * added; the first refusal wins.
         *
         * @param name names the guard in a {@link GuardRejectedException}
         * @param guard the rule
         * @param kinds the command kinds it watches, at least one
         * @return this builder
         */
        public Builder guard(String name, CommandGuard guard, CommandKind... kinds) {
            InvalidInputException.requireCode(name, "guard.name");
            InvalidInputException.requireNonNull(guard, "guard");
            if (kinds.length == 0) {
                throw new InvalidInputException("guard.kinds", "a guard watches at least one command kind");
            }
            for (CommandKind kind : kinds) {
                guards.computeIfAbsent(kind, k -> new ArrayList<>()).add(new NamedGuard(name, guard));
            }
            return this;
        }

        /** @return the decider */
        public OrderDecider build() {
            return new OrderDecider(this);
        }
    }

    /**
     * What the {@link OrderDecider} decided: the events a command produces and the order they lead
     * to, or the typed reason it was refused. Nothing has been saved either way.
     */
    public sealed interface Decision {
        /**
         * The command is accepted.
         *
         * @param order the order after applying the events
         * @param events the events, at least one
         */
        record Accepted(Order order, List<OrderEvent> events) implements Decision {
            /** Copies the events. */
            public Accepted {
                events = List.copyOf(events);
            }
        }

        /**
         * The command is refused.
         *
         * @param reason the typed exception that says why
         */
        record Rejected(OmsException reason) implements Decision {
        }

        /** @return whether the command was accepted */
        default boolean isAccepted() {
            return this instanceof Accepted;
        }

        /**
         * @return the accepted decision
         * @throws OmsException the rejection's reason, if it was refused
         */
        default Accepted orThrow() {
            if (this instanceof Rejected rejected) {
                throw rejected.reason();
            }
            return (Accepted) this;
        }
    }
}
