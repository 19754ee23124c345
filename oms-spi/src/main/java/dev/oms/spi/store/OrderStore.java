package dev.oms.spi.store;

import dev.oms.spi.Amounts;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.DuplicateExternalOrderException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Purgeable;
import dev.oms.spi.StaleVersionException.VersionConflictException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.event.OrderEvent.PersonalDataErased;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.internal.Rewrites;
import dev.oms.spi.order.Order;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.util.List;
import java.util.Optional;
import javax.money.MonetaryAmount;

/**
 * Where orders, their events, the outbox and command keys live. The host implements it for its
 * database; oms-core ships a thread-safe in-memory one.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Atomic save.</b> {@link #save} writes the new snapshot, appends its events to the
 *       order's event log and to the outbox, and records the command key, all or nothing.</li>
 *   <li><b>Optimistic versions.</b> {@link #save} succeeds only if the stored version equals
 *       {@link OrderChange#expectedVersion()} ({@code 0}: the order must not exist); otherwise it
 *       throws {@link VersionConflictException} and writes nothing. Across any number of threads
 *       and JVMs, at most one save per version succeeds: no update is ever lost.</li>
 *   <li><b>One order per channel order.</b> Creating an order whose (channel, external order id)
 *       another order has throws {@link DuplicateExternalOrderException} and writes nothing.</li>
 *   <li><b>Command keys.</b> A key is recorded at most once, ever. Saving a change whose
 *       command key is already recorded throws {@link CommandKeyConflictException} and writes
 *       nothing. {@link #findCommand} returns the record saved with the key.</li>
 *   <li><b>Event log.</b> {@link #events} returns every event of an order, oldest first, for as
 *       long as the order exists; the outbox may forget published events, the log does not.</li>
 *   <li><b>Rewrites.</b> The log is append-only but for an erasure of personal data: the
 *       {@link OrderChange#rewrites()} of a change (only an erasure has any) replace the logged
 *       events with the same ids, and the outbox entries of those events, published or not, in the
 *       same atomic save. A rewrite that is not an event of the order's log, at its version and of
 *       its type, throws {@link dev.oms.spi.InvalidInputException} and nothing is written. No copy
 *       of an old event's body stays readable through the store (what the database keeps beneath,
 *       such as old row versions before a vacuum, its log and its backups, follows its own
 *       retention). oms' services build the rewrites from the logged events; oms' own stores
 *       also refuse a rewrite that is not exactly the logged event, erased.</li>
 *   <li><b>Outbox.</b> {@link #unpublished} returns events not yet marked published, in save
 *       order (by {@link OutboxEntry#sequence()}); {@link #markPublished} is idempotent and
 *       ignores unknown ids.</li>
 *   <li><b>Reads</b> return what the last successful save wrote (read-your-writes within the
 *       store) and never a partially saved change.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface OrderStore extends EventOutbox<OrderEvent>, Purgeable {
    /**
     * @param id the order id
     * @return the latest snapshot, if the order exists
     */
    Optional<Order> load(OrderId id);

    /**
     * @param channel the sales channel
     * @param externalOrderId the channel's order id
     * @return the latest snapshot of the order placed from that channel order, if any
     */
    Optional<Order> findByExternalId(ChannelId channel, ExternalOrderId externalOrderId);

    /**
     * Saves a change atomically (see the contract above).
     *
     * @param change the change
     * @throws VersionConflictException if the stored version is not the expected one
     * @throws DuplicateExternalOrderException if a new order's channel order id is taken
     * @throws CommandKeyConflictException if the change's command key is already recorded
     */
    void save(OrderChange change);

    /**
     * @param id the order id
     * @return every event of the order, oldest first; empty if the order does not exist
     */
    List<OrderEvent> events(OrderId id);

    /**
     * @param key a command key
     * @return the record saved with it, if any
     */
    Optional<CommandRecord> findCommand(CommandKey key);

    /**
     * One change to save atomically: the new snapshot, the version it replaces, the events that
     * describe it (for the event log and the outbox) and, if the command had a key, its record.
     *
     * <p>Checked on construction: {@code order.version() == expectedVersion + 1}; at least one event;
     * every event belongs to this order and carries the new version; the command record, if any,
     * names this order, this version and exactly these events; rewrites come only with a
     * {@link PersonalDataErased} event, and each is an earlier event of this order, once.
     *
     * <p><b>Rewrites</b> are the one way an event of the log changes: an erasure of personal data
     * stores each in place of the logged event with the same id, and in place of its outbox entry,
     * published or not, in the same atomic save.
     *
     * @param order the new snapshot
     * @param expectedVersion the version the change was decided on; {@code 0} for a new order
     * @param events the events of this change, in order
     * @param command the command record to keep under its key, if the command had a key
     * @param rewrites earlier events of the order to store in place of the logged ones with the same
     *     ids; empty except for an erasure of personal data
     * @param grandTotal the new snapshot's grand total as oms computed it ({@code OrderTotals} in
     *     oms-core), in the order's currency: with the ledger it gives the order's
     *     {@link dev.oms.spi.order.Order.PaymentStatus}, which a store that answers
     *     {@link OrderQueries} filters by
     */
    record OrderChange(Order order, long expectedVersion, List<OrderEvent> events, Optional<CommandRecord> command,
            List<OrderEvent> rewrites, MonetaryAmount grandTotal) {
        /**
         * @throws InvalidInputException if a field is null or the parts do not belong together
         */
        public OrderChange {
            InvalidInputException.requireNonNull(order, "OrderChange.order");
            events = List.copyOf(InvalidInputException.requireNonNull(events, "OrderChange.events"));
            InvalidInputException.requireNonNull(command, "OrderChange.command");
            rewrites = List.copyOf(InvalidInputException.requireNonNull(rewrites, "OrderChange.rewrites"));
            if (order.version() != expectedVersion + 1) {
                throw new InvalidInputException("OrderChange.expectedVersion", "order version " + order.version()
                        + " must be expectedVersion + 1 (expectedVersion was " + expectedVersion + ")");
            }
            if (events.isEmpty()) {
                throw new InvalidInputException("OrderChange.events", "a change has at least one event");
            }
            for (OrderEvent event : events) {
                if (!event.orderId().equals(order.id()) || event.orderVersion() != order.version()) {
                    throw new InvalidInputException("OrderChange.events", "event " + event.eventId()
                            + " does not belong to order " + order.id() + " version " + order.version());
                }
            }
            if (command.isPresent()) {
                CommandRecord record = command.get();
                if (!record.orderId().equals(order.id()) || record.orderVersion() != order.version()
                        || !record.eventIds().equals(events.stream().map(OrderEvent::eventId).toList())) {
                    throw new InvalidInputException("OrderChange.command",
                            "command record " + record.key() + " does not describe this change");
                }
            }
            Rewrites.require("OrderChange.rewrites", events, rewrites, PersonalDataErased.class, OrderEvent::eventId,
                    e -> e.orderId().equals(order.id()) && e.orderVersion() < order.version(), PersonalData::erased);
            Amounts.requireNonNegative(InvalidInputException.requireNonNull(grandTotal, "OrderChange.grandTotal"),
                    order.currency(), "OrderChange.grandTotal");
        }

        /**
         * A change that rewrites no earlier event: every change but an erasure of personal data.
         *
         * @param order the new snapshot
         * @param expectedVersion the version the change was decided on; {@code 0} for a new order
         * @param events the events of this change, in order
         * @param command the command record to keep under its key, if the command had a key
         * @param grandTotal the new snapshot's grand total
         * @throws InvalidInputException if a field is null or the parts do not belong together
         */
        public OrderChange(Order order, long expectedVersion, List<OrderEvent> events, Optional<CommandRecord> command,
                MonetaryAmount grandTotal) {
            this(order, expectedVersion, events, command, List.of(), grandTotal);
        }

        /** @return the new snapshot's payment status, from its ledger and {@link #grandTotal} */
        public dev.oms.spi.order.Order.PaymentStatus paymentStatus() {
            return dev.oms.spi.order.Order.PaymentStatus.of(order.payments(), grandTotal);
        }

        /** @return whether this change creates the order */
        public boolean createsOrder() {
            return expectedVersion == 0;
        }
    }
}
