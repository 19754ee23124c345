package dev.oms.flow;

import dev.oms.core.memory.InMemoryOrderStore;
import dev.oms.flow.memory.InMemoryProcessStore;
import dev.oms.fulfillment.memory.InMemoryFulfillmentStore;
import dev.oms.inventory.memory.InMemoryInventoryStore;
import dev.oms.returns.memory.InMemoryReturnStore;
import dev.oms.spi.InvalidInputException;
import dev.oms.spi.fulfillment.FulfillmentStore;
import dev.oms.spi.inventory.InventoryStore;
import dev.oms.spi.process.ProcessStore;
import dev.oms.spi.returns.ReturnStore;
import dev.oms.spi.store.OrderStore;

/**
 * The five stores the flow works on: the in-memory ones ({@link #inMemory()}), the PostgreSQL
 * adapter's ({@code FlowStores.of(pg.orders(), pg.inventory(), pg.fulfillment(), pg.returns(),
 * pg.processes())}) or a host's own.
 *
 * @param orders orders, their events and outbox
 * @param inventory stock, reservations and the ledger
 * @param fulfillment fulfilment orders and shipments
 * @param returns returns, exchanges and claims
 * @param processes the flow's durable processes
 */
public record FlowStores(OrderStore orders, InventoryStore inventory, FulfillmentStore fulfillment,
        ReturnStore returns, ProcessStore processes) {
    /** @throws InvalidInputException if a store is null */
    public FlowStores {
        InvalidInputException.requireNonNull(orders, "FlowStores.orders");
        InvalidInputException.requireNonNull(inventory, "FlowStores.inventory");
        InvalidInputException.requireNonNull(fulfillment, "FlowStores.fulfillment");
        InvalidInputException.requireNonNull(returns, "FlowStores.returns");
        InvalidInputException.requireNonNull(processes, "FlowStores.processes");
    }

    /**
     * @param orders orders
     * @param inventory stock
     * @param fulfillment fulfilment orders
     * @param returns returns
     * @param processes processes
     * @return the five stores
     */
    public static FlowStores of(OrderStore orders, InventoryStore inventory, FulfillmentStore fulfillment,
            ReturnStore returns, ProcessStore processes) {
        return new FlowStores(orders, inventory, fulfillment, returns, processes);
    }

    /** @return fresh in-memory stores, the embedded default, on the system clock */
    public static FlowStores inMemory() {
        return inMemory(java.time.Clock.systemUTC());
    }

    /**
     * @param clock stamps command keys and closed reservations, so {@link Retention} ages them by it
     * @return fresh in-memory stores
     */
    public static FlowStores inMemory(java.time.Clock clock) {
        return new FlowStores(new InMemoryOrderStore(clock), new InMemoryInventoryStore(clock),
                new InMemoryFulfillmentStore(clock), new InMemoryReturnStore(clock), new InMemoryProcessStore());
    }
}
