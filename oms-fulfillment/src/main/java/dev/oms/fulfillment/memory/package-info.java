/**
 * The embedded fulfilment store, {@link dev.oms.fulfillment.memory.InMemoryFulfillmentStore}: a
 * {@link dev.oms.spi.fulfillment.FulfillmentStore} in memory, thread-safe and held to the same
 * contract as the PostgreSQL adapter. Nothing survives the JVM.
 */
package dev.oms.fulfillment.memory;
