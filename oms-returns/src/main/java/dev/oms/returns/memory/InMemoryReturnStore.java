package dev.oms.returns.memory;

import dev.oms.core.internal.memory.EventLog;
import dev.oms.core.internal.memory.InMemoryCommandKeys;
import dev.oms.core.internal.memory.InMemoryOutbox;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReturnId;
import dev.oms.spi.StaleVersionException.ReturnConflictException;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.returns.ReturnStore.ReturnChange;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded {@link ReturnStore}: version-checked writes serialised by one lock, reads without
 * locks from immutable values published after the whole change is in place. Returns are rare
 * next to orders and stock, so one write lock costs nothing that matters. Nothing survives the JVM.
 */
public final class InMemoryReturnStore implements ReturnStore {
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<ReturnId, ReturnRequest> requests = new ConcurrentHashMap<>();
    private final Map<OrderId, List<ReturnId>> byOrder = new ConcurrentHashMap<>();
    private final Map<OrderId, RefundAccount> accounts = new ConcurrentHashMap<>();
    private final Map<ReturnId, EventLog<ReturnEvent>> events = new ConcurrentHashMap<>();
    private final InMemoryOutbox<OutboxEntry<ReturnEvent>> outbox = new InMemoryOutbox<>();
    private final InMemoryCommandKeys<CommandRecord> commands;

    /** Creates an empty store on the system clock (UTC), which stamps command keys for {@link #purgeCommandKeys}. */
    public InMemoryReturnStore() {
        this(Clock.systemUTC());
    }

    /**
     * Creates an empty store.
     *
     * @param clock stamps command keys for the purge calls
     */
    public InMemoryReturnStore(Clock clock) {
        this.commands = new InMemoryCommandKeys<>(InvalidInputException.requireNonNull(clock, "clock"), writeLock);
    }

    @Override
    public void save(ReturnChange change) {
        InvalidInputException.requireNonNull(change, "change");
        ReturnRequest request = change.request();
        writeLock.lock();
        try {
            ReturnRequest stored = requests.get(request.id());
            long actual = stored == null ? 0 : stored.version();
            if (actual != change.expectedVersion()) {
                throw new ReturnConflictException(request.id().value(), change.expectedVersion(), actual);
            }
            if (change.account().isPresent()) {
                long actualAccount = refundAccount(request.orderId()).version();
                long expected = change.account().get().expectedVersion();
                if (actualAccount != expected) {
                    throw new ReturnConflictException("refund account of " + request.orderId(), expected,
                            actualAccount);
                }
            }
            if (change.command().isPresent() && commands.contains(change.command().get().key())) {
                throw new CommandKeyConflictException(change.command().get().key(), "is already recorded");
            }
            // Published in this order, so a reader who sees the new refund account also sees the
            // request that came with it (ReturnService reads the account first, then the requests).
            EventLog<ReturnEvent> log = events.getOrDefault(request.id(), EventLog.empty()).next(change.rewrites(),
                    change.events(), ReturnEvent::eventId, e -> e.metadata().returnVersion(),
                    dev.oms.spi.internal.PersonalData::erased, "ReturnChange.rewrites");
            events.put(request.id(), log);
            for (ReturnEvent event : change.events()) {
                outbox.append(event.eventId(), seq -> new OutboxEntry<>(seq, event));
            }
            for (ReturnEvent event : change.rewrites()) {
                outbox.replace(event.eventId(), seq -> new OutboxEntry<>(seq, event));
            }
            change.command().ifPresent(c -> commands.record(c.key(), c));
            requests.put(request.id(), request);
            if (stored == null) {
                byOrder.compute(request.orderId(), (id, ids) -> {
                    List<ReturnId> next = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
                    next.add(request.id());
                    return List.copyOf(next);
                });
            }
            change.account().ifPresent(w -> accounts.put(request.orderId(), w.account()));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<ReturnRequest> load(ReturnId id) {
        return Optional.ofNullable(requests.get(InvalidInputException.requireNonNull(id, "id")));
    }

    @Override
    public List<ReturnRequest> ofOrder(OrderId orderId) {
        List<ReturnRequest> found = new ArrayList<>();
        for (ReturnId id : byOrder.getOrDefault(InvalidInputException.requireNonNull(orderId, "orderId"), List.of())) {
            found.add(requests.get(id));
        }
        return found;
    }

    @Override
    public RefundAccount refundAccount(OrderId orderId) {
        RefundAccount account = accounts.get(InvalidInputException.requireNonNull(orderId, "orderId"));
        return account == null ? RefundAccount.empty(orderId) : account;
    }

    @Override
    public List<ReturnEvent> events(ReturnId id) {
        EventLog<ReturnEvent> log = events.get(InvalidInputException.requireNonNull(id, "id"));
        return log == null ? List.of() : log.asList();
    }

    @Override
    public Optional<CommandRecord> findCommand(CommandKey key) {
        return commands.find(key);
    }

    @Override
    public List<OutboxEntry<ReturnEvent>> unpublished(int limit) {
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
