package dev.oms.flow.internal;

import dev.oms.core.OrderCommand;
import dev.oms.core.OrderService.CommandResult;
import dev.oms.spi.CommandKey;
import dev.oms.spi.OmsException.CommandKeyConflictException;
import dev.oms.spi.OrderId;
import dev.oms.spi.RuleViolationException;
import dev.oms.spi.StaleVersionException.ProcessConflictException;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.order.Order;
import dev.oms.spi.process.ProcessRecord;
import dev.oms.spi.process.ProcessRecord.ProcessStatus;
import dev.oms.spi.returns.ReturnRequest;
import dev.oms.spi.returns.ReturnRequest.ReturnStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The erasure of an order's personal data across the flow's stores.
 *
 * <p>First everything is checked, before anything is erased: the key is not another order's; the
 * order, and every replacement order its exchanges and claims placed (they copied its customer
 * and addresses), ended; none of them has a return still under way or a process running or
 * waiting. Then, for each of those orders (replacements first), its process records whose input
 * holds any personal data (an acceptance's addresses and customer, a cancellation's note, a
 * hold's reason, an edit's address, a tracking detail), its fulfilment orders and returns, then the
 * order itself, whose store rewrites its history in the save that records the erasure, and then
 * the parts once more, for a copy a concurrent request made while the parts were erased (a later
 * return request is refused once the order reads as erased). Each part is idempotent, so a repeat
 * after a crash finishes what the first call did not.
 */
public final class Erasure {
    private static final int ATTEMPTS = 16;

    private final Engines e;

    /** @param engines the flow's engines */
    public Erasure(Engines engines) {
        this.e = engines;
    }

    /**
     * @param orderId an order that ended
     * @param key the host's key
     * @return the order, erased
     * @throws CommandKeyConflictException if the key erased another order
     * @throws dev.oms.core.TransitionTable.IllegalTransitionException if the order, or a replacement order of it,
     *     has not ended
     * @throws RuleViolationException ({@code erase-when-settled}) if a return of it is under way or
     *     a process of it runs or waits
     */
    public Order erase(OrderId orderId, CommandKey key) {
        CommandKey orderKey = CommandKey.reserved("erasure", key.value());
        Optional<CommandResult> recorded = e.orders().recorded(orderKey);
        if (recorded.isPresent() && !recorded.get().order().id().equals(orderId)) {
            throw new CommandKeyConflictException(key, "already erased order " + recorded.get().order().id()
                    + ", not " + orderId);
        }
        List<OrderId> orders = new ArrayList<>(replacementsOf(orderId));
        orders.add(orderId);
        for (OrderId id : orders) {
            requireSettled(e.orders().load(id));
        }
        for (OrderId id : orders) {
            CommandKey part = CommandKey.reserved("erasure", key.value() + "/" + id);
            eraseParts(id, part);
            e.orders().handle(id, new OrderCommand.ErasePersonalData(), id.equals(orderId) ? orderKey
                    : CommandKey.reserved("erasure", key.value() + "/" + id + "/order"));
            eraseParts(id, part);
        }
        return e.orders().load(orderId);
    }

    /** The replacement orders the order's exchanges and claims placed, and theirs. */
    private List<OrderId> replacementsOf(OrderId orderId) {
        List<OrderId> found = new ArrayList<>();
        for (ReturnRequest r : e.returns().ofOrder(orderId)) {
            Optional<OrderId> replacement = r.replacement().flatMap(x -> x.orderId());
            if (replacement.isPresent() && !replacement.get().equals(orderId) && !found.contains(replacement.get())) {
                found.addAll(replacementsOf(replacement.get()));
                found.add(replacement.get());
            }
        }
        return found;
    }

    /** The order ended and nothing of it is under way: an erasure now leaves nothing that would need its data. */
    private void requireSettled(Order order) {
        e.orders().decider().decide(order, new OrderCommand.ErasePersonalData()).orThrow();
        for (ReturnRequest r : e.returns().ofOrder(order.id())) {
            if (!r.status().isFinal() && r.status() != ReturnStatus.REFUNDED && r.status() != ReturnStatus.EXCHANGED) {
                throw new RuleViolationException(order.id(), "erase-when-settled", "return " + r.id() + " is "
                        + r.status() + "; erase once it is settled");
            }
        }
        for (ProcessRecord p : e.processes().ofOrder(order.id())) {
            if (p.status() == ProcessStatus.RUNNING || p.status() == ProcessStatus.WAITING) {
                throw new RuleViolationException(order.id(), "erase-when-settled", "process " + p.id() + " ("
                        + p.kind() + ") is " + p.status() + "; erase once it is done (resume() finishes an "
                        + "interrupted one)");
            }
        }
    }

    private void eraseParts(OrderId orderId, CommandKey key) {
        for (ProcessRecord record : e.processes().ofOrder(orderId)) {
            eraseProcess(record);
        }
        e.fulfillment().erasePersonalData(orderId, key.derive("fulfillment"));
        e.returns().erasePersonalData(orderId, key.derive("returns"));
        eraseDraft(e.orders().load(orderId));
    }

    /** The draft or quote the order was converted from, if any. */
    private void eraseDraft(Order order) {
        for (int attempt = 1; ; attempt++) {
            Optional<dev.oms.spi.order.Draft> draft = e.drafts().load(dev.oms.spi.DraftId.of(
                    order.header().externalOrderId().value())).filter(d -> d.orderId().equals(order.id()));
            if (draft.isEmpty() || !PersonalData.holdsPersonalData(draft.get())) {
                return;
            }
            try {
                e.drafts().save(PersonalData.erased(draft.get()));
                return;
            } catch (dev.oms.spi.StaleVersionException.DraftConflictException raced) {
                if (attempt >= ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }

    private void eraseProcess(ProcessRecord first) {
        ProcessRecord record = first;
        for (int attempt = 1; PersonalData.holdsPersonalData(record); attempt++) {
            try {
                e.processes().save(PersonalData.erased(record));
                return;
            } catch (ProcessConflictException raced) {
                if (attempt >= ATTEMPTS) {
                    throw raced;
                }
                Optional<ProcessRecord> now = e.processes().load(record.id());
                if (now.isEmpty()) {
                    return; // purged meanwhile
                }
                record = now.get();
            }
        }
    }
}
