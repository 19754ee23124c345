package dev.oms.core;

import dev.oms.core.OrderCommand.CommandKind;
import dev.oms.core.OrderDecider.Decision;
import dev.oms.core.internal.Placements;
import dev.oms.core.internal.Quotes;
import dev.oms.core.internal.shared.CommandFingerprint;
import dev.oms.core.internal.shared.Idempotency;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.DuplicateExternalOrderException;
import dev.oms.spi.OmsException.OrderNotFoundException;
import dev.oms.spi.OmsException.PlacementConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.StaleVersionException.VersionConflictException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.OrderPlaced;
import dev.oms.spi.event.OrderEvent.PersonalDataErased;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.order.Order;
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.TaxProvider;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.OrderQueries;
import dev.oms.spi.store.OrderQuery;
import dev.oms.spi.store.OrderStore;
import dev.oms.spi.store.OrderStore.OrderChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.money.MonetaryAmount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point for hosts: loads an order, lets the {@link OrderDecider} decide, saves the new
 * version with its events (the store's outbox) and command key in one atomic step, then tells
 * the listeners.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Refusals change nothing.</b> A refused command throws its typed {@link OmsException}
 *       before anything is saved.</li>
 *   <li><b>No lost update.</b> Every save names the version it was decided on; if another
 *       writer saved first ({@link VersionConflictException}), the command is decided again on
 *       the fresh order, up to {@link Builder#maxAttempts} times, then the conflict is thrown.
 *       This holds across JVMs because the store, not a lock here, enforces versions.</li>
 *   <li><b>Idempotent by key.</b> A command repeated with the same {@link CommandKey} returns
 *       the first result ({@link CommandResult#replayed()}) and changes nothing; a key reused
 *       for different content throws {@link CommandKeyConflictException}. A placement is also
 *       idempotent by (channel, external order id).</li>
 * </ul>
 * Thread-safe; holds no lock of its own. Logs transitions at DEBUG with ids only, never
 * personal data.
 */
public final class OrderService {
    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

    private final OrderStore store;
    private final OrderDecider decider;
    private final List<OrderEventListener> listeners;
    private final int maxAttempts;
    private final TaxProvider taxes;

    private OrderService(Builder builder) {
        this.taxes = builder.taxes;
        this.store = builder.store;
        this.decider = builder.decider;
        this.listeners = List.copyOf(builder.listeners);
        this.maxAttempts = builder.maxAttempts;
    }

    /**
     * @param store where orders live
     * @return a builder with a default decider (system clock, random ids, no guards)
     */
    public static Builder builder(OrderStore store) {
        return new Builder(InvalidInputException.requireNonNull(store, "store"));
    }

    /** @return the decider this service uses */
    public OrderDecider decider() {
        return decider;
    }

    /**
     * Places an order, or returns the existing one if this channel order was placed before.
     *
     * @param command the placement
     * @return the new order and its {@code OrderPlaced} event, or the earlier result
     * @throws OmsException if the placement is refused (for example by a guard)
     */
    public CommandResult place(PlaceOrder command) {
        return place(command, Optional.empty());
    }

    /**
     * Places an order with an idempotency key.
     *
     * @param command the placement
     * @param key the command key
     * @return the new order, or the result recorded under the key (the order as that placement
     *     left it), or, for a channel order placed before with the same content, that order
     * @throws CommandKeyConflictException if the key was used for another command
     * @throws PlacementConflictException if the channel order was placed before with other content
     */
    public CommandResult place(PlaceOrder command, CommandKey key) {
        return place(command, Optional.of(InvalidInputException.requireNonNull(key, "key")));
    }

    /**
     * Places an order under an id chosen before it ({@link dev.oms.spi.IdGenerator#newOrderId()}):
     * how a draft becomes the order its quote already held stock for. Otherwise as
     * {@link #place(PlaceOrder, CommandKey)}; a channel order placed before is returned whatever
     * its id.
     *
     * @param orderId the new order's id, never used before (a used one is refused by the store's
     *     version check: {@link VersionConflictException})
     * @param command the placement
     * @param key the command key
     * @return the new order, or the earlier result
     * @throws CommandKeyConflictException if the key was used for another command
     * @throws PlacementConflictException if the channel order was placed before with other content
     */
    public CommandResult place(OrderId orderId, PlaceOrder command, CommandKey key) {
        return place(Optional.of(InvalidInputException.requireNonNull(orderId, "orderId")), command,
                Optional.of(InvalidInputException.requireNonNull(key, "key")));
    }

    /**
     * The order a placement would create under an id chosen before it (a draft's), decided and taxed
     * exactly as {@link #place} would (attributes, guards, the tax provider), saving nothing: how a
     * draft is priced by the same totals as an order ({@code OrderTotals.of(preview(id, placement))}).
     *
     * @param orderId the id it would have
     * @param command the placement
     * @return the order it would be
     * @throws OmsException the typed refusal {@link #place} would throw
     */
    public Order preview(OrderId orderId, PlaceOrder command) {
        InvalidInputException.requireNonNull(command, "command");
        return decider.place(orderId, taxed(command), Optional.empty()).orThrow().order();
    }

    private CommandResult place(PlaceOrder command, Optional<CommandKey> key) {
        return place(Optional.empty(), command, key);
    }

    private CommandResult place(Optional<OrderId> orderId, PlaceOrder command, Optional<CommandKey> key) {
        InvalidInputException.requireNonNull(command, "command");
        String fingerprint = CommandFingerprint.of(command);
        return Idempotency.run(() -> "placement", recorded(key, command, Optional.empty()), 1,
                VersionConflictException.class, () -> {
                    Optional<Order> existing = placed(command);
                    if (existing.isPresent()) {
                        return replayPlacement(existing.get());
                    }
                    Decision.Accepted accepted = (orderId.isPresent() ? decider.place(orderId.get(), taxed(command), key)
                            : decider.place(taxed(command), key)).orThrow();
                    try {
                        return commit(null, CommandKind.PLACE, accepted, key, fingerprint);
                    } catch (DuplicateExternalOrderException raced) {
                        return replayPlacement(placed(command).orElseThrow(() -> raced));
                    }
                });
    }

    /** The placement with the tax provider's amounts, if the provider taxes it. */
    private PlaceOrder taxed(PlaceOrder command) {
        if (!Quotes.asked(taxes, command.header(), command.lines(), command.shippingCharges())) {
            return command;
        }
        Quotes.Taxed taxed = Quotes.apply(taxes, command.header(), command.lines(), command.discounts(),
                command.shippingCharges());
        return new PlaceOrder(command.header(), taxed.lines(), command.discounts(), taxed.shipping());
    }

    /**
     * The order a channel order was placed as, if it was, checking that this placement is the
     * same: a repeat with other content (lines, prices, address, tags, ...) is not a replay. A
     * placement the {@link Builder#taxes tax provider} taxed is compared without its tax.
     *
     * @param placement a placement
     * @return the order it was placed as, or empty if the channel order is new
     * @throws PlacementConflictException if it was placed with other content; names what differs
     */
    public Optional<Order> placed(PlaceOrder placement) {
        InvalidInputException.requireNonNull(placement, "placement");
        Optional<Order> existing = store.findByExternalId(placement.header().channel(),
                placement.header().externalOrderId());
        if (existing.isEmpty()) {
            return existing;
        }
        List<OrderEvent> history = store.events(existing.get().id());
        OrderPlaced first = history.stream().filter(OrderPlaced.class::isInstance)
                .map(OrderPlaced.class::cast).findFirst().orElseThrow(() -> new IllegalStateException("order "
                        + existing.get().id() + " has no OrderPlaced event"));
        // an erased order's placement has lost its personal data: a repeat is compared without it
        boolean erased = history.stream().anyMatch(PersonalDataErased.class::isInstance);
        if (Quotes.asked(taxes, placement.header(), placement.lines(), placement.shippingCharges())) {
            first = Quotes.untaxed(first);
        }
        List<String> differences = Placements.differences(first, erased ? PersonalData.erased(placement.header())
                : placement.header(), placement.lines(), placement.discounts(), placement.shippingCharges());
        if (!differences.isEmpty()) {
            throw new PlacementConflictException(placement.header().channel(), placement.header().externalOrderId(),
                    existing.get().id(), differences);
        }
        return existing;
    }

    /**
     * Sends a command to an order, without an idempotency key.
     *
     * @param orderId the order
     * @param command the command
     * @return the order after the command and its events
     * @throws OrderNotFoundException if there is no such order
     * @throws OmsException the typed refusal; nothing changed
     */
    public CommandResult handle(OrderId orderId, OrderCommand command) {
        return handle(orderId, command, Optional.empty());
    }

    /**
     * Sends a command to an order with an idempotency key.
     *
     * @param orderId the order
     * @param command the command
     * @param key the command key
     * @return the order after the command and its events, or the first result for this key (the
     *     order as that first command left it; after a version conflict the key is looked at again,
     *     so a racing repeat of the same command returns the winner's result)
     * @throws OrderNotFoundException if there is no such order
     * @throws CommandKeyConflictException if the key was used for another command or order
     * @throws OmsException the typed refusal; nothing changed
     */
    public CommandResult handle(OrderId orderId, OrderCommand command, CommandKey key) {
        return handle(orderId, command, Optional.of(InvalidInputException.requireNonNull(key, "key")));
    }

    private CommandResult handle(OrderId orderId, OrderCommand command, Optional<CommandKey> key) {
        InvalidInputException.requireNonNull(orderId, "orderId");
        InvalidInputException.requireNonNull(command, "command");
        String fingerprint = key.isPresent() ? CommandFingerprint.of(command) : "";
        // a repeat of this command that won a race (another instance, a retry) gives this call its
        // result, not a second decision; a refusal may be of the order such a repeat just changed
        return Idempotency.run(() -> "order " + orderId + " " + command.kind().label(),
                recorded(key, command, Optional.of(orderId)), maxAttempts, VersionConflictException.class, () -> {
                    Order order = load(orderId);
                    Decision.Accepted accepted = decider.decide(order, command, key).orThrow();
                    return commit(order, command.kind(), accepted, key, fingerprint);
                });
    }

    /**
     * Prices an edit without saving it.
     *
     * @param orderId the order
     * @param edit the changes
     * @return the order as it would be, the totals before and after, and the difference
     * @throws OmsException the typed refusal (for example an edit after fulfilment started)
     */
    public EditPreview previewEdit(OrderId orderId, OrderCommand.Edit edit) {
        InvalidInputException.requireNonNull(edit, "edit");
        Order order = load(orderId);
        Decision.Accepted accepted = decider.decide(order, edit).orThrow();
        return new EditPreview(orderId, order.version(), edit, accepted.order(), OrderTotals.of(order),
                OrderTotals.of(accepted.order()));
    }

    /**
     * Commits a previewed edit, only if the order is still at the previewed version, so the
     * customer is never charged a difference they did not see.
     *
     * @param preview the preview
     * @param key the command key
     * @return the edited order and its {@code OrderEdited} event, or the first result for this key
     * @throws VersionConflictException if the order changed since the preview; preview again
     */
    public CommandResult commitEdit(EditPreview preview, CommandKey key) {
        InvalidInputException.requireNonNull(preview, "preview");
        InvalidInputException.requireNonNull(key, "key");
        Optional<CommandKey> k = Optional.of(key);
        String fingerprint = CommandFingerprint.of(preview.edit());
        // one attempt: an order changed since the preview is the caller's to preview again
        return Idempotency.run(() -> "order " + preview.orderId() + " edit",
                recorded(k, preview.edit(), Optional.of(preview.orderId())), 1, VersionConflictException.class, () -> {
                    Order order = load(preview.orderId());
                    if (order.version() != preview.baseVersion()) {
                        throw new VersionConflictException(order.id(), preview.baseVersion(), order.version());
                    }
                    Decision.Accepted accepted = decider.decide(order, preview.edit(), k).orThrow();
                    return commit(order, CommandKind.EDIT, accepted, k, fingerprint);
                });
    }

    /**
     * @param orderId the order
     * @return the order as stored now
     * @throws OrderNotFoundException if there is none
     */
    public Order load(OrderId orderId) {
        return store.load(InvalidInputException.requireNonNull(orderId, "orderId"))
                .orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /**
     * @param channel the sales channel
     * @param externalOrderId the channel's order id
     * @return the order placed from that channel order, if any
     */
    public Optional<Order> find(ChannelId channel, ExternalOrderId externalOrderId) {
        return store.findByExternalId(channel, externalOrderId);
    }

    /**
     * Pages of the orders that pass a filter, sorted, by keyset (see {@link OrderQuery}), from a
     * store that answers queries: the in-memory store does, and oms-jdbc's does by indexes.
     *
     * @param query the filter, sort, page size and the previous page's cursor
     * @return the page
     * @throws IllegalStateException if the store does not implement {@link OrderQueries}
     */
    public OrderQuery.Page query(OrderQuery query) {
        return queries().find(InvalidInputException.requireNonNull(query, "query"));
    }

    /**
     * @param filter which orders
     * @return how many pass it, by status (every status, zero where none)
     * @throws IllegalStateException if the store does not implement {@link OrderQueries}
     */
    public Map<OrderStatus, Long> countByStatus(OrderQuery.Filter filter) {
        return queries().countByStatus(InvalidInputException.requireNonNull(filter, "filter"));
    }

    private OrderQueries queries() {
        if (store instanceof OrderQueries queries) {
            return queries;
        }
        throw new IllegalStateException("the order store " + store.getClass().getName()
                + " does not answer queries: give OrderService a store that implements OrderQueries");
    }

    /**
     * The result recorded under a command key, if a command was saved with it: how a caller
     * (a process resuming after a crash, say) finds out whether a step finished without
     * repeating it.
     *
     * @param key the command key
     * @return the events the command produced and the order as the command left it, marked replayed
     */
    public Optional<CommandResult> recorded(CommandKey key) {
        InvalidInputException.requireNonNull(key, "key");
        return store.findCommand(key).flatMap(record -> replay(key, null, Optional.empty()));
    }

    /**
     * @param orderId the order
     * @return every event of the order, oldest first
     * @throws OrderNotFoundException if there is no such order
     */
    public List<OrderEvent> history(OrderId orderId) {
        load(orderId);
        return store.events(orderId);
    }

    private CommandResult commit(Order before, CommandKind kind, Decision.Accepted accepted,
            Optional<CommandKey> key, String fingerprint) {
        Order after = accepted.order();
        List<OrderEvent> events = accepted.events();
        Optional<CommandRecord> record = key.map(k -> new CommandRecord(k, fingerprint, after.id(), after.version(),
                events.stream().map(OrderEvent::eventId).toList()));
        List<OrderEvent> rewrites = kind == CommandKind.ERASE_PERSONAL_DATA
                ? PersonalData.rewrites(store.events(before.id()), before.version(), OrderEvent::orderVersion,
                        PersonalData::erased) : List.of();
        store.save(new OrderChange(after, before == null ? 0 : before.version(), events, record, rewrites,
                decider.grandTotal(after)));
        if (LOG.isDebugEnabled()) {
            LOG.debug("order {} v{} {}: {} -> {} {}", after.id(), after.version(), kind,
                    before == null ? "new" : before.status(), after.status(),
                    events.stream().map(e -> e.getClass().getSimpleName()).toList());
        }
        for (OrderEventListener listener : listeners) {
            try {
                listener.onChange(after, events);
            } catch (RuntimeException failure) {
                LOG.warn("listener {} failed on order {} v{}; the change stays saved", listener.getClass().getName(),
                        after.id(), after.version(), failure);
            }
        }
        return new CommandResult(after, events, false);
    }

    private Idempotency.Recorded<CommandResult> recorded(Optional<CommandKey> key, Object command,
            Optional<OrderId> expectedOrder) {
        return key.isEmpty() ? Idempotency.Recorded.none() : () -> replay(key.get(), command, expectedOrder);
    }

    /**
     * The result recorded under a key, if any, for this command ({@code null}: whatever the key
     * recorded); a key recorded for another command or order is a conflict.
     */
    private Optional<CommandResult> replay(CommandKey key, Object command, Optional<OrderId> expectedOrder) {
        Optional<CommandRecord> found = store.findCommand(key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CommandRecord record = found.get();
        if (command != null) {
            Idempotency.requireSame(key, record.fingerprint(), command,
                    "was already used for a different command on order " + record.orderId());
        }
        if (expectedOrder.isPresent() && !expectedOrder.get().equals(record.orderId())) {
            throw new CommandKeyConflictException(key, "was already used on order " + record.orderId()
                    + ", not " + expectedOrder.get());
        }
        Set<Object> ids = new HashSet<>(record.eventIds());
        List<OrderEvent> events = new ArrayList<>();
        List<OrderEvent> upToThen = new ArrayList<>();
        for (OrderEvent event : store.events(record.orderId())) {
            if (ids.contains(event.eventId())) {
                events.add(event);
            }
            if (event.orderVersion() <= record.orderVersion()) {
                upToThen.add(event);
            }
        }
        LOG.debug("order {} {}: repeated command key, returning the first result", record.orderId(), key);
        // the result recorded under the key: the order as that command left it, not as it is now
        return Optional.of(new CommandResult(decider.replay(upToThen), events, true));
    }

    private CommandResult replayPlacement(Order existing) {
        List<OrderEvent> first = store.events(existing.id()).stream().filter(e -> e.orderVersion() == 1).toList();
        LOG.debug("order {}: channel order placed before, returning it", existing.id());
        return new CommandResult(existing, first, true);
    }

    /**
     * Configures an {@link OrderService}. Not thread-safe; build once and share the service.
     */
    public static final class Builder {
        private final OrderStore store;
        private OrderDecider decider = OrderDecider.builder().build();
        private final List<OrderEventListener> listeners = new ArrayList<>();
        private int maxAttempts = 16;
        private TaxProvider taxes;

        private Builder(OrderStore store) {
            this.store = store;
        }

        /** @param decider the decider (clock, ids, guards) @return this builder */
        public Builder decider(OrderDecider decider) {
            this.decider = InvalidInputException.requireNonNull(decider, "decider");
            return this;
        }

        /** @param listener told about every saved change @return this builder */
        public Builder listener(OrderEventListener listener) {
            this.listeners.add(InvalidInputException.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * How often a command is decided again after version conflicts before the conflict is
         * thrown. Default 16.
         *
         * @param attempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new InvalidInputException("maxAttempts", "must be at least 1 (was " + attempts + ")");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * The host's tax engine: asked for the tax of every new placement whose host supplies
         * its tax ({@link dev.oms.spi.order.TaxPolicy.TaxSource#HOST}) and that carries none; see
         * {@link TaxProvider} for the contract. Without one, such a placement is placed untaxed.
         *
         * @param provider the tax engine
         * @return this builder
         */
        public Builder taxes(TaxProvider provider) {
            this.taxes = InvalidInputException.requireNonNull(provider, "taxes");
            return this;
        }

        /** @return the service */
        public OrderService build() {
            return new OrderService(this);
        }
    }

    /**
     * Told, in the committing thread, about every change {@link OrderService} saved: for in-process
     * reactions (metrics, a cache, kicking off routing). A listener that throws is logged and does
     * not undo the saved change. Listeners are not a delivery guarantee: a crash right after the
     * save skips them; for at-least-once delivery read the store's outbox.
     */
    @FunctionalInterface
    public interface OrderEventListener {
        /**
         * @param order the order after the change
         * @param events the events of the change, in order
         */
        void onChange(Order order, List<OrderEvent> events);
    }

    /**
     * An edit priced but not saved: what the order would become and what it would cost. Show
     * {@link #difference()} to the customer, then {@link OrderService#commitEdit commit} it; the
     * commit is refused if the order changed since the preview ({@link #baseVersion()}).
     *
     * @param orderId the order
     * @param baseVersion the version the preview was computed on
     * @param edit the edit
     * @param edited the order as it would be after the edit
     * @param before the totals now
     * @param after the totals after the edit
     */
    public record EditPreview(OrderId orderId, long baseVersion, OrderCommand.Edit edit, Order edited,
            OrderTotals before, OrderTotals after) {
        /** @return after minus before: positive to charge the customer, negative to refund */
        public MonetaryAmount difference() {
            return after.grandTotal().subtract(before.grandTotal());
        }
    }

    /**
     * What a command did.
     *
     * @param order the order after the command; for a repeat ({@code replayed}), the order as it is
     *     now, which later commands may have changed
     * @param events the events the command produced (for a repeat, those of its first run)
     * @param replayed whether this is the stored result of an earlier run with the same key (or,
     *     for a placement, of the same channel order); a replay changed nothing
     */
    public record CommandResult(Order order, List<OrderEvent> events, boolean replayed) {
        /** Copies the events. */
        public CommandResult {
            events = List.copyOf(events);
        }
    }
}
