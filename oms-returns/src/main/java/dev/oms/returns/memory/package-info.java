/**
 * The embedded return store, {@link dev.oms.returns.memory.InMemoryReturnStore}: a
 * {@link dev.oms.spi.returns.ReturnStore} in memory, thread-safe and held to the same contract as
 * the PostgreSQL adapter. Nothing survives the JVM.
 */
package dev.oms.returns.memory;
