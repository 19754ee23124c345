/**
 * The embedded order store, {@link dev.oms.core.memory.InMemoryOrderStore}: an
 * {@link dev.oms.spi.store.OrderStore} in memory, thread-safe and held to the same contract as the
 * PostgreSQL adapter (versions, command keys, the outbox). Nothing survives the JVM.
 */
package dev.oms.core.memory;
