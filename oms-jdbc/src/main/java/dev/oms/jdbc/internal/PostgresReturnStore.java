package dev.oms.jdbc.internal;

import dev.oms.json.StoredJson;
import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OrderId;
import dev.oms.spi.ReturnId;
import dev.oms.spi.StaleVersionException.ReturnConflictException;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.returns.RefundAccount;
import dev.oms.spi.returns.ReturnEvent;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.returns.ReturnStore.ReturnChange;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox.OutboxEntry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link ReturnStore} on PostgreSQL: the return (version column, snapshot as {@code jsonb}), its
 * events, the outbox, the order's refund account (its own version column) and the command key,
 * in one transaction of conditional updates; a stale version of either refuses the whole change.
 */
public final class PostgresReturnStore implements ReturnStore {
    private static final String SCOPE = "return";

    private final Jdbc jdbc;

    /** @param jdbc where statements run */
    public PostgresReturnStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(ReturnChange change) {
        InvalidInputException.requireNonNull(change, "change");
        ReturnRequest r = change.request();
        jdbc.transaction("saving return " + r.id(), c -> {
            String body = StoredJson.write(r, ReturnRequest.class);
            int rows = change.expectedVersion() == 0
                    ? Jdbc.update(c, "INSERT INTO oms_returns (id, order_id, version, body) VALUES (?, ?, ?, ?::jsonb) "
                            + "ON CONFLICT DO NOTHING", r.id().value(), r.orderId().value(), r.version(), body)
                    : Jdbc.update(c, "UPDATE oms_returns SET version = ?, body = ?::jsonb WHERE id = ? AND version = ?",
                            r.version(), body, r.id().value(), change.expectedVersion());
            if (rows == 0) {
                throw new ReturnConflictException(r.id().value(), change.expectedVersion(), Jdbc.one(c,
                        "SELECT version FROM oms_returns WHERE id = ?", rs -> rs.getLong(1), r.id().value()).orElse(0L));
            }
            if (change.account().isPresent()) {
                RefundAccount account = change.account().get().account();
                long expected = change.account().get().expectedVersion();
                String accountBody = StoredJson.write(account, RefundAccount.class);
                int accountRows = expected == 0
                        ? Jdbc.update(c, "INSERT INTO oms_refund_accounts (order_id, version, body) VALUES (?, ?, "
                                + "?::jsonb) ON CONFLICT DO NOTHING", r.orderId().value(), account.version(), accountBody)
                        : Jdbc.update(c, "UPDATE oms_refund_accounts SET version = ?, body = ?::jsonb WHERE order_id = ? "
                                + "AND version = ?", account.version(), accountBody, r.orderId().value(), expected);
                if (accountRows == 0) {
                    throw new ReturnConflictException("refund account of " + r.orderId(), expected, Jdbc.one(c,
                            "SELECT version FROM oms_refund_accounts WHERE order_id = ?", rs -> rs.getLong(1),
                            r.orderId().value()).orElse(0L));
                }
            }
            Outbox.log(c, "INSERT INTO oms_return_events (event_id, return_id, return_version, position, body) "
                    + "VALUES (?, ?, ?, ?, ?::jsonb)", Outbox.RETURNS, r.id().value(), change.events(),
                    ReturnEvent::eventId, e -> e.metadata().returnVersion(), ReturnEvent.class);
            for (ReturnEvent e : change.rewrites()) {
                EventRewrites.rewrite(c, EventRewrites.RETURNS, e, e.eventId(), e.returnId().value(),
                        e.metadata().returnVersion(), ReturnEvent.class, PersonalData::erased);
            }
            if (change.command().isPresent()) {
                CommandKeys.record(c, SCOPE, change.command().get().key(), change.command().get());
            }
            return null;
        });
    }

    @Override
    public Optional<ReturnRequest> load(ReturnId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("loading return " + id, c -> Jdbc.one(c, "SELECT body::text FROM oms_returns WHERE id = ?",
                rs -> StoredJson.read(rs.getString(1), ReturnRequest.class), id.value()));
    }

    @Override
    public List<ReturnRequest> ofOrder(OrderId orderId) {
        InvalidInputException.requireNonNull(orderId, "orderId");
        return jdbc.read("reading returns of " + orderId, c -> Jdbc.query(c, "SELECT body::text FROM oms_returns "
                + "WHERE order_id = ? ORDER BY created_seq", rs -> StoredJson.read(rs.getString(1), ReturnRequest.class),
                orderId.value()));
    }

    @Override
    public RefundAccount refundAccount(OrderId orderId) {
        InvalidInputException.requireNonNull(orderId, "orderId");
        return jdbc.read("reading the refund account of " + orderId, c -> Jdbc.one(c, "SELECT body::text FROM "
                + "oms_refund_accounts WHERE order_id = ?", rs -> StoredJson.read(rs.getString(1), RefundAccount.class),
                orderId.value()).orElse(RefundAccount.empty(orderId)));
    }

    @Override
    public List<ReturnEvent> events(ReturnId id) {
        InvalidInputException.requireNonNull(id, "id");
        return jdbc.read("reading events of return " + id, c -> Jdbc.query(c, "SELECT body::text FROM "
                + "oms_return_events WHERE return_id = ? ORDER BY return_version, position",
                rs -> StoredJson.read(rs.getString(1), ReturnEvent.class), id.value()));
    }

    @Override
    public Optional<CommandRecord> findCommand(CommandKey key) {
        InvalidInputException.requireNonNull(key, "key");
        return jdbc.read("finding command " + key, c -> CommandKeys.find(c, SCOPE, key, CommandRecord.class));
    }

    @Override
    public List<OutboxEntry<ReturnEvent>> unpublished(int limit) {
        PostgresOrderStore.requireLimit(limit);
        return jdbc.read("reading the return outbox", c -> Outbox.unpublished(c, Outbox.RETURNS, limit, ReturnEvent.class,
                OutboxEntry::new));
    }

    @Override
    public void markPublished(Collection<EventId> eventIds) {
        InvalidInputException.requireNonNull(eventIds, "eventIds");
        jdbc.transaction("marking return events published", c -> {
            Outbox.markPublished(c, eventIds);
            return null;
        });
    }

    @Override
    public int purgeCommandKeys(Duration olderThan, int limit) {
        return Purges.commandKeys(jdbc, SCOPE, olderThan, limit);
    }

    @Override
    public int purgePublishedEvents(Duration olderThan, int limit) {
        return Purges.publishedEvents(jdbc, Outbox.RETURNS, olderThan, limit);
    }
}
