package dev.oms.core.memory;

import dev.oms.core.internal.memory.EventLog;
import dev.oms.core.internal.memory.InMemoryCommandKeys;
import dev.oms.core.internal.memory.InMemoryOutbox;
import dev.oms.spi.ChannelId;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.ExternalOrderId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OmsException.DuplicateExternalOrderException;
import dev.oms.spi.OrderId;
import dev.oms.spi.StaleVersionException.VersionConflictException;
import dev.oms.spi.event.OrderEvent;
import dev.oms.spi.order.Order;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import dev.oms.spi.store.OrderStore;
import dev.oms.spi.store.OrderStore.OrderChange;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded {@link OrderStore}: everything in this JVM's memory, honouring the whole store
 * contract (atomic save, optimistic versions, unique channel orders, command keys recorded once,
 * the event log and the outbox).
 *
 * <p>Thread-safe without a store-wide lock. A save holds its order's lock (one of
 * {@value #STRIPES}, by order id), which makes the version check and the writes of one order one
 * atomic step; saves of different orders run side by side. What orders share is claimed
 * atomically: a command key by a put-if-absent before anything is written (of two saves with one
 * key, one wins), a new order's channel order id likewise (a save that loses it forgets the key
 * it recorded and changes nothing). Reads take no lock and see each order's snapshot and event
 * log together (they live in one map entry). Within a save, the command key is recorded before
 * the order is written (so whoever sees the new order also sees its key), and a reader that finds
 * a key while a save of that order is under way waits for it to finish (so whoever finds a key
 * can load the state it describes), and so does a save refused a key or a reader that finds a
 * channel order whose order is not yet written (so no one is refused by a claim that does not
 * stand, or finds a claim without its order); outbox entries are written after the order. A save appends
 * the new events after the order's log in amortised constant time, without copying the log (see
 * the internal {@code EventLog}); a log a reader holds never changes. Nothing survives the JVM:
 * use it for tests, examples and single-process hosts that keep orders elsewhere too.
 */
public final class InMemoryOrderStore implements OrderStore {
    private record Entry(Order order, EventLog<OrderEvent> events) {
    }

    private record ExternalKey(ChannelId channel, ExternalOrderId externalOrderId) {
    }

    private static final int STRIPES = 256;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final Map<OrderId, Entry> orders = new ConcurrentHashMap<>();
    private final Map<ExternalKey, OrderId> byExternalId = new ConcurrentHashMap<>();
    private final InMemoryCommandKeys<CommandRecord> commands;
    private final InMemoryOutbox<OutboxEntry<OrderEvent>> outbox = new InMemoryOutbox<>();

    /** Creates an empty store on the system clock (UTC), which stamps command keys for {@link #purgeCommandKeys}. */
    public InMemoryOrderStore() {
        this(Clock.systemUTC());
    }

    /**
     * Creates an empty store.
     *
     * @param clock stamps command keys for the purge calls
     */
    public InMemoryOrderStore(Clock clock) {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        this.commands = new InMemoryCommandKeys<>(InvalidInputException.requireNonNull(clock, "clock"),
                (CommandRecord record) -> lockOf(record.orderId()));
    }

    private ReentrantLock lockOf(OrderId id) {
        return locks[Math.floorMod(id.hashCode(), STRIPES)];
    }

    @Override
    public Optional<Order> load(OrderId id) {
        Entry entry = orders.get(InvalidInputException.requireNonNull(id, "id"));
        return entry == null ? Optional.empty() : Optional.of(entry.order());
    }

    @Override
    public Optional<Order> findByExternalId(ChannelId channel, ExternalOrderId externalOrderId) {
        OrderId id = byExternalId.get(new ExternalKey(InvalidInputException.requireNonNull(channel, "channel"),
                InvalidInputException.requireNonNull(externalOrderId, "externalOrderId")));
        if (id == null) {
            return Optional.empty();
        }
        Optional<Order> order = load(id);
        if (order.isEmpty()) {
            // claimed by a save still under way (a claim is never given back): wait for it
            ReentrantLock save = lockOf(id);
            save.lock();
            save.unlock();
            order = load(id);
        }
        return order;
    }

    @Override
    public void save(OrderChange change) {
        InvalidInputException.requireNonNull(change, "change");
        Order order = change.order();
        ReentrantLock lock = lockOf(order.id());
        lock.lock();
        try {
            Entry current = orders.get(order.id());
            long stored = current == null ? 0 : current.order().version();
            if (stored != change.expectedVersion()) {
                throw new VersionConflictException(order.id(), change.expectedVersion(), stored);
            }
            ExternalKey external = new ExternalKey(order.header().channel(), order.header().externalOrderId());
            if (change.createsOrder() && byExternalId.containsKey(external)) {
                throw new DuplicateExternalOrderException(external.channel(), external.externalOrderId(),
                        byExternalId.get(external));
            }
            EventLog<OrderEvent> log = (current == null ? EventLog.<OrderEvent>empty() : current.events())
                    .next(change.rewrites(), change.events(), OrderEvent::eventId, OrderEvent::orderVersion,
                            dev.oms.spi.internal.PersonalData::erased, "OrderChange.rewrites");
            // the key before the order: a reader that sees the new order (reads take no lock)
            // also sees the key it was saved with, so a racing repeat finds its result
            Optional<CommandRecord> command = change.command();
            while (command.isPresent() && !commands.record(command.get().key(), command.get())) {
                // another order's save holds the key: wait for it (it holds only its own order's
                // lock and waits for nothing), and refuse only if it kept the key
                if (commands.find(command.get().key()).isPresent()) {
                    throw new CommandKeyConflictException(command.get().key(), "is already recorded");
                }
            }
            if (change.createsOrder()) {
                OrderId taken = byExternalId.putIfAbsent(external, order.id());
                if (taken != null) { // a save of another order with this channel order won meanwhile
                    command.ifPresent(record -> commands.forget(record.key(), record));
                    throw new DuplicateExternalOrderException(external.channel(), external.externalOrderId(), taken);
                }
            }
            orders.put(order.id(), new Entry(order, log));
            for (OrderEvent event : change.events()) {
                outbox.append(event.eventId(), sequence -> new OutboxEntry<>(sequence, event));
            }
            for (OrderEvent event : change.rewrites()) {
                outbox.replace(event.eventId(), sequence -> new OutboxEntry<>(sequence, event));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<OrderEvent> events(OrderId id) {
        Entry entry = orders.get(InvalidInputException.requireNonNull(id, "id"));
        return entry == null ? List.of() : entry.events().asList();
    }

    @Override
    public Optional<CommandRecord> findCommand(CommandKey key) {
        return commands.find(key);
    }

    @Override
    public List<OutboxEntry<OrderEvent>> unpublished(int limit) {
        return outbox.unpublished(limit);
    }

    @Override
    public void markPublished(Collection<EventId> eventIds) {
        outbox.markPublished(eventIds);
    }

    @Override
    public int purgeCommandKeys(Duration olderThan, int limit) {
        return commands.purge(olderThan, limit);
    }

    /** Published events are forgotten as they are marked, so there is nothing to purge. */
    @Override
    public int purgePublishedEvents(Duration olderThan, int limit) {
        return outbox.purgePublished(olderThan, limit);
    }
}
