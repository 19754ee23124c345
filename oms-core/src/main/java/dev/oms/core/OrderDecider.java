package dev.oms.core;

import dev.oms.core.OrderCommand.CommandKind;
import dev.oms.core.OrderCommand.Edit;
import dev.oms.core.TransitionTable.CommandGuard;
import dev.oms.core.TransitionTable.CommandGuard.GuardRejectedException;
import dev.oms.core.internal.Decisions;
import dev.oms.core.internal.Evolution;
import dev.oms.spi.Amounts;
import dev.oms.spi.CommandKey;
import dev.oms.spi.IdGenerator;
import dev.oms.spi.OrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.EventMetadata;
import dev.oms.spi.event.OrderEvent.OrderPlaced;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderLine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final AttributeDefinitions attributes;
    private final dev.oms.core.internal.shared.GrandTotals grandTotals = new dev.oms.core.internal.shared.GrandTotals();

    private record NamedGuard(String name, CommandGuard guard) {
    }

    private OrderDecider(Builder builder) {
        this.clock = builder.clock;
        this.ids = builder.ids;
        Map<CommandKind, List<NamedGuard>> copy = new EnumMap<>(CommandKind.class);
        builder.guards.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
        this.guards = copy;
        this.attributes = builder.attributes;
    }

    /** @return a builder with the system UTC clock and random UUIDs */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param order a snapshot
     * @return its grand total, computed again only if its lines, discounts, charges, tax policy
     *     or pricing changed since the last one of the order this decider computed
     */
    MonetaryAmount grandTotal(Order order) {
        return grandTotals.of(order);
    }

    /** @return the custom attributes orders and lines may carry */
    public AttributeDefinitions attributes() {
        return attributes;
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
        return place(Optional.empty(), command, key);
    }

    /**
     * Decides a new order under an id chosen before (a draft's, so that stock held for its quote
     * is already the order's).
     *
     * @param orderId the new order's id, from {@link IdGenerator#newOrderId()}
     * @param command the placement
     * @param key the command key, if any
     * @return the {@link OrderPlaced} event and the new order, or the rejection
     */
    public Decision place(OrderId orderId, PlaceOrder command, Optional<CommandKey> key) {
        return place(Optional.of(InvalidInputException.requireNonNull(orderId, "orderId")), command, key);
    }

    private Decision place(Optional<OrderId> orderId, PlaceOrder command, Optional<CommandKey> key) {
        try {
            InvalidInputException.requireNonNull(command, "command");
            InvalidInputException.requireNonNull(key, "key");
            EventMetadata metadata = new EventMetadata(ids.newEventId(), orderId.orElseGet(ids::newOrderId), 1,
                    clock.instant(), key);
            OrderPlaced placed = new OrderPlaced(metadata, command.header(), command.lines(), command.discounts(),
                    command.shippingCharges());
            attributes.check(AttributeDefinitions.Scope.ORDER, command.header().attributes(), "header.attributes");
            for (int i = 0; i < command.lines().size(); i++) {
                attributes.check(AttributeDefinitions.Scope.LINE, command.lines().get(i).attributes(),
                        "lines[" + i + "].attributes");
            }
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
    private void requireBoundedValues(Order order) {
        for (dev.oms.spi.order.Order.OrderLine line : order.lines()) {
            Amounts.requireBounded(line.subtotal(order.header().pricing()).getNumber().numberValue(java.math.BigDecimal.class), "line "
                    + line.id() + " (unit price times quantity)");
        }
        Amounts.requireBounded(grandTotal(order).getNumber().numberValue(java.math.BigDecimal.class), "grand total");
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
            if (command instanceof Edit edit) {
                checkAttributes(edit);
            }
            checkGuards(order, command.kind(), command);
            Decisions.Events events = new Decisions.Events(ids, order.id(), order.version() + 1, clock.instant(),
                    key);
            Decisions.decideInto(order, command, events);
            Order after = evolveAll(order, events.events());
            if (command instanceof Edit) {
                requireBoundedValues(after);
            }
            return new Decision.Accepted(after, events.events());
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

    /** The attributes an edit adds or sets, against the definitions (what it leaves alone is not checked again). */
    private void checkAttributes(Edit edit) {
        for (int i = 0; i < edit.edits().size(); i++) {
            dev.oms.spi.order.OrderEdit change = edit.edits().get(i);
            if (change instanceof dev.oms.spi.order.OrderEdit.AddLine add) {
                attributes.check(AttributeDefinitions.Scope.LINE, add.line().attributes(),
                        "edits[" + i + "].line.attributes");
            } else if (change instanceof dev.oms.spi.order.OrderEdit.SetAttributes set) {
                attributes.check(set.lineId().isPresent() ? AttributeDefinitions.Scope.LINE
                        : AttributeDefinitions.Scope.ORDER, set.attributes(), "edits[" + i + "].attributes");
            }
        }
    }

    private void checkGuards(Order order, CommandKind kind, Object command) {
        for (NamedGuard named : guards.getOrDefault(kind, List.of())) {
            Optional<String> refusal = named.guard().refusal(order, command);
            if (refusal.isPresent()) {
                throw new GuardRejectedException(order.id(), named.name(), kind, refusal.get());
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
        return Evolution.evolve(order, event);
    }

    /**
     * Configures a decider. Not thread-safe; build once and share the decider.
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids = IdGenerator.randomUuids();
        private final Map<CommandKind, List<NamedGuard>> guards = new EnumMap<>(CommandKind.class);
        private AttributeDefinitions attributes = AttributeDefinitions.NONE;

        private Builder() {
        }

        /**
         * @param definitions the custom attributes orders and lines may carry; without this, none
         * @return this builder
         */
        public Builder attributes(AttributeDefinitions definitions) {
            this.attributes = InvalidInputException.requireNonNull(definitions, "attributes");
            return this;
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
