package dev.oms.spi.returns;

import dev.oms.spi.InvalidInputException;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.internal.Rewrites;
import dev.oms.spi.store.CommandRecord;
import java.util.List;
import java.util.Optional;

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
public record ReturnChange(ReturnRequest request, long expectedVersion, List<ReturnEvent> events,
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
