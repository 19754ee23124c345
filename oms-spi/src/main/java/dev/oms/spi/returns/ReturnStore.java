package dev.oms.spi.returns;

import dev.oms.spi.CommandKey;
import dev.oms.spi.EventId;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.Purgeable;
import dev.oms.spi.ReturnId;
import dev.oms.spi.StaleVersionException.ReturnConflictException;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.internal.Rewrites;
import dev.oms.spi.store.CommandRecord;
import dev.oms.spi.store.EventOutbox;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where returns, exchanges and claims live, with their events, the return outbox, the refund
 * account of every order and command keys.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Atomic save.</b> {@link #save} writes the snapshot, appends its events to the
 *       return's log and to the outbox, writes the refund account if the change carries one, and
 *       records the command key: all or nothing.</li>
 *   <li><b>Optimistic versions.</b> The return is written only if its stored version equals
 *       {@link ReturnChange#expectedVersion()} (0: must not exist), and the refund account only
 *       if its stored version equals {@link ReturnChange.AccountWrite#expectedVersion()} (0: none
 *       stored); otherwise {@link ReturnConflictException} and nothing is written. Across any
 *       number of threads and JVMs at most one save per version succeeds, so two refunds of one
 *       order are always counted one after the other.</li>
 *   <li><b>Command keys</b> are recorded at most once; a change whose key is recorded throws
 *       {@link CommandKeyConflictException} and writes nothing.</li>
 *   <li><b>Outbox.</b> {@link #unpublished} returns unpublished events in save order;
 *       {@link #markPublished} is idempotent and ignores unknown ids.</li>
 *   <li><b>Rewrites.</b> The {@link ReturnChange#rewrites()} of a change (only an erasure of
 *       personal data has any) replace the logged events with the same ids, and their outbox
 *       entries, in the same atomic save; a rewrite that is not an event of the return's log, at
 *       its version and of its type, throws {@link dev.oms.spi.InvalidInputException} and nothing
 *       is written.</li>
 *   <li><b>Reads</b> return what the last successful save wrote, never half a change.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface ReturnStore extends EventOutbox<ReturnEvent>, Purgeable {
    /**
     * Saves a change atomically (see the contract above).
     *
     * @param change the change
     * @throws ReturnConflictException if a stored version is not the expected one
     * @throws CommandKeyConflictException if the command key is already recorded
     */
    void save(ReturnChange change);

    /** @return the latest snapshot of the return, if saved */
    Optional<ReturnRequest> load(ReturnId id);

    /** @return every return, exchange and claim of an order, oldest first */
    List<ReturnRequest> ofOrder(OrderId orderId);

    /** @return the order's refund account; {@link RefundAccount#empty} if none was saved */
    RefundAccount refundAccount(OrderId orderId);

    /** @return every event of the return, oldest first */
    List<ReturnEvent> events(ReturnId id);

    /** @return the record saved with the key, if any */
    Optional<CommandRecord> findCommand(CommandKey key);

    /**
     * One change of a return to save atomically: the new snapshot, the version it replaces, its
     * events (for the event log and the outbox), the order's refund account if the change counts a
     * refund, and the command record if the operation had a key.
     *
     * <p>Checked on construction: {@code request.version() == expectedVersion + 1}; at least one
     * event, each of this return at the new version; the account, if any, is of the return's order.
     * Rewrites (earlier events of this return stored in place of the logged ones with the same ids,
     * and of their outbox entries) come only with a {@link ReturnEvent.PersonalDataErased}.
     *
     * @param request the new snapshot
     * @param expectedVersion the version it replaces; 0 for a new return
     * @param events the events of this change, in order
     * @param account the refund account to save, with the version it replaces
     * @param command the command record to keep under its key
     * @param rewrites earlier events to store in place of the logged ones with the same ids; empty
     *     except for an erasure of personal data
     */
    record ReturnChange(ReturnRequest request, long expectedVersion, List<ReturnEvent> events,
            Optional<AccountWrite> account, Optional<CommandRecord> command, List<ReturnEvent> rewrites) {
        /** @throws InvalidInputException if a field is null or the parts do not belong together */
        public ReturnChange {
            InvalidInputException.requireNonNull(request, "ReturnChange.request");
            events = List.copyOf(InvalidInputException.requireNonNull(events, "ReturnChange.events"));
            InvalidInputException.requireNonNull(account, "ReturnChange.account");
            InvalidInputException.requireNonNull(command, "ReturnChange.command");
            rewrites = List.copyOf(InvalidInputException.requireNonNull(rewrites, "ReturnChange.rewrites"));
            if (request.version() != expectedVersion + 1) {
                throw new InvalidInputException("ReturnChange.expectedVersion", "return version " + request.version()
                        + " must be expectedVersion + 1 (expectedVersion was " + expectedVersion + ")");
            }
            if (events.isEmpty()) {
                throw new InvalidInputException("ReturnChange.events", "a change has at least one event");
            }
            for (ReturnEvent event : events) {
                if (!event.returnId().equals(request.id()) || event.metadata().returnVersion() != request.version()) {
                    throw new InvalidInputException("ReturnChange.events", "event " + event.eventId()
                            + " does not belong to return " + request.id() + " version " + request.version());
                }
            }
            if (account.isPresent() && !account.get().account().orderId().equals(request.orderId())) {
                throw new InvalidInputException("ReturnChange.account", "the refund account is of another order");
            }
            Rewrites.require("ReturnChange.rewrites", events, rewrites, ReturnEvent.PersonalDataErased.class,
                    ReturnEvent::eventId, e -> e.returnId().equals(request.id())
                            && e.metadata().returnVersion() < request.version(), PersonalData::erased);
            if (!rewrites.isEmpty() && account.isPresent()) {
                throw new InvalidInputException("ReturnChange.rewrites", "an erasure counts no refund");
            }
        }

        /**
         * A change that rewrites no earlier event: every change but an erasure of personal data.
         *
         * @param request the new snapshot
         * @param expectedVersion the version it replaces; 0 for a new return
         * @param events the events of this change, in order
         * @param account the refund account to save, with the version it replaces
         * @param command the command record to keep under its key
         * @throws InvalidInputException if a field is null or the parts do not belong together
         */
        public ReturnChange(ReturnRequest request, long expectedVersion, List<ReturnEvent> events,
                Optional<AccountWrite> account, Optional<CommandRecord> command) {
            this(request, expectedVersion, events, account, command, List.of());
        }

        /**
         * A refund account to save if its stored version is the expected one.
         *
         * @param account the new state, at {@code expectedVersion + 1}
         * @param expectedVersion the version it replaces (0: none stored yet)
         */
        public record AccountWrite(RefundAccount account, long expectedVersion) {
            /** @throws InvalidInputException if the account is null or its version not the next one */
            public AccountWrite {
                InvalidInputException.requireNonNull(account, "AccountWrite.account");
                if (account.version() != expectedVersion + 1) {
                    throw new InvalidInputException("AccountWrite.expectedVersion", "account version "
                            + account.version() + " must be expectedVersion + 1 (expectedVersion was " + expectedVersion + ")");
                }
            }
        }
    }
}
