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
import dev.oms.spi.order.Order.OrderStatus;
import dev.oms.spi.order.Order.PaymentStatus;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import dev.oms.spi.store.OrderQueries;
import dev.oms.spi.store.OrderQuery;
import dev.oms.spi.store.OrderQuery.Sort;
import dev.oms.spi.store.OrderStore;
import dev.oms.spi.store.OrderStore.OrderChange;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
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
 * the internal {@code EventLog}); a log a reader holds never changes. It answers
 * {@link OrderQueries} from two sorted indexes of its orders, by placement and by last change
 * (see {@link #find}). Nothing survives the JVM:
 * use it for tests, examples and single-process hosts that keep orders elsewhere too.
 */
public final class InMemoryOrderStore implements OrderStore, OrderQueries {
    private record Entry(Order order, EventLog<OrderEvent> events, PaymentStatus paymentStatus) {
    }

    /** An order's place in a sort: its instant's nanoseconds, then its id. */
    private record Position(long nanos, OrderId id) {
        static final Comparator<Position> ORDER = Comparator.comparingLong(Position::nanos)
                .thenComparing(Position::id, OrderQuery::compareIds);
    }

    private record ExternalKey(ChannelId channel, ExternalOrderId externalOrderId) {
    }

    private static final int STRIPES = 256;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final Map<OrderId, Entry> orders = new ConcurrentHashMap<>();
    private final Map<ExternalKey, OrderId> byExternalId = new ConcurrentHashMap<>();
    private final InMemoryCommandKeys<CommandRecord> commands;
    private final InMemoryOutbox<OutboxEntry<OrderEvent>> outbox = new InMemoryOutbox<>();
    private final NavigableSet<Position> byPlacement = new ConcurrentSkipListSet<>(Position.ORDER);
    private final NavigableSet<Position> byUpdate = new ConcurrentSkipListSet<>(Position.ORDER);

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
            // a new position before the snapshot and the old one after it, so that a reader walking
            // an index always finds the order at one of them (see find)
            Position placed = position(Sort.PLACED_AT_ASCENDING, order);
            Position updated = position(Sort.UPDATED_AT_ASCENDING, order);
            byPlacement.add(placed);
            byUpdate.add(updated);
            orders.put(order.id(), new Entry(order, log, change.paymentStatus()));
            if (current != null) {
                forget(byPlacement, position(Sort.PLACED_AT_ASCENDING, current.order()), placed);
                forget(byUpdate, position(Sort.UPDATED_AT_ASCENDING, current.order()), updated);
            }
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

    private static Position position(Sort sort, Order order) {
        return new Position(OrderQuery.epochNanos(sort.instantOf(order)), order.id());
    }

    private static void forget(NavigableSet<Position> index, Position old, Position now) {
        if (!old.equals(now)) {
            index.remove(old);
        }
    }

    /**
     * Walks the sort's index from the cursor, testing each order's latest snapshot against the
     * filter until the page is full (and one more, to know whether there is a next page). A page
     * of a narrow filter may read every order: this store is for tests, examples and small
     * shops. A position whose order has moved since (a save adds the new position before it
     * writes the snapshot and drops the old one after) is passed over; the order is found at
     * its other one.
     */
    @Override
    public OrderQuery.Page find(OrderQuery query) {
        InvalidInputException.requireNonNull(query, "query");
        Sort sort = query.sort();
        NavigableSet<Position> index = sort.byPlacement() ? byPlacement : byUpdate;
        NavigableSet<Position> from = query.after()
                .map(c -> sort.ascending() ? index.tailSet(new Position(c.epochNanos(), c.orderId()), false)
                        : index.headSet(new Position(c.epochNanos(), c.orderId()), false))
                .orElse(index);
        List<Order> rows = new ArrayList<>();
        for (Position at : sort.ascending() ? from : from.descendingSet()) {
            Entry entry = orders.get(at.id());
            if (entry == null || OrderQuery.epochNanos(sort.instantOf(entry.order())) != at.nanos()
                    || !query.filter().matches(entry.order(), entry.paymentStatus())) {
                continue;
            }
            rows.add(entry.order());
            if (rows.size() > query.pageSize()) {
                break;
            }
        }
        return query.page(rows);
    }

    /** Counts by testing every order against the filter. */
    @Override
    public Map<OrderStatus, Long> countByStatus(OrderQuery.Filter filter) {
        InvalidInputException.requireNonNull(filter, "filter");
        Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
        for (Entry entry : orders.values()) {
            if (filter.matches(entry.order(), entry.paymentStatus())) {
                counts.merge(entry.order().status(), 1L, Long::sum);
            }
        }
        return OrderQueries.everyStatus(counts);
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
