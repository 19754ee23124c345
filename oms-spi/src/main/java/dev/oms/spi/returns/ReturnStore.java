package dev.oms.spi.returns;

import dev.oms.spi.store.EventOutbox;
import dev.oms.spi.CommandKey;
import dev.oms.spi.CommandKeyConflictException;
import dev.oms.spi.EventId;
import dev.oms.spi.OrderId;
import dev.oms.spi.Purgeable;
import dev.oms.spi.ReturnId;
import dev.oms.spi.store.CommandRecord;
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


}
