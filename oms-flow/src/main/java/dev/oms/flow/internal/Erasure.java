package dev.oms.flow.internal;

import dev.oms.core.OrderCommand;
import dev.oms.spi.CommandKey;
import dev.oms.spi.OrderId;
import dev.oms.spi.internal.PersonalData;
import dev.oms.spi.order.Order;
import dev.oms.spi.process.ProcessConflictException;
import dev.oms.spi.process.ProcessRecord;
import java.util.Optional;

/**
 * The erasure of an order's personal data across the flow's stores: first every process record
 * of the order whose input holds any (an acceptance's addresses and customer, a cancellation's
 * note, a hold's reason, an edit's address, a tracking detail), then the order's fulfilment
 * orders and returns, then the order itself, whose store rewrites its history in the save that
 * records the erasure. The order goes last, so an order that reads as erased has nothing of it
 * left anywhere; each part is idempotent, so a repeat after a crash finishes what the first call
 * did not.
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
     */
    public Order erase(OrderId orderId, CommandKey key) {
        Order order = e.orders().load(orderId);
        CommandKey orderKey = CommandKey.reserved("erasure", key.value());
        if (e.orders().recorded(orderKey).isEmpty()) {
            // refused (the order has not ended) before anything is touched
            e.orders().decider().decide(order, new OrderCommand.ErasePersonalData()).orThrow();
        }
        for (ProcessRecord record : e.processes().ofOrder(orderId)) {
            eraseProcess(record);
        }
        e.fulfillment().erasePersonalData(orderId, CommandKey.reserved("erasure", key.value() + "/fulfillment"));
        e.returns().erasePersonalData(orderId, CommandKey.reserved("erasure", key.value() + "/returns"));
        e.orders().handle(orderId, new OrderCommand.ErasePersonalData(), orderKey);
        return e.orders().load(orderId);
    }

    private void eraseProcess(ProcessRecord first) {
        ProcessRecord record = first;
        for (int attempt = 1; PersonalData.holdsPersonalData(record); attempt++) {
            try {
                e.processes().save(PersonalData.erased(record, e.clock().instant()));
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
